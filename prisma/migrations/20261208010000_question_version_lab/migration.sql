-- A question version names the demo lab the interview room offers with it (issue 15): a field
-- of the version like its prompt, set in the editor or by an import, instead of being looked up
-- at run time in the seed file by the question's external key. NULL: no lab.
ALTER TABLE question_versions ADD COLUMN lab text;
ALTER TABLE question_versions ADD CONSTRAINT question_versions_lab_check
  CHECK (lab IS NULL OR lab IN ('roc-imbalanced', 'batch-norm', 'bias-variance', 'nearest-face'));

-- The seeded questions that launched a lab keep launching it: every version of them gets the lab
-- the seed file gave them (by the stable external key the seed and imports write).
UPDATE question_versions v
   SET lab = m.lab
  FROM questions q,
       (VALUES ('dl-batch-norm', 'batch-norm'),
               ('ml-bias-variance', 'bias-variance'),
               ('dl-face-search-10m', 'nearest-face'),
               ('ml-classification-metrics', 'roc-imbalanced')) AS m(external_key, lab)
 WHERE v.question_id = q.id AND q.external_key = m.external_key;
