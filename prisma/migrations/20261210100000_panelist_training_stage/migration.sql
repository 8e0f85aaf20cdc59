-- A panelist's training stage on the interview's kit, taken from the kit's interviewer pool when
-- the interview is scheduled or its panel changes (lib/pools/training-seats.ts): a shadow's
-- scorecard is never counted, a reverse shadow's only beside a qualified panelist's (reports,
-- debriefs, analytics). Null: qualified, or the kit has no pool. Kept on the seat so a later
-- promotion does not rewrite what past interviews counted.
ALTER TABLE panelists ADD COLUMN training_stage TEXT;
ALTER TABLE panelists ADD CONSTRAINT panelists_training_stage_check CHECK (training_stage IN ('SHADOW', 'REVERSE_SHADOW'));
