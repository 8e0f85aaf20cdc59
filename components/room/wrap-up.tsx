"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RadioGroup } from "@/components/ui/radio-group";
import { fetchJson } from "@/lib/api/fetch-json";
import { cn } from "@/lib/cn";
import { scaleLevels } from "@/lib/rubrics/scale";
import type { Change } from "@/lib/scoring/mutation-queue";
import { describeDue } from "@/lib/feedback/due";
import { attributeKey, RECOMMENDATIONS, RECOMMENDATION_LABELS, SCORING_LIMITS, type FieldValue } from "@/lib/scoring/protocol";
import type { AttributeScoreValue, RoomState, ScorecardValue } from "@/lib/scoring/types";

const choiceClass = (checked: boolean) =>
  cn(
    "rounded-md border text-sm",
    checked ? "border-indigo-700 bg-indigo-700 text-white" : "border-slate-300 bg-white text-slate-800 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200",
  );

/**
 * The end of the interview: overall attributes, the recommendation, the summary, submit.
 *
 * Submit goes through the same mutation queue as every other change, behind everything still
 * queued for this scorecard (the summary just typed included), so it can neither overtake nor
 * drop them; it shows "Submitting…" until the server has it, and the queue refuses a second
 * submit while one is pending (a double click submits once).
 */
/** "Due in 3 h" / "Overdue by 2 days", read when the wrap-up renders. */
function DueNote({ dueAt }: { dueAt: string }) {
  const d = describeDue(new Date(dueAt), new Date());
  return (
    <p
      className={cn("w-full text-xs", d.overdue ? "font-medium text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400")}
      data-testid="scorecard-due"
      // The server and the browser read the clock moments apart.
      suppressHydrationWarning
    >
      This scorecard is {d.text}.
    </p>
  );
}

export function WrapUp({
  room,
  values,
  card,
  submittedOnServer,
  submitting,
  submitError,
  readOnly,
  enqueue,
  reload,
}: {
  room: RoomState;
  values: Map<string, FieldValue>;
  /** The scorecard as the interviewer sees it (queued changes applied). */
  card: ScorecardValue | undefined;
  submittedOnServer: boolean;
  submitting: boolean;
  submitError: string | null;
  readOnly: boolean;
  enqueue: (change: Change) => void;
  reload: () => Promise<void>;
}) {
  const [summary, setSummary] = useState(card?.summary ?? "");
  const [reopenError, setReopenError] = useState<string | null>(null);
  const dirty = useRef(false);
  const tooLong = summary.length > SCORING_LIMITS.summaryMaxChars;
  const latest = useRef({ summary, saved: card?.summary, tooLong });
  useEffect(() => {
    latest.current = { summary, saved: card?.summary, tooLong };
  });

  /** Puts the summary being typed into the queue now (it is stored on the device at once). */
  const flushSummary = useCallback(() => {
    const { summary: text, saved, tooLong: over } = latest.current;
    if (!dirty.current || over) return;
    dirty.current = false;
    if (text !== saved) enqueue({ kind: "scorecard", summary: text });
  }, [enqueue]);

  // Typing is saved 600 ms after the last key (or on leaving the field), not per keystroke.
  useEffect(() => {
    if (!dirty.current) return;
    const t = setTimeout(flushSummary, 600);
    window.addEventListener("pagehide", flushSummary);
    return () => {
      clearTimeout(t);
      window.removeEventListener("pagehide", flushSummary);
    };
  }, [summary, flushSummary]);
  useEffect(() => {
    if (!dirty.current && card) setSummary(card.summary);
  }, [card]);

  const submit = () => {
    flushSummary();
    enqueue({ kind: "submit" });
  };
  const canSubmit = !readOnly && !submitting && Boolean(card?.recommendation) && !tooLong;
  const levels = scaleLevels(room.scale);

  return (
    <Card className="space-y-5">
      <h2 className="text-lg font-semibold">Wrap-up</h2>
      {room.interview.overallAttributes.length > 0 && (
        <section className="space-y-2" aria-labelledby="wrap-up-attributes">
          <h3 id="wrap-up-attributes" className="text-sm font-semibold">
            Overall attributes
          </h3>
          {room.interview.overallAttributes.map((a) => {
            const v = values.get(attributeKey(a)) as AttributeScoreValue | undefined;
            return (
              <div key={a} className="flex flex-wrap items-center gap-2">
                <span className="w-40 text-sm">{a}</span>
                <RadioGroup
                  label={`Level for ${a}`}
                  options={levels.map((l) => ({ value: l, label: String(l), digit: l }))}
                  value={v?.level ?? null}
                  onChange={(level) => enqueue({ kind: "attribute", attribute: a, level })}
                  disabled={readOnly}
                  clearable
                  className="flex gap-1"
                  radioClassName={(checked) => cn(choiceClass(checked), "h-8 w-8")}
                />
              </div>
            );
          })}
        </section>
      )}
      <section className="space-y-2" aria-labelledby="wrap-up-recommendation">
        <h3 id="wrap-up-recommendation" className="text-sm font-semibold">
          Recommendation
        </h3>
        <RadioGroup
          label="Recommendation"
          options={RECOMMENDATIONS.map((rec, i) => ({ value: rec, label: RECOMMENDATION_LABELS[rec], digit: i + 1 }))}
          value={card?.recommendation ?? null}
          onChange={(rec) => rec && enqueue({ kind: "scorecard", recommendation: rec })}
          disabled={readOnly}
          className="flex flex-wrap gap-2"
          radioClassName={(checked) => cn(choiceClass(checked), "px-3 py-1.5")}
          aria-describedby="wrap-up-recommendation-hint"
        />
        <p id="wrap-up-recommendation-hint" className="text-xs text-slate-600 dark:text-slate-400">
          “No decision” says you weighed the evidence and lean neither way; reports count it on its own, never as a no.
        </p>
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
          onBlur={flushSummary}
          className="w-full rounded-md border border-slate-300 bg-white p-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
        {tooLong && (
          <p role="alert" className="text-xs text-red-700 dark:text-red-400">
            The summary has at most {SCORING_LIMITS.summaryMaxChars.toLocaleString("en")} characters.
          </p>
        )}
      </section>
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4 dark:border-slate-700">
        {submittedOnServer ? (
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
            <Button disabled={!canSubmit} onClick={submit} data-testid="submit-scorecard" aria-describedby="submit-hint">
              {submitting ? "Submitting…" : "Submit scorecard"}
            </Button>
            <p id="submit-hint" className="text-xs text-slate-600 dark:text-slate-400" role="status">
              {submitting
                ? "Submitting after your other changes are saved — your scorecard locks when the server has it."
                : !card?.recommendation
                  ? "Choose a recommendation first."
                  : "Submitting locks your scorecard and shows you the panel's submitted scores."}
            </p>
            {room.me?.dueAt && <DueNote dueAt={room.me.dueAt} />}
          </>
        )}
        {submitError && !submitting && !submittedOnServer && (
          <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400" data-testid="submit-error">
            Not submitted: {submitError}
          </p>
        )}
        {reopenError && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {reopenError}
          </p>
        )}
      </div>
    </Card>
  );
}
