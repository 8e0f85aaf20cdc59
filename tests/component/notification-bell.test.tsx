// The header's bell, live: it starts from the count the server rendered, follows the counts its
// stream sends (name, badge, and a polite status announcement — focus stays where it was), takes
// a fresh server render, and keeps the last count when the stream fails. The stream opens a
// moment after the page settles. jsdom has no Web Locks,
// so the bell holds its own stream here (the shared stream: tests/unit/unread-feed.test.ts).
// The notification centre's list on the same page re-reads itself when the count moves.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NotificationList } from "@/components/feedback/notification-centre";
import { NotificationBell } from "@/components/shell/notification-bell";
import { BELL_OPEN_DELAY_MS } from "@/components/shell/use-live-unread";
import type { NotificationView } from "@/lib/feedback/notifications";

const router = vi.hoisted(() => ({ refresh: vi.fn(), prefetch: vi.fn(), push: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

class FakeEventSource {
  static all: FakeEventSource[] = [];
  closed = false;
  onerror: (() => void) | null = null;
  private readonly handlers = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, h: (e: MessageEvent<string>) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), h]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown) {
    act(() => {
      for (const h of this.handlers.get(type) ?? []) h({ data: JSON.stringify(data) } as MessageEvent<string>);
    });
  }
}

const scope = { userId: "u1", organizationId: "o1" };
const bell = () => screen.getByTestId("notification-bell");
const status = () => screen.getByRole("status");
const settle = () => act(() => void vi.advanceTimersByTime(BELL_OPEN_DELAY_MS));

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.all = [];
  vi.stubGlobal("EventSource", FakeEventSource);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("NotificationBell", () => {
  it("follows the live count: name, badge and a polite announcement, without moving focus", () => {
    render(
      <>
        <input aria-label="Search" />
        <NotificationBell unread={1} scope={scope} />
      </>,
    );
    expect(screen.getByRole("link", { name: "Notifications, 1 unread" })).toBe(bell());
    expect(status().textContent).toBe(""); // nothing announced at load
    expect(status().getAttribute("aria-live")).toBe("polite");
    act(() => void vi.advanceTimersByTime(BELL_OPEN_DELAY_MS - 1));
    expect(FakeEventSource.all).toHaveLength(0); // not while the page loads
    act(() => void vi.advanceTimersByTime(1));
    expect(FakeEventSource.all.map((s) => s.url)).toEqual(["/api/me/notifications/events?organization=o1"]);

    const search = screen.getByLabelText("Search");
    search.focus();
    const stream = FakeEventSource.all[0]!;
    stream.emit("unread", { unread: 1 }); // the count on open: nothing new
    expect(status().textContent).toBe("");
    stream.emit("unread", { unread: 3 });
    expect(screen.getByRole("link", { name: "Notifications, 3 unread" })).toBe(bell());
    expect(bell().textContent).toBe("3");
    expect(status().textContent).toBe("3 unread notifications");
    expect(document.activeElement).toBe(search);

    stream.emit("unread", { unread: 0 });
    expect(screen.getByRole("link", { name: "Notifications" })).toBe(bell());
    expect(bell().textContent).toBe("");
    expect(status().textContent).toBe("No unread notifications");
  });

  it("takes a fresh server render, and keeps its count when the stream fails", () => {
    const { rerender } = render(<NotificationBell unread={2} scope={scope} />);
    settle();
    FakeEventSource.all[0]!.emit("unread", { unread: 5 });
    expect(screen.getByRole("link", { name: "Notifications, 5 unread" })).toBe(bell());
    rerender(<NotificationBell unread={4} scope={scope} />);
    expect(screen.getByRole("link", { name: "Notifications, 4 unread" })).toBe(bell());
    act(() => FakeEventSource.all[0]!.onerror?.());
    expect(screen.getByRole("link", { name: "Notifications, 4 unread" })).toBe(bell());
  });

  it("opens no stream without a scope, and closes its stream when it goes", () => {
    const { unmount } = render(<NotificationBell unread={0} />);
    settle();
    expect(FakeEventSource.all).toHaveLength(0);
    unmount();
    const second = render(<NotificationBell unread={0} scope={scope} />);
    settle();
    expect(FakeEventSource.all).toHaveLength(1);
    second.unmount();
    expect(FakeEventSource.all[0]!.closed).toBe(true);
  });
});

describe("the notification centre's list", () => {
  const item = (id: string, read: boolean): NotificationView => ({ id, kind: "scorecard.reminder", title: `Reminder ${id}`, body: "Due.", link: "/scorecards", createdAt: "2026-12-10T09:00:00.000Z", read });

  it("re-reads the page when the live count moves away from what it shows, not when it repeats it", async () => {
    router.refresh.mockClear();
    const { rerender } = render(
      <>
        <NotificationBell unread={1} scope={scope} />
        <NotificationList initial={[item("a", false), item("b", true)]} />
      </>,
    );
    settle();
    const stream = FakeEventSource.all[0]!;
    stream.emit("unread", { unread: 1 });
    expect(router.refresh).not.toHaveBeenCalled();
    stream.emit("unread", { unread: 2 });
    expect(router.refresh).toHaveBeenCalledTimes(1);
    // The refreshed page brings the new list.
    rerender(
      <>
        <NotificationBell unread={2} scope={scope} />
        <NotificationList initial={[item("c", false), item("a", false), item("b", true)]} />
      </>,
    );
    expect(screen.getByText("2 unread.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Reminder c" })).toBeTruthy();

    // Marking read here: the count the server answers is known, so its live echo re-reads nothing more.
    vi.stubGlobal("fetch", vi.fn(async () => Response.json({ unread: 0 })));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Mark all as read" })));
    expect(router.refresh).toHaveBeenCalledTimes(2);
    stream.emit("unread", { unread: 0 });
    expect(router.refresh).toHaveBeenCalledTimes(2);
    expect(screen.getByText("All read.")).toBeTruthy();
  });
});
