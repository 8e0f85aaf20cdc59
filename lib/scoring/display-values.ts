import { type FieldValue, fieldKeyOfValue } from "./protocol";
import type { CriterionScoreValue, NoteValue } from "./types";

/**
 * The room's view of its fields, structurally shared between updates: a value the interviewer
 * would see unchanged (only its server version moved, as an acknowledgement does) keeps its
 * previous object, and a map whose every value was kept is the previous map. Memoized screens
 * (a rubric row, a question's notes) then re-render only when what they show changed.
 */

/** Same on screen: every field but the server's version equal. */
export function sameDisplay(a: FieldValue, b: FieldValue): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (k !== "version" && !Object.is(ra[k], rb[k])) return false;
  return true;
}

/** The next field map, reusing `prev`'s objects (and `prev` itself) wherever nothing visible changed. */
export function shareValues(prev: ReadonlyMap<string, FieldValue>, next: Iterable<FieldValue>): Map<string, FieldValue> {
  const out = new Map<string, FieldValue>();
  let same = true;
  for (const v of next) {
    const key = fieldKeyOfValue(v);
    const old = prev.get(key);
    if (old && sameDisplay(old, v)) out.set(key, old);
    else {
      out.set(key, v);
      same = false;
    }
  }
  if (same && out.size === prev.size) {
    // Same keys (every key of `out` is in `prev`, and the sizes match) and the same objects.
    return prev as Map<string, FieldValue>;
  }
  return out;
}

export interface GroupedValues {
  /** Criterion values per interview question, keyed by criterion id. */
  criteria: Map<string, Map<string, CriterionScoreValue>>;
  /** Live (not deleted) notes per interview question (null: general notes), by time in the interview. */
  notes: Map<string | null, NoteValue[]>;
}

function sameMap<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Field values grouped the way the screens read them. With `prev` (the previous grouping), each
 * question's criterion map and note list that holds the same objects as before is the previous one.
 */
export function groupValues(values: ReadonlyMap<string, FieldValue>, prev?: GroupedValues): GroupedValues {
  const criteria = new Map<string, Map<string, CriterionScoreValue>>();
  const notes = new Map<string | null, NoteValue[]>();
  for (const v of values.values()) {
    if (v.kind === "criterion") {
      let m = criteria.get(v.interviewQuestionId);
      if (!m) criteria.set(v.interviewQuestionId, (m = new Map()));
      m.set(v.criterionId, v);
    } else if (v.kind === "note" && !v.deleted) {
      let list = notes.get(v.interviewQuestionId);
      if (!list) notes.set(v.interviewQuestionId, (list = []));
      list.push(v);
    }
  }
  for (const list of notes.values()) list.sort((a, b) => a.offsetSeconds - b.offsetSeconds || (a.noteId < b.noteId ? -1 : a.noteId > b.noteId ? 1 : 0));
  if (prev) {
    for (const [q, m] of criteria) {
      const old = prev.criteria.get(q);
      if (old && sameMap(old, m)) criteria.set(q, old);
    }
    for (const [q, list] of notes) {
      const old = prev.notes.get(q);
      if (old && sameList(old, list)) notes.set(q, old);
    }
  }
  return { criteria, notes };
}

/** Anything that tells its listeners when its display values change (the mutation queue). */
export interface DisplaySource {
  readonly subscribe: (listener: () => void) => () => void;
  readonly revision: number;
  displayValues(): FieldValue[];
}

/**
 * The source's display values as an external store: `get` returns the same map until something
 * visible changed (useSyncExternalStore's getSnapshot).
 */
export function displayStore(source: DisplaySource, start: ReadonlyMap<string, FieldValue> = new Map()) {
  let revision = -1;
  let values = start as Map<string, FieldValue>;
  return {
    subscribe: source.subscribe,
    get(): Map<string, FieldValue> {
      if (revision !== source.revision) {
        values = shareValues(values, source.displayValues());
        revision = source.revision;
      }
      return values;
    },
  };
}
