-- Whole words (for prefixes typed longer than a word's stem, "normali" → normalization) only
-- for titles (A) and tags (B), no longer for prompts: a prompt's whole words added about a third
-- to every question's search_vector, and to the time to rank a broad query's matches, for what
-- a prefix of the stem (lib/questions/search-sql.ts) finds anyway. The rest of the document is
-- as in 20261207000000_search. Existing questions are re-indexed.

CREATE OR REPLACE FUNCTION panelist_refresh_question_search(p_ids text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_words (organization_id, word)
  SELECT DISTINCT q.organization_id, w
  FROM questions q
  JOIN question_versions v ON v.question_id = q.id AND v.number = q.latest_version_no,
  LATERAL regexp_split_to_table(panelist_fold(v.title || ' ' || array_to_string(v.tags, ' ') || ' ' || v.prompt || ' ' ||
    coalesce((SELECT string_agg(c.title, ' ') FROM rubric_criteria c WHERE c.question_version_id = v.id), '')), '[^[:alnum:]]+') AS w
  WHERE q.id = ANY(p_ids) AND length(w) BETWEEN 3 AND 40 AND w !~ '^[0-9]+$'
  ORDER BY 1, 2
  ON CONFLICT DO NOTHING;
  UPDATE questions q SET
    search_vector =
      setweight(to_tsvector('panelist_english', coalesce(v.title, '')), 'A') ||
      setweight(to_tsvector('panelist_simple', coalesce(v.title, '')), 'A') ||
      setweight(to_tsvector('panelist_english', array_to_string(v.tags, ' ')), 'B') ||
      setweight(to_tsvector('panelist_simple', array_to_string(v.tags, ' ')), 'B') ||
      setweight(to_tsvector('panelist_english', coalesce(v.prompt, '')), 'C') ||
      setweight(to_tsvector('panelist_english', coalesce((
        SELECT string_agg(c.title || ' ' || c.description || ' ' || coalesce((
          SELECT string_agg(l->>'descriptor', ' ') FROM jsonb_array_elements(c.levels) l), ''), ' ')
        FROM rubric_criteria c WHERE c.question_version_id = v.id), '') || ' ' ||
        array_to_string(v.follow_ups, ' ') || ' ' || array_to_string(v.red_flags, ' ')), 'D'),
    search_text = panelist_fold(coalesce(v.title, '') || ' ' || array_to_string(v.tags, ' '))
  FROM question_versions v
  WHERE v.question_id = q.id AND v.number = q.latest_version_no AND q.id = ANY(p_ids)
$$;

SELECT panelist_refresh_question_search(array_agg(id)) FROM questions;
