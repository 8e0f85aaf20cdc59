import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { bankFigures, bankRanking, isBankAnalyticsSort } from "@/lib/analytics/bank-figures";
import { DEFAULT_ANALYTICS_PERIOD } from "@/lib/analytics/schemas";
import { readSnapshot } from "@/lib/analytics/snapshots";
import { getPgPool } from "@/lib/db/client";
import { poolSqlExecutor } from "@/lib/db/sql-runner";
import { synonymsFor } from "@/lib/search/synonyms";
import { type QuestionSearch } from "./schemas";
import { runQuestionSearch } from "./search-flow";
import type { QuestionSearchResult } from "./types";

/** Searches skip the ORM (a hot path: every keystroke) and run on the app's own pool. */
const executor = poolSqlExecutor(getPgPool);

/**
 * The one question search, used by every place that looks questions up (the bank, the kit
 * editor's "Add questions from the bank"), with the organization's synonyms; the flow and its
 * rules are in search-flow.ts.
 */
export function findQuestions(organizationId: string, s: QuestionSearch, ranking?: readonly string[]): Promise<QuestionSearchResult> {
  return synonymsFor(organizationId).then((synonyms) => runQuestionSearch(executor, organizationId, s, synonyms, ranking));
}

/**
 * The bank's search (GET /api/questions): any member may search the bank. Sorting by
 * discrimination or agreement reads the analytics snapshot of the default period (never
 * recomputed here; lib/analytics/snapshots.ts) and needs analytics.questions.
 */
export async function searchQuestions(actor: Actor, input: QuestionSearch): Promise<QuestionSearchResult> {
  assertCan(actor, "questions.read");
  if (!isBankAnalyticsSort(input.sort)) return findQuestions(actor.organizationId, input);
  assertCan(actor, "analytics.questions", "Sorting by discrimination or agreement is for those who see question analytics.");
  const snapshot = await readSnapshot(actor.organizationId, DEFAULT_ANALYTICS_PERIOD);
  return findQuestions(actor.organizationId, input, bankRanking(bankFigures(snapshot.figures.questions), input.sort));
}
