-- Search that finds what people type (issue 14). lib/search/ builds the queries; this file is
-- the database side:
--   * unaccent and pg_trgm (both "trusted" extensions: a database owner may create them);
--   * panelist_unaccent(text), an IMMUTABLE wrapper, so accent folding can sit in generated
--     columns and indexes;
--   * two text search configurations that fold accents: panelist_english (stemmed) and
--     panelist_simple (whole words, for prefix matching as you type);
--   * questions.search_vector rebuilt with both, questions.search_text (title + tags, folded)
--     with a trigram index, and search_words (each organization's vocabulary, trigram-indexed)
--     for typo tolerance; panelist_refresh_question_search(ids) is the one definition of all
--     three (lib/questions/search-index.ts calls it);
--   * candidates.search_text and users.search_text (name + email, folded; generated) with
--     trigram indexes for people search;
--   * search_synonyms: each organization's editable synonym and abbreviation groups;
--   * question_tag_counts: tag counts of non-archived questions per organization, kept by a
--     trigger, so the bank's tag list is an index read instead of an unnest over the bank.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is STABLE (it looks its dictionary up by name); naming the dictionary by its
-- schema-qualified name makes the result depend on the input alone.
DO $$
DECLARE s text;
BEGIN
  SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent';
  EXECUTE format(
    'CREATE FUNCTION panelist_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS %L',
    format('SELECT %I.unaccent(%L::regdictionary, $1)', s, quote_ident(s) || '.unaccent'));
END $$;

-- Folded, lower-case text for trigram matching: what people search compares against.
CREATE FUNCTION panelist_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(panelist_unaccent($1)) $$;

CREATE TEXT SEARCH CONFIGURATION panelist_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION panelist_english
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

CREATE TEXT SEARCH CONFIGURATION panelist_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION panelist_simple
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- AlterTable
ALTER TABLE "questions" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "search_words" (
    "organization_id" TEXT NOT NULL,
    "word" TEXT NOT NULL,

    CONSTRAINT "search_words_pkey" PRIMARY KEY ("organization_id","word")
);

-- CreateIndex
CREATE INDEX "search_words_word_idx" ON "search_words" USING GIN ("word" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "search_words" ADD CONSTRAINT "search_words_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The search document of each question, from its latest version:
--   stemmed words: title (A), tags (B), prompt (C), rubric criteria, follow-ups, red flags (D);
--   whole words (for prefixes): title (A), tags (B), prompt (C);
--   search_text: folded title and tags, for trigram matching;
--   search_words: the organization's vocabulary (folded words of titles, tags, prompts and
--   criterion titles; 3–40 characters, not numbers), for correcting a mistyped word. Words are
--   only added: a word no longer used costs a correction that finds nothing.
-- Level descriptors are indexed as text only (not the JSON, whose keys would match everything).
CREATE FUNCTION panelist_refresh_question_search(p_ids text[]) RETURNS void LANGUAGE sql AS $$
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
      setweight(to_tsvector('panelist_simple', coalesce(v.prompt, '')), 'C') ||
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

-- CreateIndex
CREATE INDEX "questions_search_text_idx" ON "questions" USING GIN ("search_text" gin_trgm_ops);

-- AlterTable
ALTER TABLE "candidates" ADD COLUMN "search_text" TEXT GENERATED ALWAYS AS (panelist_fold(name || ' ' || coalesce(email, ''))) STORED;
ALTER TABLE "users" ADD COLUMN "search_text" TEXT GENERATED ALWAYS AS (panelist_fold(name || ' ' || email)) STORED;

-- CreateIndex
CREATE INDEX "candidates_search_text_idx" ON "candidates" USING GIN ("search_text" gin_trgm_ops);
CREATE INDEX "users_search_text_idx" ON "users" USING GIN ("search_text" gin_trgm_ops);

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN "search_synonyms_seeded" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "search_synonyms" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "terms" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "search_synonyms_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "search_synonyms_organization_id_idx" ON "search_synonyms"("organization_id");

-- AddForeignKey
ALTER TABLE "search_synonyms" ADD CONSTRAINT "search_synonyms_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "question_tag_counts" (
    "organization_id" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "question_tag_counts_pkey" PRIMARY KEY ("organization_id","tag")
);

-- CreateIndex
CREATE INDEX "question_tag_counts_organization_id_count_tag_idx" ON "question_tag_counts"("organization_id", "count" DESC, "tag");

-- AddForeignKey
ALTER TABLE "question_tag_counts" ADD CONSTRAINT "question_tag_counts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Keeps question_tag_counts equal to the tags of each organization's non-archived questions.
-- Tags are taken one by one in sorted order, so concurrent writers lock count rows in one order.
CREATE FUNCTION panelist_question_tag_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'ARCHIVED' THEN
    FOR t IN SELECT DISTINCT x FROM unnest(OLD.tags) x ORDER BY x LOOP
      UPDATE question_tag_counts SET count = count - 1 WHERE organization_id = OLD.organization_id AND tag = t;
    END LOOP;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status <> 'ARCHIVED' THEN
    FOR t IN SELECT DISTINCT x FROM unnest(NEW.tags) x ORDER BY x LOOP
      INSERT INTO question_tag_counts AS c (organization_id, tag, count) VALUES (NEW.organization_id, t, 1)
      ON CONFLICT (organization_id, tag) DO UPDATE SET count = c.count + 1;
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER questions_tag_counts
  AFTER INSERT OR DELETE OR UPDATE OF tags, status, organization_id ON questions
  FOR EACH ROW EXECUTE FUNCTION panelist_question_tag_counts();

INSERT INTO question_tag_counts (organization_id, tag, count)
SELECT q.organization_id, t.tag, count(DISTINCT q.id)::int
FROM questions q, unnest(q.tags) AS t(tag)
WHERE q.status <> 'ARCHIVED'
GROUP BY q.organization_id, t.tag;
