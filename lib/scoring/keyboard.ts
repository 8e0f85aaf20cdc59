// The interview room's keyboard model, as one pure function (written down for people in
// lib/scoring/README.md and in the room's shortcut sheet, components/room/shortcut-sheet.tsx).
//
// The rule that matters: a level key (0–9), `x` and `c` act on the *current criterion*, and the
// current criterion is always the one the interviewer can see marked — focusing any control of a
// criterion makes it current (the room does that on focus), `j`/`k` move the mark and the focus
// together. So the criterion that is visibly marked is the one that gets written, always.
//
// Room shortcuts never fire while focus is in a text field, and never take a key the focused
// control uses itself: arrows inside radio groups and sliders, Space/Enter on buttons,
// checkboxes, links and disclosure summaries. Radio groups other than a criterion's levels
// (overall attributes, the recommendation) handle their own digits.
// No DOM or React here, so a property test can check the model on its own.

/** What the focused element is, as far as the room's shortcuts care. */
export type KeyTarget =
  /** Typing: text inputs, textareas, selects, contenteditable. Every key belongs to the field. */
  | "text"
  /** A control that moves with arrow keys: a radio (in any radio group), a slider, a tab list. */
  | "arrows"
  /** A control that Space/Enter activate: a button, a checkbox, a link, a summary. */
  | "activatable"
  /** Nothing in particular (the page body, a heading, a card). */
  | "none";

export interface KeyContext {
  key: string;
  /** Ctrl/Meta/Alt held: the browser's and the system's shortcuts, never ours. */
  modifier: boolean;
  target: KeyTarget;
  /** Focus is inside a radio group that is not a criterion's levels (it handles digits itself). */
  inOtherRadioGroup: boolean;
  /** A question is on screen (not the wrap-up, not the lobby). */
  onQuestion: boolean;
  readOnly: boolean;
  scale: { min: number; max: number };
}

export type RoomKeyAction =
  | { type: "blur" }
  | { type: "toggleSheet" }
  | { type: "nextQuestion" }
  | { type: "previousQuestion" }
  | { type: "wrapUp" }
  | { type: "nextCriterion" }
  | { type: "previousCriterion" }
  | { type: "toggleModelAnswer" }
  | { type: "focusNote" }
  | { type: "setLevel"; level: number }
  | { type: "clearLevel" }
  | { type: "toggleCovered" };

/** The action a key press means in the room, or null when the room leaves the key alone. */
export function roomKeyAction(k: KeyContext): RoomKeyAction | null {
  if (k.modifier) return null;
  if (k.target === "text") return k.key === "Escape" ? { type: "blur" } : null;
  const arrowsTaken = k.target === "arrows";
  switch (k.key) {
    case "?":
      return { type: "toggleSheet" };
    case "]":
      return { type: "nextQuestion" };
    case "[":
      return { type: "previousQuestion" };
    case "ArrowRight":
      return arrowsTaken ? null : { type: "nextQuestion" };
    case "ArrowLeft":
      return arrowsTaken ? null : { type: "previousQuestion" };
    case "w":
      return { type: "wrapUp" };
  }
  if (!k.onQuestion) return null;
  switch (k.key) {
    case "j":
      return { type: "nextCriterion" };
    case "k":
      return { type: "previousCriterion" };
    case "ArrowDown":
      return arrowsTaken ? null : { type: "nextCriterion" };
    case "ArrowUp":
      return arrowsTaken ? null : { type: "previousCriterion" };
    case "m":
      return { type: "toggleModelAnswer" };
    case "n":
      return k.readOnly ? null : { type: "focusNote" };
  }
  if (k.readOnly) return null;
  if (/^[0-9]$/.test(k.key)) {
    if (k.inOtherRadioGroup) return null;
    const level = Number(k.key);
    return level >= k.scale.min && level <= k.scale.max ? { type: "setLevel", level } : null;
  }
  if (k.key === "x") return { type: "clearLevel" };
  if (k.key === "c") return { type: "toggleCovered" };
  // Space ticks the current criterion only when no focused control wants it.
  if (k.key === " ") return k.target === "none" ? { type: "toggleCovered" } : null;
  return null;
}

const TEXT_INPUT_TYPES = new Set(["text", "search", "email", "number", "password", "url", "tel", "date", "datetime-local", "time", "month", "week"]);
const ARROW_ROLES = new Set(["radio", "slider", "tab", "menuitem", "menuitemradio", "option", "spinbutton"]);

/** Classifies a DOM element for roomKeyAction (structural typing: no DOM lib needed here). */
export function keyTargetOf(el: { tagName: string; isContentEditable?: boolean; getAttribute(name: string): string | null } | null): KeyTarget {
  if (!el || typeof el.tagName !== "string") return "none";
  const tag = el.tagName.toUpperCase();
  const role = el.getAttribute("role");
  if (tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable || role === "textbox" || role === "combobox") return "text";
  if (tag === "INPUT") {
    const type = (el.getAttribute("type") ?? "text").toLowerCase();
    if (TEXT_INPUT_TYPES.has(type)) return "text";
    if (type === "radio" || type === "range") return "arrows";
    return "activatable";
  }
  if (role && ARROW_ROLES.has(role)) return "arrows";
  if (tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || role === "button" || role === "checkbox" || role === "link") return "activatable";
  return "none";
}
