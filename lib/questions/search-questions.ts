import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
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
export function findQuestions(organizationId: string, s: QuestionSearch): Promise<QuestionSearchResult> {
  return synonymsFor(organizationId).then((synonyms) => runQuestionSearch(executor, organizationId, s, synonyms));
}

/** The bank's search (GET /api/questions): any member may search the bank. */
export async function searchQuestions(actor: Actor, input: QuestionSearch): Promise<QuestionSearchResult> {
  assertCan(actor, "questions.read");
  return findQuestions(actor.organizationId, input);
}
