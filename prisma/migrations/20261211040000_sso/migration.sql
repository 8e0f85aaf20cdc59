-- Single sign-on through OpenID Connect, per organization (lib/sso). One configuration per
-- organization; the client secret is stored encrypted (AES-256-GCM under a key derived from
-- AUTH_SECRET, lib/sso/secret-box.ts) and never sent back to the browser. Each email domain
-- routes to at most one organization's identity provider (the primary key).

-- CreateTable
CREATE TABLE "sso_configs" (
    "organization_id" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret_enc" TEXT NOT NULL,
    "default_role" "Role" NOT NULL DEFAULT 'INTERVIEWER',
    "sso_required" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sso_configs_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "sso_domains" (
    "domain" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sso_domains_pkey" PRIMARY KEY ("domain")
);

-- CreateIndex
CREATE INDEX "sso_domains_organization_id_idx" ON "sso_domains"("organization_id");

-- AddForeignKey
ALTER TABLE "sso_configs" ADD CONSTRAINT "sso_configs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_domains" ADD CONSTRAINT "sso_domains_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "sso_configs"("organization_id") ON DELETE CASCADE ON UPDATE CASCADE;
