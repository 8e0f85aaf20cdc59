// No "server-only": the demo seed (scripts/db-seed.ts, run by tsx outside Next) calls this too.
import type { Tx } from "@/lib/db/client";

/**
 * Recomputes each question's search document from its latest version: questions.search_vector
 * (stemmed words of the title (weight A), tags (B), prompt (C), rubric criteria, follow-ups and
 * red flags (D), plus whole words of title and tags for prefix matching; accents folded) and questions.search_text (folded title and tags, for typo-tolerant trigram
 * matching). The definition is the SQL function panelist_refresh_question_search (migration
 * 20261207000000_search). Call it in the same transaction that writes a new version.
 */
export async function refreshSearchVectors(tx: Tx, questionIds: string[]): Promise<void> {
  if (questionIds.length === 0) return;
  await tx.$executeRaw`SELECT panelist_refresh_question_search(${questionIds}::text[])`;
}
