// The schedule form's pool advice: suggestions in the order the server gave (qualified first,
// then lightest load), an Add button for those not yet on the panel, and the warnings as a
// non-blocking status.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PanelAdviceView } from "@/components/pools/panel-advice";
import type { PanelAdvice, PoolMemberView } from "@/lib/pools/types";

afterEach(cleanup);

const member = (userId: string, name: string, stage: PoolMemberView["stage"], load: number): PoolMemberView => ({
  userId,
  name,
  email: `${userId}@example.com`,
  stage,
  stageSince: "2031-01-01T00:00:00.000Z",
  progress: { done: 0, required: stage === "QUALIFIED" ? null : 2, ready: false },
  weeklyLimit: null,
  effectiveLimit: 5,
  load,
});

const advice: PanelAdvice = {
  week: { start: "2031-06-02T00:00:00.000Z", end: "2031-06-09T00:00:00.000Z" },
  suggestions: [member("q", "Quinn", "QUALIFIED", 1), member("s", "Sam", "SHADOW", 0)],
  warnings: [{ warning: { kind: "needs_qualified", userId: "s", stage: "SHADOW" }, name: "Sam", message: "Sam is a shadow for this kit; add a qualified interviewer beside them." }],
};

describe("PanelAdviceView", () => {
  it("lists the pool in order, offers to add those not on the panel, and warns without blocking", () => {
    const onAdd = vi.fn();
    render(<PanelAdviceView advice={advice} panelistIds={["s"]} onAdd={onAdd} />);
    const items = within(screen.getByRole("list", { name: "Suggested interviewers" })).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual([expect.stringContaining("Quinn — qualified, 1 of 5 that week"), expect.stringContaining("Sam — shadow, 0 of 5 that week")]);
    expect(within(items[1]!).getByText("On the panel")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Add Quinn to the panel" }));
    expect(onAdd).toHaveBeenCalledWith("q");
    expect(screen.getByRole("status").textContent).toContain("add a qualified interviewer beside them");
    expect(screen.getByRole("status").textContent).toContain("You can still schedule.");
  });
});
