// The question bank's analytics columns and sorts ("most discriminating", "least agreed"), read
// from the precomputed snapshot's question rows (one per question version). Pure: the server
// ranks the bank with it and the bank's cards show the same figures.
import type { QuestionRow } from "./compute";

/** The bank's sorts that come from the analytics snapshot, not from the questions table. */
export const BANK_ANALYTICS_SORTS = ["discrimination", "agreement"] as const;
export type BankAnalyticsSort = (typeof BANK_ANALYTICS_SORTS)[number];

export const isBankAnalyticsSort = (sort: string | undefined): sort is BankAnalyticsSort => (BANK_ANALYTICS_SORTS as readonly string[]).includes(sort ?? "");

export interface BankQuestionFigures {
  questionId: string;
  /** The version these figures are of: the newest one with a figure in the period. */
  versionNumber: number;
  interviews: number;
  /** Corrected item-total correlation, and the interviews it rests on. */
  discrimination: number | null;
  discriminationN: number;
  /** Krippendorff's alpha (ordinal) over the version's criteria, and its pairable answers. */
  alpha: number | null;
  alphaUnits: number;
}

/**
 * One line of figures per question: its newest version that has a discrimination or an alpha in
 * the period — a new version with two interviews has neither yet, and its predecessor's figures
 * say more — else its newest version scored at all.
 */
export function bankFigures(rows: readonly QuestionRow[]): Map<string, BankQuestionFigures> {
  const best = new Map<string, QuestionRow>();
  const hasFigure = (r: QuestionRow) => r.discrimination.r !== null || r.alpha !== null;
  for (const r of rows) {
    const current = best.get(r.questionId);
    const better = !current || (hasFigure(r) && !hasFigure(current)) || (hasFigure(r) === hasFigure(current) && r.versionNumber > current.versionNumber);
    if (better) best.set(r.questionId, r);
  }
  return new Map(
    [...best.values()].map((r) => [
      r.questionId,
      {
        questionId: r.questionId,
        versionNumber: r.versionNumber,
        interviews: r.interviews,
        discrimination: r.discrimination.r,
        discriminationN: r.discrimination.n,
        alpha: r.alpha,
        alphaUnits: r.alphaUnits,
      },
    ]),
  );
}

/**
 * Question ids in the sort's order — most discriminating first (highest r), or least agreed
 * first (lowest alpha) — ties by id so the order is stable. Questions without the figure are left
 * out: the bank lists them after the ranked ones, by title.
 */
export function bankRanking(figures: ReadonlyMap<string, BankQuestionFigures>, sort: BankAnalyticsSort): string[] {
  const value = (f: BankQuestionFigures) => (sort === "discrimination" ? f.discrimination : f.alpha);
  const dir = sort === "discrimination" ? -1 : 1;
  return [...figures.values()]
    .filter((f) => value(f) !== null)
    .sort((a, b) => dir * (value(a)! - value(b)!) || (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0))
    .map((f) => f.questionId);
}
