// Submit is never lost: the wrap-up drives the real mutation queue against a slow fake server.
// Typing a summary and clicking "Submit scorecard" at once (0, 50 or 400 ms later — the click
// that used to be swallowed) sends the summary, then exactly one submit; a double click submits
// once; while the submit waits the button says "Submitting…"; a refused submit says why.
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useEffect, useMemo, useReducer } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { RoomWorkspace } from "@/components/room/room-workspace";
import { MutationQueue, type SendOutcome } from "@/lib/scoring/mutation-queue";
import { type FieldValue, fieldKeyOfValue, type Mutation } from "@/lib/scoring/schemas";
import type { RoomState, ScorecardValue } from "@/lib/scoring/types";
import { initialValues } from "../helpers/room-harness";
import { roomStateFixture } from "../helpers/room-state";

afterEach(cleanup);

/** A server that answers after `delayMs` and keeps the scorecard; `refuseSubmit` makes it refuse submits with that message. */
function fakeServer(room: RoomState, delayMs: number, refuseSubmit?: string) {
  const sent: Mutation[] = [];
  let card: ScorecardValue = { ...room.me!.card };
  const transport = async (m: Mutation): Promise<SendOutcome> => {
    sent.push(m);
    await new Promise((r) => setTimeout(r, delayMs));
    if (m.kind === "scorecard") {
      card = { ...card, recommendation: m.recommendation ?? card.recommendation, summary: m.summary ?? card.summary, version: card.version + 1 };
      return { type: "ok", result: { mutationId: m.mutationId, value: card } };
    }
    if (m.kind === "submit") {
      if (refuseSubmit) return { type: "rejected", message: refuseSubmit };
      card = { ...card, status: "SUBMITTED", version: card.version + 1 };
      return { type: "ok", result: { mutationId: m.mutationId, value: card } };
    }
    return { type: "rejected", message: "not in this test" };
  };
  return { sent, transport };
}

/** The queue tells `changed` listeners when anything moves; the room re-renders from it, as useRoom does. */
function QueueRoom({ room, queue, changed }: { room: RoomState; queue: MutationQueue; changed: Set<() => void> }) {
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    changed.add(bump);
    return () => {
      changed.delete(bump);
      queue.stop();
    };
  }, [queue, changed]);
  const values = useMemo(() => {
    const out = new Map<string, FieldValue>();
    for (const v of queue.displayValues()) out.set(fieldKeyOfValue(v), v);
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queue, version]);
  const card = values.get("s") as ScorecardValue | undefined;
  const server = queue.serverValue("s") as ScorecardValue | undefined;
  const rejection = queue.snapshot().rejections.find((r) => r.kind === "submit");
  return (
    <RoomWorkspace
      room={room}
      values={values}
      enqueue={(c) => queue.enqueue(c)}
      questionIndex={null}
      onQuestionIndex={() => {}}
      readOnly={card?.status === "SUBMITTED"}
      submittedOnServer={server?.status === "SUBMITTED"}
      submitting={queue.submitting}
      submitError={rejection?.message ?? null}
      serverOffsetMs={0}
      reload={async () => {}}
    />
  );
}

function setup(recommendation: "YES" | null, delayMs = 30, refuseSubmit?: string) {
  const room = roomStateFixture();
  room.me!.card = { ...room.me!.card, recommendation };
  const server = fakeServer(room, delayMs, refuseSubmit);
  const changed = new Set<() => void>();
  const queue = new MutationQueue({ transport: server.transport, initial: [...initialValues(room).values()], onChange: () => changed.forEach((f) => f()) });
  render(<QueueRoom room={room} queue={queue} changed={changed} />);
  return { server, queue };
}

describe("submit from the wrap-up", () => {
  for (const pause of [0, 50, 400]) {
    it(`typing a summary then clicking Submit ${pause} ms later saves the summary and submits once`, async () => {
      const { server, queue } = setup("YES");
      const user = userEvent.setup();
      await user.type(screen.getByLabelText("Summary"), "Solid on ROC curves");
      if (pause) await act(() => new Promise((r) => setTimeout(r, pause)));
      await user.click(screen.getByTestId("submit-scorecard"));
      await waitFor(() => expect(screen.getByTestId("submitted")).toBeTruthy(), { timeout: 3000 });
      await queue.whenIdle();
      expect(server.sent.filter((m) => m.kind === "submit")).toHaveLength(1);
      // The summary reached the server before the submit.
      const lastSummary = server.sent.map((m, i) => ({ m, i })).filter(({ m }) => m.kind === "scorecard").pop();
      expect(lastSummary?.m).toMatchObject({ summary: "Solid on ROC curves" });
      expect(lastSummary!.i).toBeLessThan(server.sent.findIndex((m) => m.kind === "submit"));
    });
  }

  it("says when the scorecard is due, and when it is overdue", () => {
    // The fixture's scorecard is due 25 hours after its fixed "now" (2026-12-04): read today, overdue.
    setup("YES");
    expect(screen.getByTestId("scorecard-due").textContent).toMatch(/^This scorecard is overdue by \d+ days\.$/);
    expect(screen.getByTestId("scorecard-due").className).toContain("text-red-700");
  });

  it("a double click submits once, and the button says Submitting… until the server has it", async () => {
    const { server, queue } = setup("YES", 200);
    const user = userEvent.setup();
    await user.dblClick(screen.getByTestId("submit-scorecard"));
    expect(screen.getByTestId("submit-scorecard").textContent).toBe("Submitting…");
    await waitFor(() => expect(screen.getByTestId("submitted")).toBeTruthy(), { timeout: 3000 });
    await queue.whenIdle();
    expect(server.sent.filter((m) => m.kind === "submit")).toHaveLength(1);
  });

  it("a submit the server refuses says why and leaves the scorecard a draft", async () => {
    setup("YES", 10, "This interview was cancelled; nothing can be scored.");
    const user = userEvent.setup();
    await user.click(screen.getByTestId("submit-scorecard"));
    await waitFor(() => expect(screen.getByTestId("submit-error").textContent).toBe("Not submitted: This interview was cancelled; nothing can be scored."), { timeout: 3000 });
    expect(screen.queryByTestId("submitted")).toBeNull();
    expect(screen.getByTestId("submit-scorecard").textContent).toBe("Submit scorecard");
  });

  it("“No decision” is the fifth recommendation: digit 5 picks it, and the scorecard submits with it", async () => {
    const { server, queue } = setup(null);
    const user = userEvent.setup();
    const group = screen.getByRole("radiogroup", { name: "Recommendation" });
    expect([...group.querySelectorAll('[role="radio"]')].map((r) => r.textContent)).toEqual(["Strong no", "No", "Yes", "Strong yes", "No decision"]);
    expect(group.getAttribute("aria-describedby")).toBe("wrap-up-recommendation-hint");
    await user.click(screen.getByRole("radio", { name: "Strong no" }));
    await user.keyboard("5");
    await waitFor(() => expect(screen.getByRole("radio", { name: "No decision" }).getAttribute("aria-checked")).toBe("true"));
    await user.click(screen.getByTestId("submit-scorecard"));
    await waitFor(() => expect(screen.getByTestId("submitted")).toBeTruthy(), { timeout: 3000 });
    await queue.whenIdle();
    expect(server.sent.filter((m) => m.kind === "scorecard").pop()).toMatchObject({ recommendation: "NO_DECISION" });
    expect(server.sent.filter((m) => m.kind === "submit")).toHaveLength(1);
  });
});
