// The room's clocks tick once a second; a tick must re-render the clocks and nothing else —
// not the question, the rubric, the notes, the navigation or the wrap-up. Each component is
// wrapped in a counter (the real component still renders), then time moves on.
import { act, cleanup, render } from "@testing-library/react";
import { type ComponentType, createElement, type ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Change } from "@/lib/scoring/mutation-queue";
import { RoomHarness } from "../helpers/room-harness";
import { roomStateFixture } from "../helpers/room-state";

const renders = vi.hoisted(() => new Map<string, number>());
const count = (name: string) => renders.set(name, (renders.get(name) ?? 0) + 1);

/**
 * Wraps components in a render counter. A plain function component is called inside the wrapper
 * (its hooks become the wrapper's, so a store update that re-renders it is counted); a memo
 * component is rendered as the wrapper's child (the wrapper counts its parent's re-renders).
 */
function counted<M extends Record<string, unknown>>(actual: M, names: string[]): M {
  const out: Record<string, unknown> = { ...actual };
  for (const name of names) {
    const Real = actual[name];
    out[name] = (props: object) => {
      count(name);
      return typeof Real === "function" ? (Real as (p: object) => ReactNode)(props) : createElement(Real as ComponentType<object>, props);
    };
  }
  return out as M;
}

vi.mock("@/components/room/room-clock", async (importOriginal) => counted(await importOriginal<Record<string, unknown>>(), ["SpentClock", "QuestionBudget", "ElapsedClock"]));
vi.mock("@/components/room/question-nav", async (importOriginal) => counted(await importOriginal<Record<string, unknown>>(), ["QuestionNav"]));
vi.mock("@/components/room/question-view", async (importOriginal) => counted(await importOriginal<Record<string, unknown>>(), ["QuestionView"]));
vi.mock("@/components/room/notes-panel", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/components/room/notes-panel")>();
  const { forwardRef, createElement } = await import("react");
  return {
    ...actual,
    NotesPanel: forwardRef<HTMLTextAreaElement, Parameters<typeof actual.NotesPanel>[0]>(function CountedNotes(props, ref) {
      count("NotesPanel");
      return createElement(actual.NotesPanel, { ...props, ref });
    }),
  };
});
vi.mock("@/components/room/rubric-checklist", async (importOriginal) => counted(await importOriginal<Record<string, unknown>>(), ["RubricChecklist"]));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(new Date("2026-12-04T10:00:30Z"));
  renders.clear();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("room renders", () => {
  it("a clock tick re-renders only the clocks", () => {
    const log: Change[] = [];
    const view = render(<RoomHarness room={roomStateFixture()} log={log} />);
    expect(renders.get("RubricChecklist")).toBeGreaterThan(0);
    const before = new Map(renders);

    act(() => {
      vi.advanceTimersByTime(1000);
    });

    const changed = [...renders].filter(([name, n]) => n !== before.get(name)).map(([name]) => name);
    // The elapsed clock and the current question's two clocks (nav entry and budget) moved…
    expect(new Set(changed)).toEqual(new Set(["ElapsedClock", "SpentClock", "QuestionBudget"]));
    // …and only the one SpentClock of the question on screen, not the other questions' entries.
    expect(renders.get("SpentClock")! - before.get("SpentClock")!).toBe(1);
    expect(view.getByTestId("elapsed").textContent).toBe("0:31");
    expect(view.getByTestId("question-budget").textContent).toContain("0:01 / 10:00");

    // Five more seconds: still nothing but the clocks.
    const rubric = renders.get("RubricChecklist");
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(renders.get("RubricChecklist")).toBe(rubric);
    expect(renders.get("QuestionNav")).toBe(before.get("QuestionNav"));
    expect(view.getByTestId("question-budget").textContent).toContain("0:06 / 10:00");
  });

  it("the clock does not write to localStorage every second", () => {
    const setItem = vi.spyOn(Storage.prototype, "setItem");
    render(<RoomHarness room={roomStateFixture()} log={[]} />);
    setItem.mockClear();
    act(() => {
      vi.advanceTimersByTime(9_000);
    });
    expect(setItem.mock.calls.filter(([key]) => String(key).startsWith("panelist.room.time."))).toHaveLength(0);
    act(() => {
      vi.advanceTimersByTime(2_000);
    });
    expect(setItem.mock.calls.filter(([key]) => String(key).startsWith("panelist.room.time.")).length).toBeGreaterThan(0);
    setItem.mockRestore();
  });
});
