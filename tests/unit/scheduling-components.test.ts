// Server-renders the scheduling screens with realistic data, as Next does on first load:
// proves they render without a browser, show times in the viewer's zone with the zone named,
// and expose the controls the e2e spec drives (Move up/down, invite download, lead choice).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { InterviewDetail } from "@/components/interviews/interview-detail";
import { MyInterviews } from "@/components/interviews/my-interviews";
import { ScheduleForm } from "@/components/interviews/schedule-form";
import { KitEditor } from "@/components/kits/kit-editor";
import { CandidateProfile } from "@/components/candidates/candidate-profile";
import type { InterviewDetail as InterviewDetailData } from "@/lib/interviews/types";
import type { KitDetail } from "@/lib/kits/types";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: () => {}, refresh: () => {}, replace: () => {} }),
  usePathname: () => "/",
}));

function render(el: ReactElement): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const html = renderToString(createElement(QueryClientProvider, { client }, el));
  // Text content only, entities decoded, so assertions read like what a person sees.
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
}

const interview: InterviewDetailData = {
  id: "iv1",
  title: "Alex Kim — ML onsite",
  status: "SCHEDULED",
  startsAt: "2030-01-15T09:00:00.000Z", // 10:00 Berlin, 04:00 New York
  endsAt: "2030-01-15T10:00:00.000Z",
  timeZone: "Europe/Berlin",
  durationMinutes: 60,
  candidate: { id: "c1", name: "Alex Kim", erased: false },
  kitName: "ML onsite",
  meetingUrl: "https://meet.example.com/abc",
  sequence: 1,
  panel: [
    { userId: "u1", name: "Ivy Interviewer", email: "ivy@panelist.dev", timeZone: "Europe/Berlin", isLead: true, scorecard: "NONE" },
    { userId: "u2", name: "Ian Interviewer", email: "ian@panelist.dev", timeZone: "America/New_York", isLead: false, scorecard: "NONE" },
  ],
  questionCount: 2,
  viewerIsPanelist: true,
  viewerIsLead: false,
  kitId: "k1",
  overallAttributes: ["Communication"],
  questions: [
    { id: "q1", position: 0, minutes: 20, questionVersionId: "v1", title: "Batch normalization", versionNumber: 1, difficulty: "MEDIUM" },
    { id: "q2", position: 1, minutes: 25, questionVersionId: "v2", title: "Bias and variance", versionNumber: 3, difficulty: "HARD" },
  ],
  cancelledAt: null,
  createdAt: "2030-01-01T00:00:00.000Z",
  updatedAt: "2030-01-01T00:00:00.000Z",
  createdBy: { id: "u0", name: "Remy Recruiter" },
};

describe("interview screens", () => {
  it("shows the interview in the viewer's zone, as scheduled, and per panelist", () => {
    const text = render(
      createElement(InterviewDetail, { initial: interview, viewerZone: "America/New_York", zones: ["UTC", "Europe/Berlin"], canSchedule: true, canSeeCandidates: true, now: "2030-01-10T00:00:00.000Z" }),
    );
    expect(text).toContain("Tue 15 Jan 2030, 04:00–05:00 EST (America/New_York)");
    expect(text).toContain("Scheduled as Tue 15 Jan 2030, 10:00–11:00 CET (Europe/Berlin)");
    expect(text).toContain("Starts Tue 15 Jan 2030, 10:00 CET for them (Europe/Berlin)");
    expect(text).toContain("Download invite (.ics)");
    expect(text).toContain("Reschedule");
    expect(text).toContain("Cancel interview");
    expect(text).not.toContain("Mark no-show"); // not started yet
    expect(text).toContain("45 minutes planned");
  });

  it("hides scheduling actions from interviewers", () => {
    const text = render(
      createElement(InterviewDetail, { initial: interview, viewerZone: "Europe/Berlin", zones: [], canSchedule: false, canSeeCandidates: false, now: "2030-02-01T00:00:00.000Z" }),
    );
    expect(text).toContain("Download invite (.ics)");
    expect(text).not.toContain("Cancel interview");
    expect(text).not.toContain("Mark no-show");
  });

  it("groups my interviews and names my zone", () => {
    const text = render(createElement(MyInterviews, { initial: { timeZone: "Europe/Berlin", today: [interview], upcoming: [], past: [] } }));
    expect(text).toContain("Times in your time zone, Europe/Berlin.");
    expect(text).toContain("Today");
    expect(text).toContain("Tue 15 Jan 2030, 10:00–11:00 CET (Europe/Berlin)");
    expect(text).toContain("No upcoming interviews.");
  });

  it("pre-fills the reschedule form in the interview's own zone", () => {
    const html = renderToString(
      createElement(
        QueryClientProvider,
        { client: new QueryClient() },
        createElement(ScheduleForm, { viewerZone: "America/New_York", zones: ["UTC", "Europe/Berlin"], interview }),
      ),
    );
    expect(html).toContain('value="2030-01-15T10:00"');
    expect(html).toContain('value="2030-01-15T11:00"');
    expect(html).toContain("Save new time");
  });
});

describe("kit editor", () => {
  const kit: KitDetail = {
    id: "k1",
    name: "ML onsite",
    role: "ML Engineer",
    description: "",
    itemCount: 2,
    totalMinutes: 45,
    overallAttributes: ["Communication"],
    archived: false,
    updatedAt: "2030-01-01T00:00:00.000Z",
    lockVersion: 3,
    items: [
      { id: "i1", position: 0, minutes: 20, questionVersionId: "v1", questionId: "q1", title: "Batch normalization", difficulty: "MEDIUM", versionNumber: 1, latestVersionNumber: 2, questionArchived: false },
      { id: "i2", position: 1, minutes: 25, questionVersionId: "v2", questionId: "q2", title: "Bias and variance", difficulty: "HARD", versionNumber: 1, latestVersionNumber: 1, questionArchived: false },
    ],
  };

  it("offers keyboard reordering, per-item minutes, the total and an explicit update to the latest version", () => {
    const html = renderToString(createElement(QueryClientProvider, { client: new QueryClient() }, createElement(KitEditor, { initial: kit, canWrite: true })));
    expect(html).toContain('aria-label="Move Batch normalization down"');
    expect(html).toContain('aria-label="Move Bias and variance up"');
    expect(html).toContain('aria-label="Update Batch normalization to version 2"');
    expect(html).not.toContain('aria-label="Update Bias and variance');
    expect(html).toMatch(/<strong>45<!-- --> minutes<\/strong>/);
    expect(html).toContain('draggable="true"');
  });

  it("is read-only for people who may not write kits", () => {
    const html = renderToString(createElement(QueryClientProvider, { client: new QueryClient() }, createElement(KitEditor, { initial: kit, canWrite: false })));
    expect(html).not.toContain("Move Batch normalization down");
    expect(html).not.toContain("Save kit");
  });
});

describe("candidate profile", () => {
  it("shows export and erase to owners, and the erased state afterwards", () => {
    const base = {
      id: "c1",
      name: "Alex Kim",
      email: "alex@example.com",
      roleApplied: "ML Engineer",
      erased: false,
      interviewCount: 1,
      createdAt: "2030-01-01T00:00:00.000Z",
      links: [],
      privateNotes: null,
      erasedAt: null,
      updatedAt: "2030-01-01T00:00:00.000Z",
      interviews: [{ id: "iv1", title: "Alex Kim — ML onsite", kitName: "ML onsite", startsAt: interview.startsAt, timeZone: "Europe/Berlin", status: "SCHEDULED" as const, decision: null }],
    };
    const text = render(createElement(CandidateProfile, { initial: base, viewerZone: "Europe/Berlin", canWrite: true, canErase: true }));
    expect(text).toContain("Export candidate data (JSON)");
    expect(text).toContain("Erase candidate");
    expect(text).toContain("Tue 15 Jan 2030, 10:00 CET (Europe/Berlin)");
    const erased = render(
      createElement(CandidateProfile, {
        initial: { ...base, name: "Erased candidate", email: null, erased: true, erasedAt: "2030-02-01T12:00:00.000Z" },
        viewerZone: "Europe/Berlin",
        canWrite: true,
        canErase: true,
      }),
    );
    expect(erased).toContain("Personal data was erased on Fri 1 Feb 2030");
    expect(erased).not.toContain("Erase candidate");
  });
});
