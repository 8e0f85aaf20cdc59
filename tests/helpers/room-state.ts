// A RoomState as the server would send it, for rendering the room's components without a
// server: three questions on a 0–4 scale with three or four criteria each, one attribute.
import type { RoomQuestion, RoomState } from "@/lib/scoring/types";

function question(n: number, criteria: number): RoomQuestion {
  return {
    id: `iq${n}`,
    position: n,
    minutes: 10,
    title: `Question ${n + 1}`,
    versionNumber: 1,
    difficulty: "MEDIUM",
    promptHtml: `<p>Prompt of question ${n + 1}</p>`,
    modelAnswerHtml: `<p>Model answer ${n + 1}</p>`,
    followUps: [`Follow-up ${n + 1}`],
    redFlags: [],
    scale: { min: 0, max: 4 },
    criteria: Array.from({ length: criteria }, (_, i) => ({
      id: `q${n}c${i}`,
      key: `q${n}-c${i}`,
      title: `Criterion ${n + 1}.${i + 1}`,
      description: "",
      weight: 1,
      levels: [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `Level ${level} of ${n + 1}.${i + 1}` })),
    })),
    lab: null,
  };
}

export function roomStateFixture(overrides: { startedAt?: string | null } = {}): RoomState {
  const questions = [question(0, 3), question(1, 4), question(2, 3)];
  const now = new Date("2026-12-04T10:00:00Z");
  return {
    serverNow: now.toISOString(),
    interview: {
      id: "interview-1",
      title: "Alex Kim — ML Engineer",
      status: "IN_PROGRESS",
      candidateName: "Alex Kim",
      startsAt: now.toISOString(),
      opensAt: new Date(now.getTime() - 5 * 60_000).toISOString(),
      startedAt: overrides.startedAt === undefined ? now.toISOString() : overrides.startedAt,
      durationMinutes: 45,
      overallAttributes: ["Communication"],
    },
    scale: { min: 0, max: 4 },
    questions,
    me: {
      id: "scorecard-1",
      panelistId: "panelist-1",
      submittedAt: null,
      dueAt: new Date(now.getTime() + 25 * 3_600_000).toISOString(),
      card: { kind: "scorecard", recommendation: null, summary: "", status: "DRAFT", version: 1 },
      criteria: [],
      attributes: [],
      notes: [],
    },
    panel: [],
    viewer: { userId: "user-1", isLead: true, canReopen: false },
    totalCriteria: questions.reduce((n, q) => n + q.criteria.length, 0),
  };
}
