// The relevance test set (tests/search/relevance.json) against the demo bank plus generated
// distractors: success@3 and MRR of the bank search, and the kit editor's and bank's searches
// agreeing on the top results for the same query.
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Actor, loadActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { judge, summarize } from "@/lib/search/relevance";
import { seedDemoData } from "@/lib/seed/demo";
import { buildRelevanceBank, loadRelevanceSet } from "../../scripts/bench/lib/relevance-bank";
import { listQuestionChoices, searchQuestions } from "../helpers/boundary";

const DISTRACTORS = 3_000;
const set = loadRelevanceSet(resolve(__dirname, "..", ".."));
let actor: Actor;
let keyOf: Map<string, string>;

beforeAll(async () => {
  const bank = await buildRelevanceBank(db, process.env.DATABASE_URL!, DISTRACTORS, seedDemoData);
  keyOf = bank.keyOf;
  const owner = await db.membership.findFirstOrThrow({ where: { organizationId: bank.organizationId, role: "RECRUITER" }, select: { userId: true } });
  actor = (await loadActor(owner.userId, bank.organizationId))!;
}, 120_000);

describe("search relevance", () => {
  it("has at least 40 queries covering abbreviations, partial words, both spellings, typos, multi-word and accents", () => {
    expect(set.queries.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(set.queries.map((q) => q.kind));
    for (const k of ["abbreviation", "partial", "spelling", "typo", "multi-word", "accent"]) expect(kinds).toContain(k);
    expect(set.thresholds.successAt3).toBeGreaterThanOrEqual(0.95);
  });

  it(`finds the expected questions in the top 3 (success@3 and MRR at or above the set's thresholds)`, async () => {
    const outcomes = [];
    for (const q of set.queries) {
      const r = await searchQuestions(actor, { q: q.q, pageSize: 10 });
      outcomes.push(judge(q, r.items.map((i) => keyOf.get(i.id) ?? i.title)));
    }
    const s = summarize(outcomes);
    const report = `success@3 ${s.successAt3.toFixed(3)}, MRR ${s.mrr.toFixed(3)}; missed: ${JSON.stringify(s.failures.map((f) => ({ q: f.q, rank: f.firstRank, top: f.top })))}`;
    console.log(`relevance over ${set.queries.length} queries: ${report}`);
    expect(s.successAt3, report).toBeGreaterThanOrEqual(set.thresholds.successAt3);
    expect(s.mrr, report).toBeGreaterThanOrEqual(set.thresholds.mrr);
  }, 60_000);

  it("the kit editor's search returns the bank's top results in the same order", async () => {
    for (const q of ["batch norm", "ROC", "nearest neighbor", "bias varience", "face", "optimisers"]) {
      const bank = (await searchQuestions(actor, { q, pageSize: 5 })).items.map((i) => i.id);
      const kit = (await listQuestionChoices(actor, { q })).slice(0, 5).map((c) => c.questionId);
      expect(kit, q).toEqual(bank);
      expect(bank.length, q).toBeGreaterThan(0);
    }
  });
});
