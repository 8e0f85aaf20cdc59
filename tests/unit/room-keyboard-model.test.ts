// The room's keyboard model (lib/scoring/keyboard.ts) on its own: the rules that keep a key
// from reaching a field the interviewer did not mean, checked over every key and context.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type KeyContext, keyTargetOf, type KeyTarget, roomKeyAction } from "@/lib/scoring/keyboard";

const keys = fc.oneof(fc.constantFrom("0", "1", "4", "5", "9", "x", "c", "j", "k", "n", "m", "w", "?", "[", "]", " ", "Enter", "Escape", "Tab", "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"), fc.string({ maxLength: 2 }));
const context: fc.Arbitrary<KeyContext> = fc.record({
  key: keys,
  modifier: fc.boolean(),
  target: fc.constantFrom<KeyTarget>("text", "arrows", "activatable", "none"),
  inOtherRadioGroup: fc.boolean(),
  onQuestion: fc.boolean(),
  readOnly: fc.boolean(),
  scale: fc.constantFrom({ min: 0, max: 4 }, { min: 1, max: 5 }, { min: 1, max: 3 }),
});

const WRITES = new Set(["setLevel", "clearLevel", "toggleCovered"]);

describe("roomKeyAction", () => {
  it("never acts while the interviewer types, except Escape to leave the field", () => {
    fc.assert(fc.property(context, (k) => {
      const a = roomKeyAction({ ...k, target: "text" });
      expect(a === null || (a.type === "blur" && k.key === "Escape" && !k.modifier)).toBe(true);
    }));
  });

  it("never takes an arrow key from a control that moves with arrows", () => {
    fc.assert(fc.property(context, fc.constantFrom("ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"), (k, key) => {
      expect(roomKeyAction({ ...k, key, target: "arrows" })).toBeNull();
    }));
  });

  it("never takes Space from a button, checkbox or radio", () => {
    fc.assert(fc.property(context, fc.constantFrom<KeyTarget>("arrows", "activatable"), (k, target) => {
      expect(roomKeyAction({ ...k, key: " ", target })).toBeNull();
    }));
  });

  it("writes nothing when read-only, off a question, with a modifier, or for a digit off the scale", () => {
    fc.assert(fc.property(context, (k) => {
      const a = roomKeyAction(k);
      if (!a || !WRITES.has(a.type)) return;
      expect(k.readOnly || !k.onQuestion || k.modifier || k.target === "text").toBe(false);
      if (a.type === "setLevel") {
        expect(a.level).toBeGreaterThanOrEqual(k.scale.min);
        expect(a.level).toBeLessThanOrEqual(k.scale.max);
        expect(k.inOtherRadioGroup).toBe(false);
        expect(String(a.level)).toBe(k.key);
      }
    }));
  });

  it("digits inside the recommendation or an attribute group are left to that group", () => {
    expect(roomKeyAction({ key: "2", modifier: false, target: "arrows", inOtherRadioGroup: true, onQuestion: true, readOnly: false, scale: { min: 0, max: 4 } })).toBeNull();
    expect(roomKeyAction({ key: "2", modifier: false, target: "arrows", inOtherRadioGroup: false, onQuestion: true, readOnly: false, scale: { min: 0, max: 4 } })).toEqual({ type: "setLevel", level: 2 });
  });
});

describe("keyTargetOf", () => {
  const el = (tagName: string, attrs: Record<string, string> = {}, isContentEditable = false) => ({ tagName, isContentEditable, getAttribute: (n: string) => attrs[n] ?? null });
  it("classifies the room's controls", () => {
    expect(keyTargetOf(el("TEXTAREA"))).toBe("text");
    expect(keyTargetOf(el("INPUT"))).toBe("text");
    expect(keyTargetOf(el("INPUT", { type: "checkbox" }))).toBe("activatable");
    expect(keyTargetOf(el("INPUT", { type: "range" }))).toBe("arrows");
    expect(keyTargetOf(el("BUTTON", { role: "radio" }))).toBe("arrows");
    expect(keyTargetOf(el("BUTTON"))).toBe("activatable");
    expect(keyTargetOf(el("SUMMARY"))).toBe("activatable");
    expect(keyTargetOf(el("DIV", {}, true))).toBe("text");
    expect(keyTargetOf(el("BODY"))).toBe("none");
    expect(keyTargetOf(null)).toBe("none");
  });
});
