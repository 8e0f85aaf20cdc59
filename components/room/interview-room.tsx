"use client";

import { Card } from "@/components/ui/card";
import type { MutationQueue } from "@/lib/scoring/mutation-queue";
import { SCORECARD_KEY } from "@/lib/scoring/protocol";
import type { RoomState, ScorecardValue } from "@/lib/scoring/types";
import { LivePanel } from "./live-panel";
import { RoomLobby } from "./room-lobby";
import { RoomWorkspace } from "./room-workspace";
import { QueueAlerts, SaveStatus } from "./save-status";
import { useQueueSelect } from "./use-queue-select";
import { useRoom } from "./use-room";

/**
 * The interview room: the server-rendered room (initialRoom) made live — entering, the lobby
 * before the start, the mutation queue and its status, conflicts and rejections, the live panel.
 * The room's screens are in RoomWorkspace.
 */
export function InterviewRoom({ interviewId, initialRoom }: { interviewId: string; initialRoom?: RoomState }) {
  const r = useRoom(interviewId, initialRoom);
  const { room, values, queue } = r;
  // The few things the room itself reads from the queue, each re-rendering it only when it
  // changes (the save status and the alerts subscribe on their own).
  const serverSubmitted = useQueueSelect(queue, (q) => (q.serverValue(SCORECARD_KEY) as ScorecardValue | undefined)?.status === "SUBMITTED", false);
  const submitting = useQueueSelect(queue, (q) => q.submitting, false);
  const submitError = useQueueSelect(queue, (q) => lastSubmitRejection(q), null);
  // The panel's own badge shows our pending count only while offline.
  const pendingCount = useQueueSelect(queue, (q) => (r.connection === "offline" ? q.pendingCount : 0), 0);

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
  const card = values.get(SCORECARD_KEY) as ScorecardValue | undefined;
  // Until the queue is ready (scorecard created, tab lock held) nothing can be written.
  const submittedOnServer = queue ? serverSubmitted : room.me?.card.status === "SUBMITTED";
  const readOnly = !queue || !room.me || closed || card?.status === "SUBMITTED";

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
      {queue && <QueueAlerts queue={queue} room={room} />}
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
      submitting={submitting}
      submitError={submitError}
      serverOffsetMs={r.serverOffsetMs}
      reload={r.reload}
      status={queue && <SaveStatus queue={queue} />}
      banner={banner}
      aside={
        <aside aria-label="Panel">
          <LivePanel panel={r.panel} presence={r.presence} questions={room.questions} totalCriteria={room.totalCriteria} connection={r.connection} pendingCount={pendingCount} />
        </aside>
      }
    />
  );
}

/** Why the last submit was refused (null: it was not). */
function lastSubmitRejection(queue: MutationQueue): string | null {
  const rejections = queue.snapshot().rejections;
  for (let i = rejections.length - 1; i >= 0; i--) if (rejections[i]!.kind === "submit") return rejections[i]!.message;
  return null;
}
