-- A question's search document (questions.search_vector, search_text and the organization's
-- search_words) is kept by the database: every statement that inserts question versions or
-- rubric criteria refreshes the questions it touched, so no write path has to remember to
-- call panelist_refresh_question_search itself (issue 15).
--
-- Statement-level triggers with transition tables: a bulk INSERT of 2,000 versions refreshes
-- those 2,000 questions in one call. A new version is written as questions row (its
-- latest_version_no already pointing at the new number), then the version, then its criteria;
-- the version's trigger computes the document without the criteria titles and the criteria's
-- trigger completes it, both inside the writing transaction.

CREATE OR REPLACE FUNCTION panelist_question_versions_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM panelist_refresh_question_search(ARRAY(SELECT DISTINCT question_id FROM new_versions));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION panelist_rubric_criteria_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM panelist_refresh_question_search(ARRAY(
    SELECT DISTINCT v.question_id FROM new_criteria c JOIN question_versions v ON v.id = c.question_version_id));
  RETURN NULL;
END $$;

CREATE TRIGGER question_versions_search_refresh
  AFTER INSERT ON question_versions
  REFERENCING NEW TABLE AS new_versions
  FOR EACH STATEMENT EXECUTE FUNCTION panelist_question_versions_search_trigger();

CREATE TRIGGER rubric_criteria_search_refresh
  AFTER INSERT ON rubric_criteria
  REFERENCING NEW TABLE AS new_criteria
  FOR EACH STATEMENT EXECUTE FUNCTION panelist_rubric_criteria_search_trigger();
