-- SSO email domains are proven by a DNS TXT record before they route sign-ins (lib/sso/verify-sso-domain.ts).
-- A domain may now be claimed by several organizations while unverified; only a verified claim is
-- unique (verified_domain holds the domain once verified, NULL before: NULLs never collide).
-- Domains saved before this migration start unverified, each with its own token.

ALTER TABLE "sso_domains" DROP CONSTRAINT "sso_domains_pkey";
DROP INDEX "sso_domains_organization_id_idx";

ALTER TABLE "sso_domains"
    ADD COLUMN "verification_token" TEXT,
    ADD COLUMN "verified_at" TIMESTAMPTZ(3),
    ADD COLUMN "verified_domain" TEXT;

-- gen_random_uuid() is built in and cryptographically random: two of them, 244 random bits.
UPDATE "sso_domains" SET "verification_token" = replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');
ALTER TABLE "sso_domains" ALTER COLUMN "verification_token" SET NOT NULL;

ALTER TABLE "sso_domains" ADD CONSTRAINT "sso_domains_pkey" PRIMARY KEY ("organization_id", "domain");
CREATE INDEX "sso_domains_domain_idx" ON "sso_domains"("domain");
CREATE UNIQUE INDEX "sso_domains_verified_domain_key" ON "sso_domains"("verified_domain");

-- verified_domain is the domain itself, set exactly when verified_at is.
ALTER TABLE "sso_domains" ADD CONSTRAINT "sso_domains_verified_check"
    CHECK (("verified_at" IS NULL) = ("verified_domain" IS NULL) AND ("verified_domain" IS NULL OR "verified_domain" = "domain"));
