import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { seesCandidatesAnonymized } from "@/lib/candidates/anonymize";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { interviewAccessWhere } from "@/lib/interviews/interview-access";
import { candidatePseudonym, redactPersonalText } from "@/lib/reports/anonymize";
import type { RecommendationName } from "./protocol";

export interface ScorecardView {
  panelistId: string;
  interviewer: { id: string; name: string };
  isLead: boolean;
  /** The seat's training stage when it was scheduled (shadow, reverse shadow, qualified), or null. */
  trainingStage: string | null;
  status: "NONE" | "DRAFT" | "SUBMITTED";
  submittedAt: string | null;
  /** What follows is filled only once submitted: a draft never shows (independent feedback). */
  recommendation: RecommendationName | null;
  summary: string | null;
  scores: { questionPosition: number; questionTitle: string; criterionKey: string; criterionTitle: string; level: number | null; covered: boolean }[];
  attributes: { attribute: string; level: number | null }[];
}

/**
 * The panel's scorecards of one interview the actor may see: who, the state, and — only for
 * submitted scorecards — recommendation, summary and levels. For a viewer in anonymized review
 * the summary has the candidate's name, email and links replaced by the pseudonym, as reports do.
 */
export async function listInterviewScorecards(actor: Actor, interviewId: string): Promise<ScorecardView[]> {
  assertCan(actor, "feedback.readAll");
  const interview = await db.interview.findFirst({
    where: { AND: [{ id: interviewId }, interviewAccessWhere(actor)] },
    select: {
      candidate: { select: { id: true, name: true, email: true, links: true } },
      panelists: {
        orderBy: [{ isLead: "desc" }, { createdAt: "asc" }],
        select: {
          id: true,
          isLead: true,
          trainingStage: true,
          user: { select: { id: true, name: true } },
          scorecard: {
            select: {
              status: true,
              recommendation: true,
              summary: true,
              submittedAt: true,
              criterionScores: {
                select: {
                  level: true,
                  covered: true,
                  criterion: { select: { key: true, title: true, position: true } },
                  interviewQuestion: { select: { position: true, questionVersion: { select: { title: true } } } },
                },
              },
              attributeScores: { orderBy: { attribute: "asc" }, select: { attribute: true, level: true } },
            },
          },
        },
      },
    },
  });
  if (!interview) throw notFound("That interview");
  const anonymized = await seesCandidatesAnonymized(actor);
  const { candidate } = interview;
  const summaryOf = (text: string) =>
    anonymized ? redactPersonalText(text, { name: candidate.name, email: candidate.email, links: candidate.links }, candidatePseudonym(candidate.id)) : text;
  return interview.panelists.map((p) => {
    const card = p.scorecard;
    const submitted = card?.status === "SUBMITTED";
    return {
      panelistId: p.id,
      interviewer: p.user,
      isLead: p.isLead,
      trainingStage: p.trainingStage,
      status: card ? card.status : "NONE",
      submittedAt: card?.submittedAt?.toISOString() ?? null,
      recommendation: submitted ? card.recommendation : null,
      summary: submitted ? summaryOf(card.summary) : null,
      scores: submitted
        ? card.criterionScores
            .map((s) => ({
              questionPosition: s.interviewQuestion.position,
              questionTitle: s.interviewQuestion.questionVersion.title,
              criterionKey: s.criterion.key,
              criterionTitle: s.criterion.title,
              criterionPosition: s.criterion.position,
              level: s.level,
              covered: s.covered,
            }))
            .sort((a, b) => a.questionPosition - b.questionPosition || a.criterionPosition - b.criterionPosition)
            .map(({ criterionPosition: _position, ...s }) => s)
        : [],
      attributes: submitted ? card.attributeScores : [],
    };
  });
}
