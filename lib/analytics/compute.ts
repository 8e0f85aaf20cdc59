// Pure: an organization's calibration and question analytics for one period, from the raw rows
// lib/analytics/collect.ts reads. No database: the snapshot job, a custom period, the benchmark's
// naive baseline and the tests all call this one function, so they agree.
//
// What is a unit, what is a rater (see lib/analytics/README.md):
// - A rating is one submitted scorecard's level on one criterion of one interview question.
// - Alpha (ordinal): a unit is an interview question × criterion; its values are the panel's
//   levels. Pooled over questions (organization, kit, interviewer) the levels are mapped to 0..1
//   of their question's scale first, so a 1–5 and a 0–4 rubric are one ordered scale; per question
//   version and per criterion the levels are used as they are. The interval resamples interviews.
// - ICC(2,1)/(2,k) on weighted question scores (0..1), ICC(2,1) with a bootstrap interval over
//   interviews: a row is an interview question, the
//   columns the first two panel seats (the lead, then the next): panels vary between interviews,
//   so seat, not person, is the column; rows with fewer than two scorers are dropped.
// - Severity: lib/analytics/severity.ts over raw levels (an offset in levels of the question's own
//   scale; the seeded bank's scales all have five levels).
import { scoreQuestion } from "@/lib/rubrics/scoring";
import { alphaGroups, bootstrapOrdinalAlpha, ordinalAlphaOf } from "./alpha-groups";
import { analyzeQuestion, type ItemInterviewRecord, type QuestionAnalysis } from "./item-analysis";
import { estimateRaterSeverity } from "./severity";
import { bootstrapInterval } from "./stats/bootstrap-interval";
import { icc } from "./stats/icc";
import { readAlpha, readIcc } from "./stats/reliability-readings";

export interface AnalyticsRaw {
  interviews: { id: string; candidateId: string; kitId: string | null; kitName: string; decision: string | null }[];
  questions: {
    id: string;
    interviewId: string;
    questionId: string;
    questionVersionId: string;
    versionNumber: number;
    title: string;
    scaleMin: number;
    scaleMax: number;
    criteria: { id: string; key: string; title: string; weight: number }[];
  }[];
  /** Submitted scorecards; seat 1 is the lead. */
  scorecards: { interviewId: string; userId: string; name: string; recommendation: string | null; seat: number }[];
  ratings: { interviewQuestionId: string; criterionId: string; userId: string; level: number }[];
}

/** Below this many pairable units a reliability figure is shown as "not enough data" (product floor, beside stats/' mathematical one). */
export const MIN_UNITS_FOR_RELIABILITY = 10;
/** A criterion or question whose alpha is under this (with enough units) is flagged "low agreement" (Krippendorff's tentative floor). */
export const LOW_AGREEMENT = 0.667;

export interface ReliabilityFigures {
  alpha: number | null;
  low: number | null;
  high: number | null;
  /** Pairable units and values behind alpha. */
  units: number;
  pairable: number;
  reading: string;
  icc21: number | null;
  icc2k: number | null;
  /** Bootstrap 95% interval of ICC(2,1), resampling interviews. */
  iccLow: number | null;
  iccHigh: number | null;
  /** Interview questions (rows) behind the ICCs. */
  iccRows: number;
  iccReading: string;
}

export type Lean = -1 | 0 | 1;
const LEAN: Record<string, Lean> = { STRONG_YES: 1, YES: 1, NO_DECISION: 0, NO: -1, STRONG_NO: -1 };
const DECISION_LEAN: Record<string, Lean> = { HIRE: 1, ADVANCE: 1, HOLD: 0, NO_HIRE: -1 };

export interface InterviewerCalibration {
  userId: string;
  name: string;
  scorecards: number;
  ratings: number;
  /** Levels above (+, lenient) or below (−, harsh) the organization's average interviewer on the same answers; shrunk. */
  severity: number | null;
  low: number | null;
  high: number | null;
  /** Only when the interval excludes zero. */
  flagged: boolean;
  /** Why severity is null. */
  reason: string | null;
  /** Informative ratings behind severity (answers someone else also rated). */
  severityN: number;
  recommendations: Record<string, number>;
  /** Their leaning recommendation against the co-panelists' majority lean (ties and "No decision" left out). */
  panelMatch: { matched: number; of: number };
  /** Against the hiring decision (hire/advance vs no hire; hold left out). */
  decisionMatch: { matched: number; of: number };
  /** Alpha over the answers they rated together with at least one co-panelist. */
  alpha: number | null;
  alphaUnits: number;
  /** Who they rated the same answers with, and how many (most first). */
  coPanelists: { userId: string; name: string; shared: number }[];
}

export interface CriterionRow {
  criterionId: string;
  key: string;
  title: string;
  scale: { min: number; max: number };
  distribution: { level: number; count: number }[];
  difficulty: number | null;
  coverage: number | null;
  alpha: number | null;
  alphaUnits: number;
  flags: { ceiling: boolean; floor: boolean; neverAssessed: boolean; lowAgreement: boolean };
}

export interface QuestionRow {
  questionId: string;
  questionVersionId: string;
  versionNumber: number;
  title: string;
  interviews: number;
  difficulty: number | null;
  discrimination: { r: number | null; n: number };
  decisionCorrelation: { r: number | null; n: number };
  alpha: number | null;
  alphaLow: number | null;
  alphaHigh: number | null;
  alphaUnits: number;
  flags: { lowDiscrimination: boolean; lowAgreement: boolean; ceiling: boolean; floor: boolean; neverAssessed: boolean };
  criteria: CriterionRow[];
}

export interface AnalyticsFigures {
  counts: { interviews: number; scorecards: number; ratings: number; interviewers: number; decisions: number };
  organization: ReliabilityFigures;
  kits: ({ kitId: string | null; kitName: string; interviews: number } & ReliabilityFigures)[];
  interviewers: InterviewerCalibration[];
  organizationRecommendations: Record<string, number>;
  severityModel: { sigma2: number | null; tau2: number | null; units: number; ratings: number };
  questions: QuestionRow[];
}

export interface ComputeOptions {
  /** Bootstrap replicates for each interval (default 200). */
  replicates?: number;
}

const RECOMMENDATION_KEYS = ["STRONG_NO", "NO", "NO_DECISION", "YES", "STRONG_YES", "NONE"] as const;
const emptyTally = () => Object.fromEntries(RECOMMENDATION_KEYS.map((k) => [k, 0])) as Record<string, number>;
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function computeAnalytics(raw: AnalyticsRaw, options: ComputeOptions = {}): AnalyticsFigures {
  const replicates = options.replicates ?? 200;
  const interviewById = new Map(raw.interviews.map((i) => [i.id, i]));
  const questionById = new Map(raw.questions.map((q) => [q.id, q]));
  const scorecardsByInterview = new Map<string, AnalyticsRaw["scorecards"]>();
  for (const s of raw.scorecards) {
    const list = scorecardsByInterview.get(s.interviewId);
    if (list) list.push(s);
    else scorecardsByInterview.set(s.interviewId, [s]);
  }
  // levels[iq][criterion] → user → level
  const levels = new Map<string, Map<string, Map<string, number>>>();
  for (const r of raw.ratings) {
    let byCriterion = levels.get(r.interviewQuestionId);
    if (!byCriterion) levels.set(r.interviewQuestionId, (byCriterion = new Map()));
    let byUser = byCriterion.get(r.criterionId);
    if (!byUser) byCriterion.set(r.criterionId, (byUser = new Map()));
    byUser.set(r.userId, r.level);
  }
  const norm = (q: AnalyticsRaw["questions"][number], level: number) => (level - q.scaleMin) / (q.scaleMax - q.scaleMin);

  // Each scorer's weighted question score (0..1), and the panel's mean per interview question.
  const questionScores = new Map<string, { byUser: Map<string, number | null>; mean: number | null }>();
  for (const q of raw.questions) {
    const byUser = new Map<string, number | null>();
    for (const s of scorecardsByInterview.get(q.interviewId) ?? []) {
      const scored = scoreQuestion(
        q.criteria.map((c) => ({ key: c.key, weight: c.weight, level: levels.get(q.id)?.get(c.id)?.get(s.userId) ?? null })),
        { min: q.scaleMin, max: q.scaleMax },
      );
      byUser.set(s.userId, scored.normalized);
    }
    questionScores.set(q.id, { byUser, mean: mean([...byUser.values()].filter((v): v is number => v !== null)) });
  }

  // Reliability over a set of interviews (pooled: normalized levels).
  const reliability = (interviewIds: readonly string[], questionsOf: (interviewId: string) => AnalyticsRaw["questions"]): ReliabilityFigures => {
    const unitsByInterview = interviewIds.map((id) =>
      questionsOf(id).flatMap((q) => q.criteria.map((c) => [...(levels.get(q.id)?.get(c.id)?.values() ?? [])].map((l) => norm(q, l)))),
    );
    const groups = alphaGroups(unitsByInterview);
    const units = groups.groups.reduce((a, g) => a + g.units, 0);
    const pairable = groups.groups.reduce((a, g) => a + [...g.margins.values()].reduce((x, y) => x + y, 0), 0);
    const enough = units >= MIN_UNITS_FOR_RELIABILITY;
    const alpha = enough ? ordinalAlphaOf(groups, Array.from({ length: groups.groups.length }, (_, i) => i)) : null;
    const interval = alpha === null ? null : bootstrapOrdinalAlpha(groups, { replicates });
    const rowsByInterview = interviewIds.map((id) => {
      const seats = (scorecardsByInterview.get(id) ?? []).slice(0, 2);
      return questionsOf(id)
        .map((q) => seats.map((s) => questionScores.get(q.id)?.byUser.get(s.userId) ?? null))
        .filter((r) => r.length === 2);
    });
    const iccResult = icc(rowsByInterview.flat());
    const iccOk = iccResult.subjects >= MIN_UNITS_FOR_RELIABILITY;
    // ICC is cheap but not free: fewer replicates than alpha's (100), resampling interviews.
    const iccInterval = iccOk && iccResult.icc21 !== null ? bootstrapInterval((sample) => icc(sample.flat()).icc21, rowsByInterview, { replicates: Math.min(replicates, 100) }) : null;
    return {
      alpha,
      low: interval?.low ?? null,
      high: interval?.high ?? null,
      units,
      pairable,
      reading: readAlpha(alpha).text,
      icc21: iccOk ? iccResult.icc21 : null,
      icc2k: iccOk ? iccResult.icc2k : null,
      iccLow: iccInterval?.low ?? null,
      iccHigh: iccInterval?.high ?? null,
      iccRows: iccResult.subjects,
      iccReading: readIcc(iccOk ? iccResult.icc21 : null).text,
    };
  };
  const questionsByInterview = new Map<string, AnalyticsRaw["questions"]>();
  for (const q of raw.questions) {
    const list = questionsByInterview.get(q.interviewId);
    if (list) list.push(q);
    else questionsByInterview.set(q.interviewId, [q]);
  }
  const questionsOf = (id: string) => questionsByInterview.get(id) ?? [];
  const scoredInterviews = raw.interviews.filter((i) => scorecardsByInterview.has(i.id)).map((i) => i.id);

  const kitGroups = new Map<string, { kitId: string | null; kitName: string; ids: string[] }>();
  for (const id of scoredInterviews) {
    const i = interviewById.get(id)!;
    const key = i.kitId ?? `name:${i.kitName}`;
    const g = kitGroups.get(key) ?? { kitId: i.kitId, kitName: i.kitName, ids: [] };
    g.ids.push(id);
    kitGroups.set(key, g);
  }

  // Interviewers.
  const fit = estimateRaterSeverity(raw.ratings.map((r) => ({ rater: r.userId, unit: r.interviewQuestionId, criterion: r.criterionId, level: r.level })));
  const severityOf = new Map(fit.raters.map((r) => [r.rater, r]));
  const people = new Map<string, InterviewerCalibration>();
  const orgTally = emptyTally();
  for (const s of raw.scorecards) {
    let p = people.get(s.userId);
    if (!p) {
      const sev = severityOf.get(s.userId);
      p = {
        userId: s.userId,
        name: s.name,
        scorecards: 0,
        ratings: 0,
        severity: sev?.severity ?? null,
        low: sev?.low ?? null,
        high: sev?.high ?? null,
        flagged: sev?.flagged ?? false,
        reason: sev ? sev.reason : "not enough data",
        severityN: sev?.n ?? 0,
        recommendations: emptyTally(),
        panelMatch: { matched: 0, of: 0 },
        decisionMatch: { matched: 0, of: 0 },
        alpha: null,
        alphaUnits: 0,
        coPanelists: [],
      };
      people.set(s.userId, p);
    }
    p.scorecards++;
    const key = s.recommendation ?? "NONE";
    p.recommendations[key] = (p.recommendations[key] ?? 0) + 1;
    orgTally[key] = (orgTally[key] ?? 0) + 1;
    const lean = s.recommendation ? (LEAN[s.recommendation] ?? 0) : 0;
    if (lean !== 0) {
      const others = (scorecardsByInterview.get(s.interviewId) ?? []).filter((o) => o.userId !== s.userId);
      const majority = Math.sign(others.reduce((a, o) => a + (o.recommendation ? (LEAN[o.recommendation] ?? 0) : 0), 0));
      if (majority !== 0) {
        p.panelMatch.of++;
        if (majority === lean) p.panelMatch.matched++;
      }
      const decision = interviewById.get(s.interviewId)?.decision;
      const decided = decision ? (DECISION_LEAN[decision] ?? 0) : 0;
      if (decided !== 0) {
        p.decisionMatch.of++;
        if (decided === lean) p.decisionMatch.matched++;
      }
    }
  }
  for (const r of raw.ratings) {
    const p = people.get(r.userId);
    if (p) p.ratings++;
  }
  // Each interviewer's alpha against co-panelists: the answers they rated with someone else.
  const unitsOfUser = new Map<string, number[][]>();
  const sharedWith = new Map<string, Map<string, number>>();
  for (const [iq, byCriterion] of levels) {
    const q = questionById.get(iq);
    if (!q) continue;
    for (const byUser of byCriterion.values()) {
      if (byUser.size < 2) continue;
      const unit = [...byUser.values()].map((l) => norm(q, l));
      for (const user of byUser.keys()) {
        const list = unitsOfUser.get(user);
        if (list) list.push(unit);
        else unitsOfUser.set(user, [unit]);
        let counts = sharedWith.get(user);
        if (!counts) sharedWith.set(user, (counts = new Map()));
        for (const other of byUser.keys()) if (other !== user) counts.set(other, (counts.get(other) ?? 0) + 1);
      }
    }
  }
  for (const p of people.values()) {
    p.coPanelists = [...(sharedWith.get(p.userId) ?? [])]
      .map(([userId, shared]) => ({ userId, name: people.get(userId)?.name ?? "", shared }))
      .sort((a, b) => b.shared - a.shared || a.name.localeCompare(b.name));
    const units = unitsOfUser.get(p.userId) ?? [];
    p.alphaUnits = units.length;
    if (units.length >= MIN_UNITS_FOR_RELIABILITY) {
      const g = alphaGroups([units]);
      p.alpha = ordinalAlphaOf(g, [0]);
    }
  }

  // Questions, per version.
  const versions = new Map<string, AnalyticsRaw["questions"]>();
  for (const q of raw.questions) {
    if (!scorecardsByInterview.has(q.interviewId)) continue;
    const list = versions.get(q.questionVersionId);
    if (list) list.push(q);
    else versions.set(q.questionVersionId, [q]);
  }
  const questions: QuestionRow[] = [];
  for (const [versionId, asked] of versions) {
    const first = asked[0]!;
    const scale = { min: first.scaleMin, max: first.scaleMax };
    const records: ItemInterviewRecord[] = asked.map((q) => {
      const others = questionsOf(q.interviewId)
        .filter((o) => o.id !== q.id)
        .map((o) => questionScores.get(o.id)?.mean ?? null)
        .filter((v): v is number => v !== null);
      const decision = interviewById.get(q.interviewId)?.decision;
      const lean = decision ? (DECISION_LEAN[decision] ?? 0) : 0;
      return {
        interviewId: q.interviewId,
        questionScore: questionScores.get(q.id)?.mean ?? null,
        otherQuestionsScore: mean(others),
        decision: lean > 0 ? "positive" : lean < 0 ? "negative" : null,
      };
    });
    const analysis: QuestionAnalysis = analyzeQuestion({
      interviews: records,
      criteria: first.criteria.map((c) => ({
        criterion: c.id,
        scale,
        ratings: asked.flatMap((q) => [...(levels.get(q.id)?.get(c.id)?.values() ?? [])].map((level) => ({ interviewId: q.interviewId, level }))),
      })),
    });
    const versionGroups = alphaGroups(asked.map((q) => first.criteria.map((c) => [...(levels.get(q.id)?.get(c.id)?.values() ?? [])])));
    const versionUnits = versionGroups.groups.reduce((a, g) => a + g.units, 0);
    const allGroups = Array.from({ length: versionGroups.groups.length }, (_, i) => i);
    const alpha = versionUnits >= MIN_UNITS_FOR_RELIABILITY ? ordinalAlphaOf(versionGroups, allGroups) : null;
    const interval = alpha === null ? null : bootstrapOrdinalAlpha(versionGroups, { replicates });
    const criteria: CriterionRow[] = first.criteria.map((c, ci) => {
      const a = analysis.criteria[ci]!;
      const g = alphaGroups([asked.map((q) => [...(levels.get(q.id)?.get(c.id)?.values() ?? [])])]);
      const units = g.groups[0]?.units ?? 0;
      const cAlpha = units >= MIN_UNITS_FOR_RELIABILITY ? ordinalAlphaOf(g, [0]) : null;
      return {
        criterionId: c.id,
        key: c.key,
        title: c.title,
        scale,
        distribution: a.distribution,
        difficulty: a.difficulty,
        coverage: a.coverage,
        alpha: cAlpha,
        alphaUnits: units,
        flags: { ...a.flags, lowAgreement: cAlpha !== null && cAlpha < LOW_AGREEMENT },
      };
    });
    questions.push({
      questionId: first.questionId,
      questionVersionId: versionId,
      versionNumber: first.versionNumber,
      title: first.title,
      interviews: asked.length,
      difficulty: analysis.difficulty,
      discrimination: { r: analysis.discrimination.r, n: analysis.discrimination.n },
      decisionCorrelation: { r: analysis.decisionCorrelation.r, n: analysis.decisionCorrelation.n },
      alpha,
      alphaLow: interval?.low ?? null,
      alphaHigh: interval?.high ?? null,
      alphaUnits: versionUnits,
      flags: {
        lowDiscrimination: analysis.flags.lowDiscrimination,
        lowAgreement: alpha !== null && alpha < LOW_AGREEMENT,
        ceiling: criteria.some((c) => c.flags.ceiling),
        floor: criteria.some((c) => c.flags.floor),
        neverAssessed: criteria.some((c) => c.flags.neverAssessed),
      },
      criteria,
    });
  }
  questions.sort((a, b) => a.title.localeCompare(b.title) || a.versionNumber - b.versionNumber);

  return {
    counts: {
      interviews: scoredInterviews.length,
      scorecards: raw.scorecards.length,
      ratings: raw.ratings.length,
      interviewers: people.size,
      decisions: raw.interviews.filter((i) => i.decision !== null && scorecardsByInterview.has(i.id)).length,
    },
    organization: reliability(scoredInterviews, questionsOf),
    kits: [...kitGroups.values()]
      .map((g) => ({ kitId: g.kitId, kitName: g.kitName, interviews: g.ids.length, ...reliability(g.ids, questionsOf) }))
      .sort((a, b) => b.interviews - a.interviews || a.kitName.localeCompare(b.kitName)),
    interviewers: [...people.values()].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId)),
    organizationRecommendations: orgTally,
    severityModel: { sigma2: fit.sigma2, tau2: fit.tau2, units: fit.units, ratings: fit.ratings },
    questions,
  };
}
