// A key press in the room must cost one render of the rubric, and the server's acknowledgement
// of it — which changes nothing the interviewer sees but the save status — must re-render
// nothing else: not the workspace, the question, the rubric, the notes, the navigation or the
// panel. This drives the real InterviewRoom (useRoom, the mutation queue, its HTTP transport)
// against an in-memory server behind `fetch`, whose acknowledgements the test releases by hand.
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type ComponentType, createElement, type ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InterviewRoom } from "@/components/room/interview-room";
import { applyChange } from "@/lib/scoring/mutation-queue";
import { type FieldValue, fieldKey, type Mutation } from "@/lib/scoring/schemas";
import { roomStateFixture } from "../helpers/room-state";

const renders = vi.hoisted(() => new Map<string, number>());
const count = (name: string) => renders.set(name, (renders.get(name) ?? 0) + 1);

type Exotic = { $$typeof: symbol; type?: unknown; compare?: unknown; render?: (props: object, ref: unknown) => ReactNode };

/**
 * Wraps components in a render counter that keeps their memoization: a memo component stays memo
 * (with its own comparison) and counts only when it really renders; a plain one counts each call.
 */
async function counted<M extends Record<string, unknown>>(actual: M, names: string[]): Promise<M> {
  const { memo, forwardRef } = await vi.importActual<typeof import("react")>("react");
  const MEMO = Symbol.for("react.memo");
  const FORWARD_REF = Symbol.for("react.forward_ref");
  const out: Record<string, unknown> = { ...actual };
  for (const name of names) {
    const Real = actual[name] as Exotic | ((p: object) => ReactNode);
    if (typeof Real === "function") {
      out[name] = (props: object) => (count(name), Real(props));
    } else if (Real.$$typeof === MEMO) {
      const inner = Real.type as Exotic | ((p: object) => ReactNode);
      const wrapped =
        typeof inner === "function"
          ? (props: object) => (count(name), inner(props))
          : inner.$$typeof === FORWARD_REF
            ? forwardRef((props: object, ref) => (count(name), inner.render!(props, ref)))
            : (props: object) => (count(name), createElement(inner as unknown as ComponentType<object>, props));
      out[name] = memo(wrapped as ComponentType<object>, Real.compare as never);
    } else {
      out[name] = (props: object) => (count(name), createElement(Real as unknown as ComponentType<object>, props));
    }
  }
  return out as M;
}

vi.mock("@/components/room/room-workspace", async (orig) => counted(await orig<Record<string, unknown>>(), ["RoomWorkspace"]));
vi.mock("@/components/room/question-nav", async (orig) => counted(await orig<Record<string, unknown>>(), ["QuestionNav"]));
vi.mock("@/components/room/question-view", async (orig) => counted(await orig<Record<string, unknown>>(), ["QuestionView"]));
vi.mock("@/components/room/notes-panel", async (orig) => counted(await orig<Record<string, unknown>>(), ["NotesPanel"]));
vi.mock("@/components/room/rubric-checklist", async (orig) => counted(await orig<Record<string, unknown>>(), ["RubricChecklist"]));
vi.mock("@/components/room/live-panel", async (orig) => counted(await orig<Record<string, unknown>>(), ["LivePanel"]));
vi.mock("@/components/room/save-status", async (orig) => counted(await orig<Record<string, unknown>>(), ["SaveStatus"]));

/** The room's write endpoint in memory: applies each mutation, answers when the test releases it. */
function fakeServer() {
  const values = new Map<string, FieldValue>();
  const sent: Mutation[] = [];
  const held: (() => void)[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith("/room/mutations")) {
      const m = JSON.parse(String(init?.body)) as Mutation;
      sent.push(m);
      await new Promise<void>((release) => held.push(release));
      const key = fieldKey(m);
      const prev = values.get(key);
      const next = applyChange(prev, m)!;
      const value = { ...next, version: (prev?.version ?? 0) + 1 } as FieldValue;
      values.set(key, value);
      return new Response(JSON.stringify({ mutationId: m.mutationId, value }), { status: 200, headers: { "Content-Type": "application/json" } });
    }
    if (url.endsWith("/room/presence")) return new Response(null, { status: 204 });
    return new Response(JSON.stringify({ error: { message: "not in this test" } }), { status: 404 });
  });
  return {
    sent,
    fetchStub,
    /** Lets every held request answer. */
    release: () => held.splice(0).forEach((r) => r()),
    get heldCount() {
      return held.length;
    },
  };
}

beforeEach(() => {
  renders.clear();
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const delta = (before: Map<string, number>) =>
  Object.fromEntries([...renders].filter(([name, n]) => n !== (before.get(name) ?? 0)).map(([name, n]) => [name, n - (before.get(name) ?? 0)]));

describe("room renders with the real queue", () => {
  it("a level pick renders the rubric once; its acknowledgement re-renders only the save status", async () => {
    const server = fakeServer();
    vi.stubGlobal("fetch", server.fetchStub);
    render(<InterviewRoom interviewId="interview-1" initialRoom={roomStateFixture()} />);
    // The queue is ready (the tab lock is held) once the save status shows.
    await waitFor(() => expect(screen.getByTestId("save-status").dataset.status).toBe("saved"));
    const user = userEvent.setup();
    const level = () => screen.getByRole("radiogroup", { name: "Level for Criterion 1.2" });

    // Focus the criterion first (making it current is a render of its own), then pick.
    await user.click(screen.getByRole("checkbox", { name: "Covered: Criterion 1.2" }));
    await waitFor(() => expect(server.heldCount).toBe(1));
    await act(async () => server.release());
    await waitFor(() => expect(screen.getByTestId("save-status").dataset.status).toBe("saved"));

    const beforePick = new Map(renders);
    await user.keyboard("3");
    await waitFor(() => expect(server.heldCount).toBe(1));
    expect(server.sent.at(-1)).toMatchObject({ kind: "criterion", criterionId: "q0c1", level: 3 });
    expect(level().querySelector("[aria-checked=true]")?.textContent).toContain("3");
    const pick = delta(beforePick);
    expect(pick.RubricChecklist).toBe(1);
    expect(screen.getByTestId("save-status").dataset.status).toBe("saving");

    const beforeAck = new Map(renders);
    await act(async () => server.release());
    await waitFor(() => expect(screen.getByTestId("save-status").dataset.status).toBe("saved"));
    const ack = delta(beforeAck);
    expect(Object.keys(ack)).toEqual(["SaveStatus"]);
    // Still level 3, now from the server's value.
    expect(level().querySelector("[aria-checked=true]")?.textContent).toContain("3");
  });

  it("an acknowledgement that changes a value on screen (another version wins) does re-render it", async () => {
    // Sanity for the sharing: the server answers with a different level than we sent.
    const server = fakeServer();
    const original = server.fetchStub.getMockImplementation()!;
    server.fetchStub.mockImplementation(async (input, init) => {
      const res = await original(input, init);
      if (!String(input).endsWith("/room/mutations")) return res;
      const body = (await res.json()) as { mutationId: string; value: FieldValue };
      const value = body.value.kind === "criterion" ? { ...body.value, level: 1 } : body.value;
      return new Response(JSON.stringify({ ...body, value }), { status: 200, headers: { "Content-Type": "application/json" } });
    });
    vi.stubGlobal("fetch", server.fetchStub);
    render(<InterviewRoom interviewId="interview-1" initialRoom={roomStateFixture()} />);
    await waitFor(() => expect(screen.getByTestId("save-status").dataset.status).toBe("saved"));
    const user = userEvent.setup();
    await user.click(screen.getByRole("checkbox", { name: "Covered: Criterion 1.1" }));
    await user.keyboard("4");
    await waitFor(() => expect(server.heldCount).toBeGreaterThan(0));
    const beforeAck = new Map(renders);
    // The tick and the level may go as one request (merged while waiting for the next paint) or two.
    for (let i = 0; i < 200 && (server.heldCount > 0 || screen.getByTestId("save-status").dataset.status !== "saved"); i++) {
      await act(async () => server.release());
      await act(() => new Promise((r) => setTimeout(r, 10)));
    }
    await waitFor(() => expect(screen.getByTestId("save-status").dataset.status).toBe("saved"));
    expect(delta(beforeAck).RubricChecklist).toBeGreaterThan(0);
    const group = screen.getByRole("radiogroup", { name: "Level for Criterion 1.1" });
    expect(group.querySelector("[aria-checked=true]")?.textContent).toContain("1");
  });
});
