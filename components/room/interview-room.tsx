"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { MarkdownView } from "@/components/markdown/markdown-view";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { fetchJson } from "@/lib/api/fetch-json";
import { cn } from "@/lib/cn";
import { fromNormalized, combineQuestionScores, scoreQuestion } from "@/lib/rubrics/scoring";
import { scaleLevels } from "@/lib/rubrics/scale";
import { randomId } from "@/lib/scoring/mutation-queue";
import { RECOMMENDATIONS, RECOMMENDATION_LABELS, SCORING_LIMITS, type FieldValue } from "@/lib/scoring/schemas";
import type { AttributeScoreValue, CriterionScoreValue, NoteValue, RoomQuestion, RoomState, ScorecardValue } from "@/lib/scoring/types";
import { clock, formatScore } from "./format";
import { LivePanel } from "./live-panel";
import { NotesPanel } from "./notes-panel";
import { RoomLab } from "./room-lab";
import { RubricChecklist } from "./rubric-checklist";
import { ConflictList, SaveStatus } from "./save-status";
import { ShortcutSheet } from "./shortcut-sheet";
import { useRoom } from "./use-room";

const DIFFICULTY = { EASY: "Easy", MEDIUM: "Medium", HARD: "Hard" } as const;

const TEXT_INPUTS = new Set(["text", "search", "email", "number", "password", "url", "tel"]);

/** Keys belong to the field while the interviewer types (checkboxes and buttons are not typing). */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.tagName === "INPUT") return TEXT_INPUTS.has((el as HTMLInputElement).type);
  return el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable;
}

function criterionValues(values: Map<string, FieldValue>, questionId: string): Map<string, CriterionScoreValue> {
  const out = new Map<string, CriterionScoreValue>();
  for (const v of values.values()) if (v.kind === "criterion" && v.interviewQuestionId === questionId) out.set(v.criterionId, v);
  return out;
}

function questionScore(q: RoomQuestion, values: Map<string, FieldValue>) {
  const cv = criterionValues(values, q.id);
  return scoreQuestion(
    q.criteria.map((c) => ({ key: c.key, weight: c.weight, level: cv.get(c.id)?.level ?? null })),
    q.scale,
  );
}

/** Seconds spent on each question, kept per scorecard so a reload keeps the budget honest. */
function useQuestionClock(scorecardId: string | null, current: string | null) {
  const [spent, setSpent] = useState<Record<string, number>>({});
  useEffect(() => {
    if (!scorecardId) return;
    const key = `panelist.room.time.${scorecardId}`;
    const read = (): Record<string, number> => {
      try {
        return JSON.parse(localStorage.getItem(key) ?? "{}") as Record<string, number>;
      } catch {
        return {};
      }
    };
    const tick = (add: number) => {
      const next = read();
      if (current && add) next[current] = (next[current] ?? 0) + add;
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        /* storage full: the budget display is a convenience */
      }
      setSpent(next);
    };
    const first = setTimeout(() => tick(0), 0);
    const t = setInterval(() => tick(1), 1000);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, [scorecardId, current]);
  return spent;
}

export function InterviewRoom({ interviewId }: { interviewId: string }) {
  const r = useRoom(interviewId);
  const { room, values, enqueue, queue, snapshot, questionIndex, setQuestionIndex } = r;
  const [focused, setFocused] = useState(0);
  const [showModel, setShowModel] = useState(false);
  const [showSheet, setShowSheet] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const noteRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  const question = room && questionIndex !== null ? (room.questions[questionIndex] ?? null) : null;
  const spent = useQuestionClock(room?.me?.id ?? null, question?.id ?? null);
  const card = values.get("s") as ScorecardValue | undefined;
  const submitted = card?.status === "SUBMITTED";
  const readOnly = submitted || !room?.me || room.interview.status === "CANCELLED" || room.interview.status === "NO_SHOW";

  const setLevel = useCallback(
    (q: RoomQuestion, criterionId: string, level: number | null) => enqueue({ kind: "criterion", interviewQuestionId: q.id, criterionId, level }),
    [enqueue],
  );
  const setCovered = useCallback(
    (q: RoomQuestion, criterionId: string, covered: boolean) => enqueue({ kind: "criterion", interviewQuestionId: q.id, criterionId, covered }),
    [enqueue],
  );
  const serverNow = r.serverNow;
  const startedAtIso = room?.interview.startedAt ?? null;
  const offsetNow = useCallback(() => {
    if (!startedAtIso) return 0;
    return Math.max(0, Math.round((serverNow() - new Date(startedAtIso).getTime()) / 1000));
  }, [startedAtIso, serverNow]);

  const go = useCallback(
    (index: number | null) => {
      if (!room) return;
      setQuestionIndex(index === null ? null : Math.max(0, Math.min(room.questions.length - 1, index)));
      setFocused(0);
      setShowModel(false);
    },
    [room, setQuestionIndex],
  );

  // Keyboard first: see SHORTCUTS.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!room) return;
      if (e.key === "Escape") {
        if (isTyping(e.target)) (e.target as HTMLElement).blur();
        return;
      }
      if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      // Buttons and checkboxes keep Space/Enter for themselves.
      if ((e.key === " " || e.key === "Enter") && target && ["BUTTON", "A", "INPUT", "SUMMARY"].includes(target.tagName)) return;
      const q = question;
      const crit = q?.criteria[focused];
      if (e.key === "?") setShowSheet((s) => !s);
      else if (e.key === "]" || e.key === "ArrowRight") go(questionIndex === null ? null : questionIndex + 1 >= room.questions.length ? null : questionIndex + 1);
      else if (e.key === "[" || e.key === "ArrowLeft") go(questionIndex === null ? room.questions.length - 1 : questionIndex - 1);
      else if (e.key === "w") go(null);
      else if (!q) return;
      else if (e.key === "j" || e.key === "ArrowDown") setFocused((f) => Math.min(q.criteria.length - 1, f + 1));
      else if (e.key === "k" || e.key === "ArrowUp") setFocused((f) => Math.max(0, f - 1));
      else if (e.key === "m") setShowModel((s) => !s);
      else if (e.key === "n" && !readOnly) noteRef.current?.focus();
      else if (readOnly || !crit) return;
      else if (/^[0-9]$/.test(e.key)) {
        const level = Number(e.key);
        if (level >= q.scale.min && level <= q.scale.max) setLevel(q, crit.id, level);
      } else if (e.key === "x") setLevel(q, crit.id, null);
      else if (e.key === "c" || e.key === " ") setCovered(q, crit.id, !(values.get(`c:${q.id}:${crit.id}`) as CriterionScoreValue | undefined)?.covered);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [room, question, questionIndex, focused, readOnly, values, go, setLevel, setCovered]);

  if (r.loadError) {
    return (
      <Card role="alert" className="border-red-300 text-red-800">
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
  if (!room || !queue) return <p className="text-sm text-slate-600">Opening the room…</p>;

  const startedAt = room.interview.startedAt ? new Date(room.interview.startedAt).getTime() : null;
  const elapsed = startedAt ? (r.serverNow() - startedAt) / 1000 : 0;
  void now; // re-render each second for the clocks
  const overall = combineQuestionScores(room.questions.map((q) => ({ normalized: questionScore(q, values).normalized, weight: q.minutes })));
  const label = (key: string) => fieldLabel(room, key);

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-center gap-3">
        <div className="mr-auto">
          <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-50">{room.interview.title}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {room.interview.candidateName} · elapsed <span className="font-mono" data-testid="elapsed">{clock(elapsed)}</span> of {room.interview.durationMinutes}:00
          </p>
        </div>
        <SaveStatus snapshot={snapshot} />
        <Button variant="ghost" size="sm" onClick={() => setShowSheet(true)} aria-keyshortcuts="?">
          Shortcuts (?)
        </Button>
      </header>

      {(room.interview.status === "CANCELLED" || room.interview.status === "NO_SHOW") && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">This interview is closed; nothing can be scored.</p>
      )}
      <ConflictList conflicts={snapshot?.conflicts ?? []} label={label} onResolve={(k, c) => queue.resolveConflict(k, c)} />
      {(snapshot?.rejections ?? []).map((rej) => (
        <div key={rej.at} role="alert" className="flex items-center gap-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          <span>
            Not saved — {label(rej.key)}: {rej.message}
          </span>
          <Button variant="ghost" size="sm" className="ml-auto" onClick={() => queue.dismissRejection(rej.at)}>
            Dismiss
          </Button>
        </div>
      ))}
      {snapshot?.status === "signed-out" && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm">
          {snapshot.lastError}{" "}
          <a className="underline" href={`/sign-in?callbackUrl=${encodeURIComponent(`/interviews/${room.interview.id}/room`)}`} target="_blank" rel="noreferrer">
            Sign in in a new tab
          </a>
          , then <button className="underline" onClick={() => queue.kick()}>retry</button>.
        </p>
      )}

      <div className="grid gap-4 lg:grid-cols-[15rem_1fr_17rem]">
        <nav aria-label="Questions" className="space-y-1">
          {room.questions.map((q, i) => {
            const s = questionScore(q, values);
            const covered = q.criteria.filter((c) => (values.get(`c:${q.id}:${c.id}`) as CriterionScoreValue | undefined)?.covered).length;
            return (
              <button
                key={q.id}
                type="button"
                onClick={() => go(i)}
                aria-current={i === questionIndex ? "step" : undefined}
                className={cn(
                  "w-full rounded-md border px-3 py-2 text-left text-sm",
                  i === questionIndex ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950" : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800",
                )}
              >
                <span className="block font-medium">
                  {i + 1}. {q.title}
                </span>
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {covered}/{q.criteria.length} covered · {s.coverage.scored}/{q.criteria.length} scored · {clock(spent[q.id] ?? 0)}/{q.minutes}:00
                </span>
              </button>
            );
          })}
          <button
            type="button"
            onClick={() => go(null)}
            aria-current={questionIndex === null ? "step" : undefined}
            className={cn("w-full rounded-md border px-3 py-2 text-left text-sm", questionIndex === null ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950" : "border-slate-200 dark:border-slate-700")}
          >
            <span className="block font-medium">Wrap-up</span>
            <span className="text-xs text-slate-600 dark:text-slate-400">{submitted ? "Submitted" : card?.recommendation ? RECOMMENDATION_LABELS[card.recommendation] : "Recommendation, summary, submit"}</span>
          </button>
          <p className="pt-2 text-sm">
            Overall: <span className="font-semibold" data-testid="overall-score">{overall.normalized === null ? "—" : formatScore(fromNormalized(overall.normalized, room.scale))}</span>
            <span className="text-xs text-slate-600"> on {room.scale.min}–{room.scale.max}</span>
          </p>
        </nav>

        <main className="min-w-0 space-y-4">
          {question ? (
            <QuestionView
              interviewId={room.interview.id}
              question={question}
              index={questionIndex!}
              spent={spent[question.id] ?? 0}
              values={values}
              focused={focused}
              onFocus={setFocused}
              showModel={showModel}
              onToggleModel={() => setShowModel((s) => !s)}
              readOnly={readOnly}
              onLevel={(cid, l) => setLevel(question, cid, l)}
              onCovered={(cid, c) => setCovered(question, cid, c)}
              noteRef={noteRef}
              onAddNote={(body) => enqueue({ kind: "note.create", noteId: randomId("n"), interviewQuestionId: question.id, body, offsetSeconds: offsetNow() })}
              onEditNote={(noteId, body) => enqueue({ kind: "note.update", noteId, body })}
              onDeleteNote={(noteId) => enqueue({ kind: "note.delete", noteId })}
            />
          ) : (
            <WrapUp room={room} values={values} card={card} readOnly={readOnly} queueBusy={(snapshot?.pending ?? 0) > 0 || (snapshot?.conflicts.length ?? 0) > 0} enqueue={enqueue} reload={r.reload} />
          )}
        </main>

        <aside>
          <LivePanel panel={r.panel} presence={r.presence} questions={room.questions} totalCriteria={room.totalCriteria} connected={r.liveConnected} />
        </aside>
      </div>
      <ShortcutSheet open={showSheet} onClose={() => setShowSheet(false)} />
    </div>
  );
}

function QuestionView(props: {
  interviewId: string;
  question: RoomQuestion;
  index: number;
  spent: number;
  values: Map<string, FieldValue>;
  focused: number;
  onFocus: (i: number) => void;
  showModel: boolean;
  onToggleModel: () => void;
  readOnly: boolean;
  onLevel: (criterionId: string, level: number | null) => void;
  onCovered: (criterionId: string, covered: boolean) => void;
  noteRef: React.RefObject<HTMLTextAreaElement | null>;
  onAddNote: (body: string) => void;
  onEditNote: (noteId: string, body: string) => void;
  onDeleteNote: (noteId: string) => void;
}) {
  const { noteRef, onAddNote, onEditNote, onDeleteNote, readOnly } = props;
  const q = props.question;
  const score = questionScore(q, props.values);
  const over = props.spent > q.minutes * 60;
  const notes = [...props.values.values()].filter((v): v is NoteValue => v.kind === "note" && v.interviewQuestionId === q.id && !v.deleted).sort((a, b) => a.offsetSeconds - b.offsetSeconds);
  return (
    <>
      <Card className="space-y-3">
        <div className="flex flex-wrap items-baseline gap-2">
          <h2 className="text-lg font-semibold">
            {props.index + 1}. {q.title}
          </h2>
          <span className="text-xs text-slate-600">
            v{q.versionNumber} · {DIFFICULTY[q.difficulty]}
          </span>
          <span className={cn("ml-auto font-mono text-sm", over ? "font-semibold text-red-700" : "text-slate-700 dark:text-slate-300")} data-testid="question-budget">
            {clock(props.spent)} / {q.minutes}:00{over ? " — over budget" : ""}
          </span>
        </div>
        <MarkdownView source={q.prompt} />
        {q.modelAnswer && (
          <details open={props.showModel} onToggle={(e) => (e.currentTarget.open !== props.showModel ? props.onToggleModel() : undefined)}>
            <summary className="cursor-pointer text-sm font-medium text-indigo-700 dark:text-indigo-300">Model answer (m)</summary>
            <MarkdownView source={q.modelAnswer} className="mt-2 rounded-md bg-slate-50 p-3 dark:bg-slate-800" />
          </details>
        )}
        <div className="grid gap-3 sm:grid-cols-2">
          {q.followUps.length > 0 && (
            <div>
              <h3 className="text-sm font-semibold">Follow-ups</h3>
              <ul className="list-disc pl-5 text-sm">
                {q.followUps.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </div>
          )}
          {q.redFlags.length > 0 && (
            <div>
              <h3 className="text-sm font-semibold text-red-800 dark:text-red-300">Red flags</h3>
              <ul className="list-disc pl-5 text-sm">
                {q.redFlags.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </Card>
      {q.lab && <RoomLab key={q.id} lab={q.lab} interviewId={props.interviewId} />}
      <Card className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h3 className="font-semibold">Rubric</h3>
          <p className="text-sm" aria-live="polite">
            Question score <span className="font-semibold" data-testid="question-score">{formatScore(score.score)}</span>
            <span className="text-slate-600">
              {" "}
              on {q.scale.min}–{q.scale.max} · {score.coverage.scored}/{score.coverage.total} scored
            </span>
          </p>
        </div>
        <RubricChecklist question={q} values={criterionValues(props.values, q.id)} focused={props.focused} onFocus={props.onFocus} onLevel={props.onLevel} onCovered={props.onCovered} readOnly={props.readOnly} />
      </Card>
      <Card>
        <NotesPanel ref={noteRef} notes={notes} readOnly={readOnly} onAdd={onAddNote} onEdit={onEditNote} onDelete={onDeleteNote} />
      </Card>
    </>
  );
}

function WrapUp({
  room,
  values,
  card,
  readOnly,
  queueBusy,
  enqueue,
  reload,
}: {
  room: RoomState;
  values: Map<string, FieldValue>;
  card: ScorecardValue | undefined;
  readOnly: boolean;
  queueBusy: boolean;
  enqueue: ReturnType<typeof useRoom>["enqueue"];
  reload: () => Promise<void>;
}) {
  const [summary, setSummary] = useState(card?.summary ?? "");
  const [reopenError, setReopenError] = useState<string | null>(null);
  const dirty = useRef(false);
  // Typing is saved 600 ms after the last key (or on leaving the field), not per keystroke.
  useEffect(() => {
    if (!dirty.current) return;
    const flush = () => {
      if (!dirty.current) return;
      dirty.current = false;
      if (summary !== card?.summary) enqueue({ kind: "scorecard", summary });
    };
    const t = setTimeout(flush, 600);
    // Leaving within the pause: the text goes into the queue (stored at once) rather than nowhere.
    window.addEventListener("pagehide", flush);
    return () => {
      clearTimeout(t);
      window.removeEventListener("pagehide", flush);
    };
  }, [summary, card?.summary, enqueue]);
  useEffect(() => {
    if (!dirty.current && card) setSummary(card.summary);
  }, [card]);
  const tooLong = summary.length > SCORING_LIMITS.summaryMaxChars;

  return (
    <Card className="space-y-5">
      <h2 className="text-lg font-semibold">Wrap-up</h2>
      {room.interview.overallAttributes.length > 0 && (
        <section className="space-y-2" aria-label="Overall attributes">
          <h3 className="text-sm font-semibold">Overall attributes</h3>
          {room.interview.overallAttributes.map((a) => {
            const v = values.get(`a:${a}`) as AttributeScoreValue | undefined;
            return (
              <div key={a} className="flex flex-wrap items-center gap-2">
                <span className="w-40 text-sm">{a}</span>
                <div role="radiogroup" aria-label={`Level for ${a}`} className="flex gap-1">
                  {scaleLevels(room.scale).map((l) => (
                    <button
                      key={l}
                      type="button"
                      role="radio"
                      aria-checked={v?.level === l}
                      disabled={readOnly}
                      onClick={() => enqueue({ kind: "attribute", attribute: a, level: v?.level === l ? null : l })}
                      className={cn("h-8 w-8 rounded-md border text-sm", v?.level === l ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 dark:border-slate-600")}
                    >
                      {l}
                    </button>
                  ))}
                </div>
              </div>
            );
          })}
        </section>
      )}
      <section className="space-y-2" aria-label="Recommendation">
        <h3 className="text-sm font-semibold">Recommendation</h3>
        <div role="radiogroup" aria-label="Recommendation" className="flex flex-wrap gap-2">
          {RECOMMENDATIONS.map((rec) => (
            <button
              key={rec}
              type="button"
              role="radio"
              aria-checked={card?.recommendation === rec}
              disabled={readOnly}
              onClick={() => enqueue({ kind: "scorecard", recommendation: rec })}
              className={cn("rounded-md border px-3 py-1.5 text-sm", card?.recommendation === rec ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 dark:border-slate-600")}
            >
              {RECOMMENDATION_LABELS[rec]}
            </button>
          ))}
        </div>
      </section>
      <section className="space-y-1">
        <label htmlFor="summary" className="text-sm font-semibold">
          Summary
        </label>
        <textarea
          id="summary"
          rows={6}
          value={summary}
          disabled={readOnly}
          onChange={(e) => {
            dirty.current = true;
            setSummary(e.target.value);
          }}
          onBlur={() => {
            if (dirty.current && summary !== card?.summary && !tooLong) {
              dirty.current = false;
              enqueue({ kind: "scorecard", summary });
            }
          }}
          className="w-full rounded-md border border-slate-300 bg-white p-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
        {tooLong && (
          <p role="alert" className="text-xs text-red-700">
            The summary has at most {SCORING_LIMITS.summaryMaxChars.toLocaleString("en")} characters.
          </p>
        )}
      </section>
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4 dark:border-slate-700">
        {card?.status === "SUBMITTED" ? (
          <>
            <p className="text-sm font-medium text-emerald-800 dark:text-emerald-300" data-testid="submitted">
              Submitted — your scorecard is locked. The panel&apos;s submitted scorecards are shown on the right.
            </p>
            {room.viewer.canReopen && room.me && (
              <Button
                variant="secondary"
                onClick={async () => {
                  setReopenError(null);
                  try {
                    await fetchJson(`/api/scorecards/${room.me!.id}/reopen`, { method: "POST", json: { reason: "Reopened from the room" } });
                    await reload();
                  } catch (err) {
                    setReopenError(err instanceof Error ? err.message : "Could not reopen.");
                  }
                }}
              >
                Reopen (audited)
              </Button>
            )}
          </>
        ) : (
          <>
            <Button disabled={readOnly || queueBusy || !card?.recommendation} onClick={() => enqueue({ kind: "submit" })}>
              Submit scorecard
            </Button>
            <p className="text-xs text-slate-600">
              {!card?.recommendation ? "Choose a recommendation first." : queueBusy ? "Waiting for your changes to save…" : "Submitting locks your scorecard and shows you the panel's submitted scores."}
            </p>
          </>
        )}
        {reopenError && (
          <p role="alert" className="text-sm text-red-700">
            {reopenError}
          </p>
        )}
      </div>
    </Card>
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
