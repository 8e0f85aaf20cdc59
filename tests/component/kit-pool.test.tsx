// The kit page's interviewer pool as a recruiter sees it: stage, progress in the kit's words,
// this week's load against the limit, and each member's calibration beside the promote/demote
// control — "Not enough data" when the analytics snapshot has nothing for them.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { KitPoolSection } from "@/components/pools/kit-pool";
import type { KitPool } from "@/lib/pools/types";

afterEach(cleanup);

const pool: KitPool = {
  kitId: "k1",
  kitName: "Backend onsite",
  shadowsRequired: 2,
  reverseShadowsRequired: 2,
  defaultWeeklyLimit: 5,
  week: { start: "2031-06-02T00:00:00.000Z", end: "2031-06-09T00:00:00.000Z" },
  members: [
    { userId: "q", name: "Quinn", email: "q@example.com", stage: "QUALIFIED", stageSince: "2031-01-01T00:00:00.000Z", progress: { done: 4, required: null, ready: false }, weeklyLimit: 2, effectiveLimit: 2, load: 3 },
    { userId: "s", name: "Sam", email: "s@example.com", stage: "SHADOW", stageSince: "2031-01-01T00:00:00.000Z", progress: { done: 1, required: 2, ready: false }, weeklyLimit: null, effectiveLimit: 5, load: 0 },
  ],
};

function renderPool(canManage: boolean) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  return render(
    <QueryClientProvider client={qc}>
      <KitPoolSection
        kitId="k1"
        initial={pool}
        members={[{ userId: "n", name: "Noor", email: "n@example.com", role: "INTERVIEWER", timeZone: "UTC" }]}
        canManage={canManage}
        calibration={{ q: { severity: 0.31, low: 0.11, high: 0.51, alpha: 0.72, reason: null }, s: null }}
      />
    </QueryClientProvider>,
  );
}

describe("KitPoolSection", () => {
  it("shows each member's stage, progress, weekly load against the limit and calibration", () => {
    renderPool(true);
    const rows = screen.getAllByRole("row");
    const quinn = within(rows.find((r) => r.textContent?.includes("Quinn"))!);
    expect(quinn.getByRole("combobox", { name: "Quinn's stage" })).toHaveProperty("value", "QUALIFIED");
    expect(quinn.getByText("3 of 2")).toBeTruthy();
    expect(quinn.getByText(/severity \+0\.31 ± 0\.20/)).toBeTruthy();
    const sam = within(rows.find((r) => r.textContent?.includes("Sam"))!);
    expect(sam.getByText("shadowed 1 of 2")).toBeTruthy();
    expect(sam.getByText("Not enough data")).toBeTruthy();
    expect(sam.getByText("organization default")).toBeTruthy();
    // Only members outside the pool are offered.
    expect(screen.getByRole("option", { name: "Noor (n@example.com)" })).toBeTruthy();
  });

  it("is read-only for those who schedule without managing", () => {
    renderPool(false);
    expect(screen.queryByRole("combobox")).toBeNull();
    expect(screen.queryByRole("button", { name: "Add" })).toBeNull();
    expect(screen.getByText("Shadow")).toBeTruthy();
  });
});
