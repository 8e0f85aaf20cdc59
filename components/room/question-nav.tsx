"use client";

import { memo } from "react";
import { cn } from "@/lib/cn";
import { fromNormalized, combineQuestionScores } from "@/lib/rubrics/scoring";
import type { RubricScale } from "@/lib/rubrics/scale";
import { RECOMMENDATION_LABELS, type RecommendationName } from "@/lib/scoring/protocol";
import type { CriterionScoreValue, RoomQuestion } from "@/lib/scoring/types";
import { formatScore } from "./format";
import { questionScore } from "./question-view";
import { type RoomClock, SpentClock } from "./room-clock";

/** The room's table of contents: each question's coverage, scores and time, the wrap-up, the overall score. */
export const QuestionNav = memo(function QuestionNav({
  questions,
  criteriaOf,
  questionIndex,
  onGo,
  roomClock,
  scale,
  wrapUpLabel,
}: {
  questions: RoomQuestion[];
  criteriaOf: (questionId: string) => Map<string, CriterionScoreValue>;
  questionIndex: number | null;
  onGo: (index: number | null) => void;
  roomClock: RoomClock;
  scale: RubricScale;
  wrapUpLabel: string;
}) {
  const scores = questions.map((q) => questionScore(q, criteriaOf(q.id)));
  const overall = combineQuestionScores(questions.map((q, i) => ({ normalized: scores[i]!.normalized, weight: q.minutes })));
  return (
    <nav aria-label="Questions" className="space-y-1">
      {questions.map((q, i) => (
        <QuestionNavItem key={q.id} question={q} index={i} criteria={criteriaOf(q.id)} isCurrent={i === questionIndex} onGo={onGo} roomClock={roomClock} />
      ))}
      <button
        type="button"
        onClick={() => onGo(null)}
        aria-current={questionIndex === null ? "step" : undefined}
        className={cn("w-full rounded-md border px-3 py-2 text-left text-sm", questionIndex === null ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950" : "border-slate-200 dark:border-slate-700")}
      >
        <span className="block font-medium">Wrap-up</span>
        <span className="text-xs text-slate-600 dark:text-slate-400">{wrapUpLabel}</span>
      </button>
      <p className="pt-2 text-sm">
        Overall: <span className="font-semibold" data-testid="overall-score">{overall.normalized === null ? "—" : formatScore(fromNormalized(overall.normalized, scale))}</span>
        <span className="text-xs text-slate-600 dark:text-slate-400"> on {scale.min}–{scale.max}</span>
      </p>
    </nav>
  );
});

/**
 * One question's entry. Memoized on its own criteria (the grouping keeps a question's map while
 * its values are the same objects), so a level key re-renders the entry of the question it
 * scores, not all of them (issue 11).
 */
const QuestionNavItem = memo(function QuestionNavItem({
  question: q,
  index: i,
  criteria,
  isCurrent,
  onGo,
  roomClock,
}: {
  question: RoomQuestion;
  index: number;
  criteria: Map<string, CriterionScoreValue>;
  isCurrent: boolean;
  onGo: (index: number | null) => void;
  roomClock: RoomClock;
}) {
  const covered = q.criteria.filter((c) => criteria.get(c.id)?.covered).length;
  const scored = questionScore(q, criteria).coverage.scored;
  return (
    <button
      type="button"
      onClick={() => onGo(i)}
      aria-current={isCurrent ? "step" : undefined}
      className={cn(
        "w-full rounded-md border px-3 py-2 text-left text-sm",
        isCurrent ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950" : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800",
      )}
    >
      <span className="block font-medium">
        {i + 1}. {q.title}
      </span>
      <span className="text-xs text-slate-600 dark:text-slate-400">
        {covered}/{q.criteria.length} covered · {scored}/{q.criteria.length} scored · <SpentClock roomClock={roomClock} questionId={q.id} />/{q.minutes}:00
      </span>
    </button>
  );
});

export function wrapUpLabelOf(card: { status: string; recommendation: RecommendationName | null } | undefined, submitted: boolean): string {
  if (submitted) return "Submitted";
  return card?.recommendation ? RECOMMENDATION_LABELS[card.recommendation] : "Recommendation, summary, submit";
}
