"use client";

import { useEffect, useEffectEvent } from "react";
import { keyTargetOf, type RoomKeyAction, roomKeyAction } from "@/lib/scoring/keyboard";
import type { RoomQuestion } from "@/lib/scoring/types";

export interface RoomShortcutState {
  question: RoomQuestion | null;
  questionCount: number;
  questionIndex: number | null;
  /** The criterion marked current (index in the question's criteria). */
  current: number;
  readOnly: boolean;
  covered: (criterionId: string) => boolean;
}

export interface RoomShortcutHandlers {
  go: (index: number | null) => void;
  setCurrent: (index: number) => void;
  setLevel: (criterionId: string, level: number | null) => void;
  setCovered: (criterionId: string, covered: boolean) => void;
  toggleSheet: () => void;
  toggleModelAnswer: () => void;
  focusNote: () => void;
}

/** The criterion whose control has focus, if any (the rubric marks rows with data-criterion-index). */
function focusedCriterion(el: Element | null): { index: number; row: Element } | null {
  const row = el?.closest?.("[data-criterion-index]");
  if (!row) return null;
  const index = Number(row.getAttribute("data-criterion-index"));
  return Number.isInteger(index) ? { index, row } : null;
}

/**
 * The room's keyboard, per lib/scoring/keyboard.ts. One window listener for the room's lifetime;
 * it reads the latest state through an effect event. Keys a focused control handled itself (a
 * radio group's arrows and digits call preventDefault) are left alone.
 *
 * An effect event, not a ref written by an effect after every render: the listener reads the
 * latest state without an effect of its own running after each render (every key press).
 */
export function useRoomShortcuts(state: RoomShortcutState, handlers: RoomShortcutHandlers): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    const target = e.target instanceof Element ? e.target : null;
    const inCriterion = focusedCriterion(target);
    const action = roomKeyAction({
      key: e.key,
      modifier: e.metaKey || e.ctrlKey || e.altKey,
      target: keyTargetOf(target as HTMLElement | null),
      inOtherRadioGroup: Boolean(target?.closest?.('[role="radiogroup"]')) && !inCriterion,
      onQuestion: state.question !== null,
      readOnly: state.readOnly,
      scale: state.question?.scale ?? { min: 0, max: -1 },
    });
    if (!action) return;
    e.preventDefault();
    run(action, state, handlers, inCriterion, target);
  });

  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);
}

function run(action: RoomKeyAction, s: RoomShortcutState, h: RoomShortcutHandlers, inCriterion: { index: number; row: Element } | null, target: Element | null): void {
  const q = s.question;
  // Focus and the mark agree (focusing a criterion makes it current); the focused row wins if a
  // re-render has not caught up yet.
  const index = inCriterion?.index ?? s.current;
  const criterion = q?.criteria[index];
  switch (action.type) {
    case "blur":
      (target as HTMLElement | null)?.blur();
      return;
    case "toggleSheet":
      return h.toggleSheet();
    case "nextQuestion":
      return h.go(s.questionIndex === null ? null : s.questionIndex + 1 >= s.questionCount ? null : s.questionIndex + 1);
    case "previousQuestion":
      return h.go(s.questionIndex === null ? s.questionCount - 1 : Math.max(0, s.questionIndex - 1));
    case "wrapUp":
      return h.go(null);
    case "nextCriterion":
    case "previousCriterion": {
      if (!q) return;
      const next = Math.max(0, Math.min(q.criteria.length - 1, index + (action.type === "nextCriterion" ? 1 : -1)));
      h.setCurrent(next);
      // Focus inside the rubric moves with the mark, to the same kind of control.
      if (inCriterion && target) {
        const row = target.ownerDocument.querySelector(`[data-criterion-index="${next}"]`);
        const selector = target.getAttribute("role") === "radio" ? '[role="radio"][tabindex="0"]' : 'input[type="checkbox"]';
        (row?.querySelector(selector) as HTMLElement | null)?.focus();
      }
      return;
    }
    case "toggleModelAnswer":
      return h.toggleModelAnswer();
    case "focusNote":
      return h.focusNote();
    case "setLevel":
      if (criterion) h.setLevel(criterion.id, action.level);
      return;
    case "clearLevel":
      if (criterion) h.setLevel(criterion.id, null);
      return;
    case "toggleCovered":
      if (criterion) h.setCovered(criterion.id, !s.covered(criterion.id));
      return;
  }
}
