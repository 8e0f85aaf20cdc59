// Interview-room test data inserted directly (organization, panel, question versions with
// anchored rubrics, the interview's snapshot), so scoring tests depend only on the schema —
// not on the scheduling services built alongside.
import { type Actor, loadActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { InterviewStatus, Role } from "@/lib/db/generated/client";
import { makeMembership, makeOrg, makeUser, uniqueSuffix } from "./factories";
import { refreshFeedbackDue } from "@/lib/feedback/refresh-due";

export interface RoomQuestionSpec {
  title?: string;
  minutes?: number;
  scale?: { min: number; max: number };
  criteria?: { key: string; weight?: number }[];
}

export interface RoomFixture {
  organizationId: string;
  interviewId: string;
  /** Actors of the panelists, in panel order (the first leads). */
  panel: Actor[];
  questions: { id: string; criteria: { id: string; key: string; weight: number }[]; scale: { min: number; max: number } }[];
  attributes: string[];
}

const DEFAULT_QUESTIONS: RoomQuestionSpec[] = [
  { title: "Design a rate limiter", criteria: [{ key: "requirements", weight: 2 }, { key: "algorithm", weight: 1 }, { key: "tradeoffs", weight: 1 }] },
  { title: "Debug a memory leak", criteria: [{ key: "method", weight: 1 }, { key: "tools", weight: 1 }] },
];

/** A new user with `role` in the organization, as the actor the services take (optionally in a time zone). */
export async function makeActor(organizationId: string, role: Role = "INTERVIEWER", timeZone?: string): Promise<Actor> {
  const user = await makeUser(timeZone ? { timeZone } : {});
  await makeMembership({ organizationId, userId: user.id, role });
  const actor = await loadActor(user.id, organizationId);
  if (!actor) throw new Error("actor missing");
  return actor;
}

export async function makeRoomInterview(
  opts: {
    organizationId?: string;
    panelSize?: number;
    panelRoles?: Role[];
    status?: InterviewStatus;
    /**
     * A minute ago by default: the room is open, so entering it starts the interview as the
     * scoring tests expect. Schedule it later to get the lobby (see tests/integration/room-opening.test.ts).
     */
    startsAt?: Date;
    questions?: RoomQuestionSpec[];
    attributes?: string[];
  } = {},
): Promise<RoomFixture> {
  const organizationId = opts.organizationId ?? (await makeOrg()).id;
  const s = uniqueSuffix();
  const roles = opts.panelRoles ?? Array.from({ length: opts.panelSize ?? 2 }, () => "INTERVIEWER" as Role);
  const panel: Actor[] = [];
  for (const role of roles) panel.push(await makeActor(organizationId, role));
  const candidate = await db.candidate.create({ data: { organizationId, name: `Candidate ${s}` } });

  const questions: RoomFixture["questions"] = [];
  const specs = opts.questions ?? DEFAULT_QUESTIONS;
  const versionIds: { id: string; minutes: number }[] = [];
  for (const [qi, spec] of specs.entries()) {
    const scale = spec.scale ?? { min: 0, max: 4 };
    const criteria = spec.criteria ?? [{ key: "overall", weight: 1 }];
    const title = spec.title ?? `Question ${qi + 1}`;
    const question = await db.question.create({ data: { organizationId, title, status: "ACTIVE", latestVersionNo: 1 } });
    const version = await db.questionVersion.create({
      data: {
        questionId: question.id,
        organizationId,
        number: 1,
        title,
        prompt: `Prompt of **${title}**`,
        difficulty: "MEDIUM",
        minutes: spec.minutes ?? 10,
        followUps: ["What if traffic doubles?"],
        redFlags: ["Ignores failure modes"],
        modelAnswer: "A model answer.",
        scaleMin: scale.min,
        scaleMax: scale.max,
        criteria: {
          create: criteria.map((c, position) => ({
            key: c.key,
            position,
            title: `Criterion ${c.key}`,
            weight: c.weight ?? 1,
            levels: Array.from({ length: scale.max - scale.min + 1 }, (_, i) => ({ level: scale.min + i, descriptor: `${c.key} at level ${scale.min + i}` })),
          })),
        },
      },
      select: { id: true, criteria: { orderBy: { position: "asc" }, select: { id: true, key: true, weight: true } } },
    });
    versionIds.push({ id: version.id, minutes: spec.minutes ?? 10 });
    questions.push({ id: "", criteria: version.criteria, scale });
  }

  const attributes = opts.attributes ?? ["Communication", "Collaboration"];
  const interview = await db.interview.create({
    data: {
      organizationId,
      candidateId: candidate.id,
      kitName: "Room kit",
      overallAttributes: attributes,
      title: `Interview ${s}`,
      startsAt: opts.startsAt ?? new Date(Date.now() - 60_000),
      timeZone: "UTC",
      durationMinutes: 60,
      status: opts.status ?? "SCHEDULED",
      icsUid: `room-${s}@test`,
      questions: { create: versionIds.map((v, position) => ({ questionVersionId: v.id, minutes: v.minutes, position })) },
      panelists: { create: panel.map((a, i) => ({ userId: a.userId, isLead: i === 0 })) },
    },
    select: { id: true, questions: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  interview.questions.forEach((q, i) => (questions[i]!.id = q.id));
  // As scheduling does: each panelist's scorecard due time (lib/feedback/refresh-due.ts).
  await db.$transaction((tx) => refreshFeedbackDue(tx, { interviewIds: [interview.id] }));
  return { organizationId, interviewId: interview.id, panel, questions, attributes };
}

let mutationSeq = 0;
/** A fresh, valid mutation id. */
export function mid(prefix = "m"): string {
  return `${prefix}_${Date.now().toString(36)}_${(++mutationSeq).toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
