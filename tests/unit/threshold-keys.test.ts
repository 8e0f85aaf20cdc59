// The ROC lab's threshold slider keys: visible steps, Page Up/Down, Home/End, clamped, no drift.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thresholdAfterKey } from "@/lib/lab/threshold-keys";

describe("threshold slider keys", () => {
  it("moves 0.01 per arrow, 0.001 with Shift, 0.1 per page, to the ends with Home/End", () => {
    expect(thresholdAfterKey(0.5, "ArrowRight", false)).toBe(0.51);
    expect(thresholdAfterKey(0.5, "ArrowUp", false)).toBe(0.51);
    expect(thresholdAfterKey(0.5, "ArrowLeft", false)).toBe(0.49);
    expect(thresholdAfterKey(0.5, "ArrowDown", true)).toBe(0.499);
    expect(thresholdAfterKey(0.5, "PageUp", false)).toBe(0.6);
    expect(thresholdAfterKey(0.5, "PageDown", false)).toBe(0.4);
    expect(thresholdAfterKey(0.5, "Home", false)).toBe(0);
    expect(thresholdAfterKey(0.5, "End", false)).toBe(1);
    expect(thresholdAfterKey(0.5, "a", false)).toBeNull();
    expect(thresholdAfterKey(0.5, "Tab", false)).toBeNull();
  });

  it("ten arrow presses move it by 0.1, exactly; it stays within 0..1 whatever is pressed", () => {
    let v = 0.3;
    for (let i = 0; i < 10; i++) v = thresholdAfterKey(v, "ArrowRight", false)!;
    expect(v).toBe(0.4);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.constantFrom("ArrowRight", "ArrowLeft", "PageUp", "PageDown", "ArrowUp", "ArrowDown"), { maxLength: 40 }), fc.boolean(), (start, keys, shift) => {
        let t = start;
        for (const k of keys) {
          t = thresholdAfterKey(t, k, shift)!;
          expect(t).toBeGreaterThanOrEqual(0);
          expect(t).toBeLessThanOrEqual(1);
          expect(Math.round(t * 1000) / 1000).toBe(t);
        }
      }),
    );
  });
});
