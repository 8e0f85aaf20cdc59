-- One refresh of a question's search document per version write, from its criteria insert only.
--
-- 20261208000000_search_document_by_trigger refreshed twice per new version: after the version
-- insert (without the criteria titles) and after the criteria insert. Each refresh adds the
-- version's words to search_words in sorted order, so concurrent writers take those row locks in
-- one global order; two passes in one transaction break that order (the second pass can need a
-- word that sorts below one the first pass holds), and two people saving questions with
-- overlapping new words at the same moment could deadlock. A version always has at least one
-- criterion (lib/questions/schemas.ts), written in one statement after the version, so the
-- criteria trigger alone sees the complete version, once.
DROP TRIGGER question_versions_search_refresh ON question_versions;
DROP FUNCTION panelist_question_versions_search_trigger();
