import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

export const CANDIDATE_EXPORT_FORMAT = "panelist.candidate" as const;

export interface CandidateExport {
  format: typeof CANDIDATE_EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  organization: string;
  candidate: {
    id: string;
    name: string;
    email: string | null;
    roleApplied: string | null;
    links: string[];
    privateNotes: string | null;
    createdAt: string;
    erasedAt: string | null;
  };
  interviews: {
    id: string;
    title: string;
    kitName: string;
    startsAt: string;
    timeZone: string;
    durationMinutes: number;
    status: string;
    questions: { position: number; title: string; version: number }[];
    scorecards: {
      panelist: string;
      status: string;
      recommendation: string | null;
      summary: string;
      submittedAt: string | null;
      criterionScores: { question: string; criterion: string; level: number | null; covered: boolean }[];
      attributeScores: { attribute: string; level: number | null }[];
      notes: { body: string; offsetSeconds: number; createdAt: string }[];
    }[];
  }[];
}

/**
 * Everything Panelist holds about one candidate, as JSON, for a data-subject access request.
 * The export itself is audited (who exported whom, when) without copying the data into the log.
 */
export async function exportCandidate(actor: Actor, candidateId: string): Promise<CandidateExport> {
  assertCan(actor, "candidates.write");
  return db.$transaction(async (tx) => {
    const c = await tx.candidate.findFirst({
      where: { id: candidateId, organizationId: actor.organizationId },
      select: {
        id: true,
        name: true,
        email: true,
        roleApplied: true,
        links: true,
        privateNotes: true,
        createdAt: true,
        erasedAt: true,
        interviews: {
          where: { organizationId: actor.organizationId },
          orderBy: { startsAt: "asc" },
          select: {
            id: true,
            title: true,
            kitName: true,
            startsAt: true,
            timeZone: true,
            durationMinutes: true,
            status: true,
            questions: { orderBy: { position: "asc" }, select: { position: true, questionVersion: { select: { title: true, number: true } } } },
            scorecards: {
              select: {
                status: true,
                recommendation: true,
                summary: true,
                submittedAt: true,
                panelist: { select: { user: { select: { name: true } } } },
                criterionScores: {
                  select: { level: true, covered: true, criterion: { select: { title: true } }, interviewQuestion: { select: { questionVersion: { select: { title: true } } } } },
                },
                attributeScores: { select: { attribute: true, level: true } },
                notes: { where: { deletedAt: null }, orderBy: { createdAt: "asc" }, select: { body: true, offsetSeconds: true, createdAt: true } },
              },
            },
          },
        },
      },
    });
    if (!c) throw notFound("That candidate");
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "candidate.exported",
      targetType: "candidate",
      targetId: c.id,
      data: { interviews: c.interviews.length },
    });
    return {
      format: CANDIDATE_EXPORT_FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      organization: actor.organizationName,
      candidate: {
        id: c.id,
        name: c.name,
        email: c.email,
        roleApplied: c.roleApplied,
        links: c.links,
        privateNotes: c.privateNotes,
        createdAt: c.createdAt.toISOString(),
        erasedAt: c.erasedAt?.toISOString() ?? null,
      },
      interviews: c.interviews.map((i) => ({
        id: i.id,
        title: i.title,
        kitName: i.kitName,
        startsAt: i.startsAt.toISOString(),
        timeZone: i.timeZone,
        durationMinutes: i.durationMinutes,
        status: i.status,
        questions: i.questions.map((q) => ({ position: q.position, title: q.questionVersion.title, version: q.questionVersion.number })),
        scorecards: i.scorecards.map((s) => ({
          panelist: s.panelist.user.name,
          status: s.status,
          recommendation: s.recommendation,
          summary: s.summary,
          submittedAt: s.submittedAt?.toISOString() ?? null,
          criterionScores: s.criterionScores.map((cs) => ({
            question: cs.interviewQuestion.questionVersion.title,
            criterion: cs.criterion.title,
            level: cs.level,
            covered: cs.covered,
          })),
          attributeScores: s.attributeScores,
          notes: s.notes.map((n) => ({ body: n.body, offsetSeconds: n.offsetSeconds, createdAt: n.createdAt.toISOString() })),
        })),
      })),
    };
  });
}
