import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { panelProgress, trainingOfStage } from "./aggregate-report";
import { anonymousInterviewTitle, candidatePseudonym } from "./anonymize";
import { isAnonymizedFor, submittedReportInterviewWhere } from "./report-access";

export interface ReportIndexInterview {
  id: string;
  title: string;
  kitName: string;
  status: string;
  startsAt: string;
  candidate: { id: string; label: string };
  /** Scorecards that count (lib/reports/aggregate-report.ts: a shadow's never does, a reverse shadow's only beside a qualified panelist's). */
  submitted: number;
  /** Seats whose scorecard can count: the panel without its shadows. */
  panelSize: number;
  /** The report still waits on a scorecard that would count. */
  partial: boolean;
}

export interface ReportIndex {
  interviews: ReportIndexInterview[];
  /** Kits with at least one interview, for the comparison (empty for interviewers). */
  kits: { id: string; name: string; interviews: number }[];
  anonymizedReview: boolean;
  /** Whether this viewer sees pseudonyms. */
  anonymized: boolean;
}

/** The reports landing page: the latest interviews the actor may read reports of, and the kits to compare by. */
export async function listReportIndex(actor: Actor, opts: { limit?: number } = {}): Promise<ReportIndex> {
  const where = submittedReportInterviewWhere(actor);
  const [organization, rows, kits] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { anonymizedReview: true } }),
    db.interview.findMany({
      where: { AND: [where, { status: { notIn: ["CANCELLED"] } }, { panelists: { some: { scorecard: { isNot: null } } } }] },
      orderBy: { startsAt: "desc" },
      take: opts.limit ?? 50,
      select: {
        id: true,
        title: true,
        kitName: true,
        status: true,
        startsAt: true,
        candidate: { select: { id: true, name: true } },
        panelists: { select: { trainingStage: true, scorecard: { select: { status: true } } } },
      },
    }),
    can(actor, "reports.read")
      ? db.kit.findMany({
          where: { organizationId: actor.organizationId, interviews: { some: where } },
          orderBy: { name: "asc" },
          select: { id: true, name: true, _count: { select: { interviews: { where } } } },
        })
      : [],
  ]);
  const anonymized = isAnonymizedFor(actor, organization);
  return {
    anonymizedReview: organization.anonymizedReview,
    anonymized,
    kits: kits.map((k) => ({ id: k.id, name: k.name, interviews: k._count.interviews })),
    interviews: rows.map((r) => {
      const label = anonymized ? candidatePseudonym(r.candidate.id) : r.candidate.name;
      return {
        id: r.id,
        // Titles name the candidate; anonymized viewers get the kit instead.
        title: anonymized ? anonymousInterviewTitle(r.candidate.id, r.kitName) : r.title,
        kitName: r.kitName,
        status: r.status,
        startsAt: r.startsAt.toISOString(),
        candidate: { id: r.candidate.id, label },
        ...panelProgress(r.panelists.map((p) => ({ training: trainingOfStage(p.trainingStage), submitted: p.scorecard?.status === "SUBMITTED" }))),
      };
    }),
  };
}
