"use client";

import { type ReactNode, useCallback, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { randomId } from "@/lib/scoring/mutation-queue";
import type { Change } from "@/lib/scoring/mutation-queue";
import type { FieldValue } from "@/lib/scoring/schemas";
import { SCORECARD_KEY } from "@/lib/scoring/protocol";
import { type GroupedValues, groupValues } from "@/lib/scoring/display-values";
import type { CriterionScoreValue, NoteValue, RoomState, ScorecardValue } from "@/lib/scoring/types";
import { QuestionNav, wrapUpLabelOf } from "./question-nav";
import { QuestionView } from "./question-view";
import { ElapsedClock, useRoomClock } from "./room-clock";
import { ShortcutSheet } from "./shortcut-sheet";
import { useRoomShortcuts } from "./use-room-shortcuts";
import { WrapUp } from "./wrap-up";

const EMPTY_CRITERIA = new Map<string, CriterionScoreValue>();
const NO_NOTES: NoteValue[] = [];

export interface RoomWorkspaceProps {
  room: RoomState;
  /** Every field as the interviewer sees it (server values with queued changes applied). */
  values: Map<string, FieldValue>;
  enqueue: (change: Change) => void;
  questionIndex: number | null;
  onQuestionIndex: (index: number | null) => void;
  /** Nothing can be written (lobby, submitted or submitting, closed interview, no scorecard). */
  readOnly: boolean;
  submittedOnServer: boolean;
  submitting: boolean;
  submitError: string | null;
  serverOffsetMs: number;
  reload: () => Promise<void>;
  /** Next to the title: the save status. */
  status?: ReactNode;
  /** Above the questions: lobby, conflicts, rejections. */
  banner?: ReactNode;
  /** The live panel. */
  aside?: ReactNode;
}

/**
 * The room itself, without the network: questions, rubric, notes, wrap-up, clocks, keyboard.
 * InterviewRoom feeds it from useRoom; tests feed it directly.
 */
export function RoomWorkspace(props: RoomWorkspaceProps) {
  const { room, values, enqueue, questionIndex, onQuestionIndex, readOnly } = props;
  const [current, setCurrent] = useState(0);
  const [showModel, setShowModel] = useState(false);
  const [showSheet, setShowSheet] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const closeSheet = useCallback(() => setShowSheet(false), []);

  const question = questionIndex !== null ? (room.questions[questionIndex] ?? null) : null;
  const roomClock = useRoomClock(room.me?.id ?? null, room.interview.startedAt ? (question?.id ?? null) : null);
  // Grouped per question, each question's map and note list kept while its contents are the same
  // objects (React's "adjust state when a prop changes": the previous grouping is state).
  const [lastGrouping, setLastGrouping] = useState<{ values: Map<string, FieldValue>; grouped: GroupedValues }>(() => ({ values, grouped: groupValues(values) }));
  let grouped = lastGrouping.grouped;
  if (lastGrouping.values !== values) {
    grouped = groupValues(values, lastGrouping.grouped);
    setLastGrouping({ values, grouped });
  }
  const criteriaOf = useCallback((questionId: string) => grouped.criteria.get(questionId) ?? EMPTY_CRITERIA, [grouped]);
  const card = values.get(SCORECARD_KEY) as ScorecardValue | undefined;

  const go = useCallback(
    (index: number | null) => {
      const target = index === null ? null : Math.max(0, Math.min(room.questions.length - 1, index));
      // "Previous" on the first question goes nowhere: the current criterion (the one focus is
      // in) stays current, or a level key would land on another criterion than the focused one.
      if (target === questionIndex) return;
      onQuestionIndex(target);
      setCurrent(0);
      setShowModel(false);
    },
    [room.questions.length, onQuestionIndex, questionIndex],
  );
  const setLevel = useCallback(
    (criterionId: string, level: number | null) => question && enqueue({ kind: "criterion", interviewQuestionId: question.id, criterionId, level }),
    [enqueue, question],
  );
  const setCovered = useCallback(
    (criterionId: string, covered: boolean) => question && enqueue({ kind: "criterion", interviewQuestionId: question.id, criterionId, covered }),
    [enqueue, question],
  );
  const startedAt = room.interview.startedAt;
  const serverOffsetMs = props.serverOffsetMs;
  const questionId = question?.id ?? null;
  const addNote = useCallback(
    (body: string) => {
      if (!questionId) return;
      const started = startedAt ? new Date(startedAt).getTime() : null;
      const offsetSeconds = started === null ? 0 : Math.max(0, Math.round((Date.now() + serverOffsetMs - started) / 1000));
      enqueue({ kind: "note.create", noteId: randomId("n"), interviewQuestionId: questionId, body, offsetSeconds });
    },
    [enqueue, questionId, startedAt, serverOffsetMs],
  );
  const editNote = useCallback((noteId: string, body: string) => enqueue({ kind: "note.update", noteId, body }), [enqueue]);
  const deleteNote = useCallback((noteId: string) => enqueue({ kind: "note.delete", noteId }), [enqueue]);

  useRoomShortcuts(
    {
      question,
      questionCount: room.questions.length,
      questionIndex,
      current,
      readOnly,
      covered: (criterionId) => Boolean(question && criteriaOf(question.id).get(criterionId)?.covered),
    },
    {
      go,
      setCurrent,
      setLevel,
      setCovered,
      toggleSheet: () => setShowSheet((s) => !s),
      toggleModelAnswer: () => setShowModel((s) => !s),
      focusNote: () => noteRef.current?.focus(),
    },
  );

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-center gap-3">
        <div className="mr-auto">
          <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-50">{room.interview.title}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {room.interview.candidateName} · elapsed <ElapsedClock roomClock={roomClock} startedAt={room.interview.startedAt} serverOffsetMs={props.serverOffsetMs} /> of{" "}
            {room.interview.durationMinutes}:00
          </p>
        </div>
        {props.status}
        <Button variant="ghost" size="sm" onClick={() => setShowSheet(true)} aria-keyshortcuts="?">
          Shortcuts (?)
        </Button>
      </header>
      {props.banner}
      <div className="grid gap-4 lg:grid-cols-[15rem_1fr_17rem]">
        <QuestionNav
          questions={room.questions}
          criteriaOf={criteriaOf}
          questionIndex={questionIndex}
          onGo={go}
          roomClock={roomClock}
          scale={room.scale}
          wrapUpLabel={wrapUpLabelOf(card, props.submittedOnServer)}
        />
        <div className="min-w-0 space-y-4">
          {question ? (
            <QuestionView
              interviewId={room.interview.id}
              question={question}
              index={questionIndex!}
              roomClock={roomClock}
              criteria={criteriaOf(question.id)}
              notes={grouped.notes.get(question.id) ?? NO_NOTES}
              current={current}
              onCurrent={setCurrent}
              showModel={showModel}
              onShowModel={setShowModel}
              readOnly={readOnly}
              onLevel={setLevel}
              onCovered={setCovered}
              noteRef={noteRef}
              onAddNote={addNote}
              onEditNote={editNote}
              onDeleteNote={deleteNote}
            />
          ) : (
            <WrapUp
              room={room}
              values={values}
              card={card}
              submittedOnServer={props.submittedOnServer}
              submitting={props.submitting}
              submitError={props.submitError}
              readOnly={readOnly}
              enqueue={enqueue}
              reload={props.reload}
            />
          )}
        </div>
        {props.aside}
      </div>
      <ShortcutSheet open={showSheet} onClose={closeSheet} />
    </div>
  );
}
