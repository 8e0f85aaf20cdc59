-- "No decision" as an explicit overall recommendation: the panelist has weighed the evidence
-- and declines to lean either way. It is not "not answered" (a scorecard cannot be submitted
-- without a recommendation) and reports never count it as a no.
ALTER TYPE "Recommendation" ADD VALUE IF NOT EXISTS 'NO_DECISION';
