// Relevance figures for a test set of queries (tests/search/relevance.json): success@k (the
// share of queries whose expected results are all in the top k) and MRR (the mean over queries
// of 1 / the rank of the first expected result; 0 when it is missing from the results).
// Pure; used by the relevance test and by `npm run bench -- search`.

export interface RelevanceQuery {
  q: string;
  expect: string[];
  kind: string;
}

export interface RelevanceSet {
  thresholds: { successAt3: number; mrr: number };
  queries: RelevanceQuery[];
}

export interface RelevanceOutcome {
  q: string;
  kind: string;
  /** 1-based rank of the first expected result, or null when it was not returned. */
  firstRank: number | null;
  /** Every expected result in the top k. */
  success: boolean;
  top: string[];
}

export function judge(query: RelevanceQuery, ranked: string[], k = 3): RelevanceOutcome {
  const ranks = query.expect.map((e) => ranked.indexOf(e)).filter((i) => i >= 0);
  return {
    q: query.q,
    kind: query.kind,
    firstRank: ranks.length ? Math.min(...ranks) + 1 : null,
    success: query.expect.every((e) => {
      const i = ranked.indexOf(e);
      return i >= 0 && i < k;
    }),
    top: ranked.slice(0, k),
  };
}

export function summarize(outcomes: RelevanceOutcome[]): { successAt3: number; mrr: number; failures: RelevanceOutcome[] } {
  const n = outcomes.length || 1;
  return {
    successAt3: outcomes.filter((o) => o.success).length / n,
    mrr: outcomes.reduce((s, o) => s + (o.firstRank ? 1 / o.firstRank : 0), 0) / n,
    failures: outcomes.filter((o) => !o.success),
  };
}
