// No "server-only": the demo seed (scripts/db-seed.ts, run by tsx outside Next) calls this too.
import type { Tx } from "@/lib/db/client";

/**
 * Recomputes questions.search_vector from each question's latest version: title (weight A),
 * tags (B), prompt (C), rubric criteria, follow-ups and red flags (D). Call it in the same
 * transaction that writes a new version. Level descriptors are indexed as text only (not the
 * JSON, whose "level"/"descriptor" keys would otherwise match every question).
 */
export async function refreshSearchVectors(tx: Tx, questionIds: string[]): Promise<void> {
  if (questionIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE questions q SET search_vector =
      setweight(to_tsvector('english', coalesce(v.title, '')), 'A') ||
      setweight(to_tsvector('english', array_to_string(v.tags, ' ')), 'B') ||
      setweight(to_tsvector('english', coalesce(v.prompt, '')), 'C') ||
      setweight(to_tsvector('english', coalesce((
        SELECT string_agg(c.title || ' ' || c.description || ' ' || coalesce((
          SELECT string_agg(l->>'descriptor', ' ') FROM jsonb_array_elements(c.levels) l), ''), ' ')
        FROM rubric_criteria c WHERE c.question_version_id = v.id), '') || ' ' ||
        array_to_string(v.follow_ups, ' ') || ' ' || array_to_string(v.red_flags, ' ')), 'D')
    FROM question_versions v
    WHERE v.question_id = q.id AND v.number = q.latest_version_no AND q.id = ANY(${questionIds}::text[])`;
}
