-- Verified SSO domains are checked again once a day (lib/sso/recheck-sso-domains.ts): a domain
-- that changes hands, or whose owner takes the record down, loses its verification after
-- SSO_RECHECK_FAILURES failed checks in a row.
--   * checked_at: when its record was last looked for (verification counts as a check).
--   * check_failures: failed checks in a row (the record missing or wrong; a failed DNS look-up
--     does not count).
ALTER TABLE "sso_domains" ADD COLUMN "checked_at" TIMESTAMPTZ(3);
ALTER TABLE "sso_domains" ADD COLUMN "check_failures" INTEGER NOT NULL DEFAULT 0;
UPDATE "sso_domains" SET "checked_at" = "verified_at" WHERE "verified_at" IS NOT NULL;
-- The daily sweep reads the verified domains checked longest ago.
CREATE INDEX "sso_domains_checked_at_idx" ON "sso_domains" ("checked_at");
