"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { RoomState, ScorecardValue } from "@/lib/scoring/types";
import { LivePanel } from "./live-panel";
import { RoomLobby } from "./room-lobby";
import { RoomWorkspace } from "./room-workspace";
import { ConflictList, SaveStatus } from "./save-status";
import { useRoom } from "./use-room";

/**
 * The interview room: the server-rendered room (initialRoom) made live — entering, the lobby
 * before the start, the mutation queue and its status, conflicts and rejections, the live panel.
 * The room's screens are in RoomWorkspace.
 */
export function InterviewRoom({ interviewId, initialRoom }: { interviewId: string; initialRoom?: RoomState }) {
  const r = useRoom(interviewId, initialRoom);
  const { room, values, queue, snapshot } = r;

  if (r.loadError && !room) {
    return (
      <Card role="alert" className="border-red-300 text-red-800 dark:text-red-300">
        {r.loadError}
      </Card>
    );
  }
  if (room && r.openElsewhere) {
    return (
      <Card role="alert" className="space-y-2 border-amber-300">
        <p className="font-medium">This scorecard is open in another tab or window.</p>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Keep scoring there — one place per scorecard keeps every change in order. Close the other one and reload this page to continue here.
        </p>
      </Card>
    );
  }
  if (!room) return <p className="text-sm text-slate-600 dark:text-slate-400">Opening the room…</p>;

  const closed = room.interview.status === "CANCELLED" || room.interview.status === "NO_SHOW";
  const serverCard = queue?.serverValue("s") as ScorecardValue | undefined;
  const submittedOnServer = (serverCard ?? room.me?.card)?.status === "SUBMITTED";
  const card = values.get("s") as ScorecardValue | undefined;
  // Until the queue is ready (scorecard created, tab lock held) nothing can be written.
  const readOnly = !queue || !room.me || closed || card?.status === "SUBMITTED";
  const label = (key: string) => fieldLabel(room, key);
  const submitRejection = [...(snapshot?.rejections ?? [])].reverse().find((x) => x.kind === "submit");

  const banner = (
    <>
      {r.inLobby && <RoomLobby room={room} serverOffsetMs={r.serverOffsetMs} onStart={r.start} />}
      {r.loadError && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {r.loadError}
        </p>
      )}
      {closed && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          This interview is closed; nothing can be scored.
        </p>
      )}
      {queue && <ConflictList conflicts={snapshot?.conflicts ?? []} label={label} onResolve={(k, c) => queue.resolveConflict(k, c)} />}
      {(snapshot?.rejections ?? []).map((rej) => (
        <div key={rej.at} role="alert" className="flex items-center gap-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          <span>
            Not saved — {label(rej.key)}: {rej.message}
          </span>
          <Button variant="ghost" size="sm" className="ml-auto" onClick={() => queue?.dismissRejection(rej.at)}>
            Dismiss
          </Button>
        </div>
      ))}
      {snapshot?.status === "signed-out" && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {snapshot.lastError}{" "}
          <a className="underline" href={`/sign-in?callbackUrl=${encodeURIComponent(`/interviews/${room.interview.id}/room`)}`} target="_blank" rel="noreferrer">
            Sign in in a new tab
          </a>
          , then{" "}
          <button type="button" className="underline" onClick={() => queue?.kick()}>
            retry
          </button>
          .
        </p>
      )}
    </>
  );

  return (
    <RoomWorkspace
      room={room}
      values={values}
      enqueue={r.enqueue}
      questionIndex={r.questionIndex}
      onQuestionIndex={r.setQuestionIndex}
      readOnly={readOnly}
      submittedOnServer={submittedOnServer}
      submitting={queue?.submitting ?? false}
      submitError={submitRejection?.message ?? null}
      serverOffsetMs={r.serverOffsetMs}
      reload={r.reload}
      status={<SaveStatus snapshot={snapshot} />}
      banner={banner}
      aside={
        <aside aria-label="Panel">
          <LivePanel panel={r.panel} presence={r.presence} questions={room.questions} totalCriteria={room.totalCriteria} connection={r.connection} pendingCount={queue?.pendingCount ?? 0} />
        </aside>
      }
    />
  );
}

function fieldLabel(room: RoomState, key: string): string {
  if (key === "s") return "Recommendation and summary";
  if (key.startsWith("a:")) return `Attribute “${key.slice(2)}”`;
  if (key.startsWith("n:")) return "A note";
  const [, qid, cid] = key.split(":");
  const q = room.questions.find((x) => x.id === qid);
  const c = q?.criteria.find((x) => x.id === cid);
  return q && c ? `${q.title} — ${c.title}` : "A criterion";
}
