"use client";

import { memo, type RefObject } from "react";
import { RenderedMarkdown } from "@/components/markdown/rendered-markdown";
import { DIFFICULTY_LABELS } from "@/lib/questions/labels";
import { Card } from "@/components/ui/card";
import { scoreQuestion } from "@/lib/rubrics/scoring";
import type { CriterionScoreValue, NoteValue, RoomQuestion } from "@/lib/scoring/types";
import { formatScore } from "./format";
import { NotesPanel } from "./notes-panel";
import { type RoomClock, QuestionBudget } from "./room-clock";
import { RoomLab } from "./room-lab";
import { RubricChecklist, type RubricProps } from "./rubric-checklist";

/** A question's score from the criterion values on screen (unscored criteria are left out, never zero). */
export function questionScore(q: RoomQuestion, criteria: Map<string, CriterionScoreValue>) {
  return scoreQuestion(
    q.criteria.map((c) => ({ key: c.key, weight: c.weight, level: criteria.get(c.id)?.level ?? null })),
    q.scale,
  );
}

/** One question in the room: prompt, model answer, follow-ups and red flags, its demo lab, the rubric and notes. */
export const QuestionView = memo(function QuestionView({ noteRef, ...props }: {
  interviewId: string;
  question: RoomQuestion;
  index: number;
  roomClock: RoomClock;
  criteria: Map<string, CriterionScoreValue>;
  notes: NoteValue[];
  current: number;
  onCurrent: (i: number) => void;
  showModel: boolean;
  onShowModel: (open: boolean) => void;
  readOnly: boolean;
  onLevel: (criterionId: string, level: number | null) => void;
  onCovered: (criterionId: string, covered: boolean) => void;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  onAddNote: (body: string) => void;
  onEditNote: (noteId: string, body: string) => void;
  onDeleteNote: (noteId: string) => void;
}) {
  const q = props.question;
  return (
    <>
      <QuestionPrompt question={q} index={props.index} roomClock={props.roomClock} showModel={props.showModel} onShowModel={props.onShowModel} />
      {q.lab && <RoomLab key={q.id} lab={q.lab} interviewId={props.interviewId} />}
      <RubricCard
        question={q}
        values={props.criteria}
        current={props.current}
        onCurrent={props.onCurrent}
        onLevel={props.onLevel}
        onCovered={props.onCovered}
        readOnly={props.readOnly}
      />
      <Card>
        <NotesPanel ref={noteRef} notes={props.notes} readOnly={props.readOnly} onAdd={props.onAddNote} onEdit={props.onEditNote} onDelete={props.onDeleteNote} />
      </Card>
    </>
  );
});

/**
 * What is asked: title, prompt, model answer, follow-ups, red flags. Its own memo, so a level
 * or a tick (which changes only the rubric) does not re-render the question's text (issue 11).
 */
const QuestionPrompt = memo(function QuestionPrompt({
  question: q,
  index,
  roomClock,
  showModel,
  onShowModel,
}: {
  question: RoomQuestion;
  index: number;
  roomClock: RoomClock;
  showModel: boolean;
  onShowModel: (open: boolean) => void;
}) {
  return (
    <Card className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 className="text-lg font-semibold">
          {index + 1}. {q.title}
        </h2>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          v{q.versionNumber} · {DIFFICULTY_LABELS[q.difficulty]}
        </span>
        <QuestionBudget roomClock={roomClock} questionId={q.id} minutes={q.minutes} />
      </div>
      <RenderedMarkdown html={q.promptHtml} />
      {q.modelAnswerHtml && (
        <details open={showModel} onToggle={(e) => onShowModel(e.currentTarget.open)}>
          <summary className="cursor-pointer text-sm font-medium text-indigo-700 dark:text-indigo-300">Model answer (m)</summary>
          <RenderedMarkdown html={q.modelAnswerHtml} className="mt-2 rounded-md bg-slate-50 p-3 dark:bg-slate-800" />
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
  );
});

/** The rubric and the question's score from it. */
const RubricCard = memo(function RubricCard(props: RubricProps) {
  const q = props.question;
  const score = questionScore(q, props.values);
  return (
    <Card className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">Rubric</h3>
        <p className="text-sm" aria-live="polite">
          Question score <span className="font-semibold" data-testid="question-score">{formatScore(score.score)}</span>
          <span className="text-slate-600 dark:text-slate-400">
            {" "}
            on {q.scale.min}–{q.scale.max} · {score.coverage.scored}/{score.coverage.total} scored
          </span>
        </p>
      </div>
      <RubricChecklist {...props} />
    </Card>
  );
});
