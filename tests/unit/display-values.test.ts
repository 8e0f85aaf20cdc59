// The room's structurally shared view of its fields (lib/scoring/display-values.ts): the values
// are always exactly the new ones as shown on screen, and whatever did not visibly change keeps
// its object — so memoized screens skip work — checked over random updates with fast-check.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayStore, groupValues, sameDisplay, shareValues } from "@/lib/scoring/display-values";
import { type FieldValue, fieldKeyOfValue } from "@/lib/scoring/protocol";

const criterion: fc.Arbitrary<FieldValue> = fc.record({
  kind: fc.constant("criterion" as const),
  interviewQuestionId: fc.constantFrom("q1", "q2"),
  criterionId: fc.constantFrom("c1", "c2", "c3"),
  level: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  covered: fc.boolean(),
  version: fc.integer({ min: 1, max: 5 }),
});
const note: fc.Arbitrary<FieldValue> = fc.record({
  kind: fc.constant("note" as const),
  noteId: fc.constantFrom("n1", "n2", "n3"),
  interviewQuestionId: fc.constantFrom("q1", "q2", null),
  body: fc.constantFrom("a", "b"),
  offsetSeconds: fc.integer({ min: 0, max: 3 }),
  deleted: fc.boolean(),
  version: fc.integer({ min: 1, max: 5 }),
});
const card: fc.Arbitrary<FieldValue> = fc.record({
  kind: fc.constant("scorecard" as const),
  recommendation: fc.constantFrom(null, "YES" as const, "NO" as const),
  summary: fc.constantFrom("", "fine"),
  status: fc.constantFrom("DRAFT" as const, "SUBMITTED" as const),
  version: fc.integer({ min: 1, max: 5 }),
});
/** A list of field values with distinct keys (the last of each key wins, as in the queue's view). */
const fieldList = fc.array(fc.oneof(criterion, note, card), { maxLength: 12 }).map((vs) => [...new Map(vs.map((v) => [fieldKeyOfValue(v), v])).values()]);
const toMap = (vs: FieldValue[]) => new Map(vs.map((v) => [fieldKeyOfValue(v), v]));

describe("shareValues", () => {
  it("shows exactly the new values, reusing an old object only where it looks the same", () => {
    fc.assert(
      fc.property(fieldList, fieldList, (before, after) => {
        const prev = toMap(before);
        const out = shareValues(prev, after);
        expect([...out.keys()].sort()).toEqual(after.map(fieldKeyOfValue).sort());
        for (const v of after) {
          const shown = out.get(fieldKeyOfValue(v))!;
          expect(sameDisplay(shown, v)).toBe(true);
          const old = prev.get(fieldKeyOfValue(v));
          // The old object exactly when it looks the same; the new one otherwise.
          expect(shown).toBe(old && sameDisplay(old, v) ? old : v);
        }
        const unchanged = prev.size === after.length && after.every((v) => prev.has(fieldKeyOfValue(v)) && sameDisplay(prev.get(fieldKeyOfValue(v))!, v));
        expect(out === prev).toBe(unchanged);
      }),
    );
  });

  it("an acknowledgement (only the version moved) keeps the very same map", () => {
    fc.assert(
      fc.property(fieldList, (vs) => {
        const prev = toMap(vs);
        const acked = vs.map((v) => ({ ...v, version: v.version + 1 }));
        expect(shareValues(prev, acked)).toBe(prev);
      }),
    );
  });

  it("sameDisplay ignores the version and nothing else", () => {
    const a: FieldValue = { kind: "criterion", interviewQuestionId: "q1", criterionId: "c1", level: 2, covered: false, version: 1 };
    expect(sameDisplay(a, { ...a, version: 9 })).toBe(true);
    expect(sameDisplay(a, { ...a, level: 3 })).toBe(false);
    expect(sameDisplay(a, { ...a, covered: true })).toBe(false);
    expect(sameDisplay(a, { ...a, criterionId: "c2" })).toBe(false);
  });
});

describe("groupValues", () => {
  it("groups like a fresh grouping, and keeps each question's map and note list whose objects did not change", () => {
    fc.assert(
      fc.property(fieldList, fieldList, (before, after) => {
        const prevValues = toMap(before);
        const prevGroups = groupValues(prevValues);
        const nextValues = shareValues(prevValues, after);
        const shared = groupValues(nextValues, prevGroups);
        const fresh = groupValues(nextValues);
        expect(shared).toEqual(fresh);
        for (const [q, m] of shared.criteria) {
          const old = prevGroups.criteria.get(q);
          const same = old !== undefined && old.size === m.size && [...m].every(([k, v]) => old.get(k) === v);
          expect(m === old).toBe(same);
        }
        for (const [q, list] of shared.notes) {
          const old = prevGroups.notes.get(q);
          const same = old !== undefined && old.length === list.length && list.every((n, i) => old[i] === n);
          expect(list === old).toBe(same);
          // By time in the interview.
          expect(list.map((n) => n.offsetSeconds)).toEqual([...list.map((n) => n.offsetSeconds)].sort((x, y) => x - y));
          expect(list.every((n) => !n.deleted)).toBe(true);
        }
      }),
    );
  });
});

describe("displayStore", () => {
  it("returns the same map until the source's revision moves and something visible changed", () => {
    const base: FieldValue = { kind: "criterion", interviewQuestionId: "q1", criterionId: "c1", level: 1, covered: false, version: 1 };
    let values: FieldValue[] = [base];
    let revision = 0;
    const source = { subscribe: () => () => {}, get revision() { return revision; }, displayValues: () => values };
    const store = displayStore(source);
    const first = store.get();
    expect(store.get()).toBe(first);
    values = [{ ...base, version: 2 }];
    revision++;
    expect(store.get()).toBe(first);
    values = [{ ...base, level: 3, version: 3 }];
    revision++;
    const second = store.get();
    expect(second).not.toBe(first);
    expect(second.get("c:q1:c1")).toMatchObject({ level: 3 });
  });
});
