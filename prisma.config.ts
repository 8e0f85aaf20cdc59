// Prisma CLI configuration. Runtime queries use the pg driver adapter (lib/db/client.ts);
// the URL here only matters to `prisma migrate deploy` where its engine is available.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:54320/panelist" },
});
