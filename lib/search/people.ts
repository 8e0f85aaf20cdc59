import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { fold, wordsOf } from "./text";

/**
 * The one people search (candidates, members): every typed word must appear in the person's
 * name or email — accents and case folded ("lukasiewicz" finds "Łukasiewicz"), anywhere in a
 * word (so "luka" finds it as you type) — or be spelled close to a word there (pg_trgm word
 * similarity ≥ PEOPLE_THRESHOLD: one wrong letter still finds). Best matches first. Runs on the
 * generated, trigram-indexed search_text columns (panelist_fold(name || ' ' || email)).
 */
export const PEOPLE_THRESHOLD = 0.5;
/** Words beyond this are ignored (a name and an email rarely need more). */
export const PEOPLE_MAX_WORDS = 6;

/** LIKE's wildcard characters taken literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The typed words, folded; none means "no text filter". */
export function peopleWords(q: string): string[] {
  return wordsOf(fold(q)).slice(0, PEOPLE_MAX_WORDS);
}

/** WHERE condition and score over `column` (a folded search_text column) for the words. */
export function peopleMatchSql(column: Prisma.Sql, words: string[]): { where: Prisma.Sql; score: Prisma.Sql } {
  const where = words.map((w) => Prisma.sql`(${column} LIKE ${`%${escapeLike(w)}%`} OR ${w} <% ${column})`);
  const score = words.map((w) => Prisma.sql`(CASE WHEN ${column} LIKE ${`${escapeLike(w)}%`} OR ${column} LIKE ${`% ${escapeLike(w)}%`} THEN 1.0 ELSE word_similarity(${w}, ${column}) END)`);
  return { where: Prisma.join(where, " AND "), score: Prisma.join(score, " + ") };
}

/** Runs a people query with the similarity threshold it was written for (one transaction). */
export async function runPeopleQuery<T>(sql: Prisma.Sql): Promise<T[]> {
  const [, rows] = await db.$transaction([db.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(PEOPLE_THRESHOLD)}, true)`, db.$queryRaw<T[]>(sql)]);
  return rows;
}
