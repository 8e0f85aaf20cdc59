// npm run db:migrate — applies prisma/migrations to DATABASE_URL, or, when it is unset, to
// the embedded dev database (.data/postgres). Interchangeable with `prisma migrate deploy`:
// both keep the same _prisma_migrations history.

import { migrate } from "../lib/db/migrate";

async function main(): Promise<number> {
  const log = (s: string) => console.log(s);
  let url = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    console.log("DATABASE_URL is not set: migrating the embedded dev database (.data/postgres).");
    // Loaded only here: the embedded database is a development dependency.
    const { startDevDatabase } = await import("../lib/db/embedded");
    const dev = await startDevDatabase("panelist");
    url = dev.url;
    stop = dev.stop;
  }
  try {
    await migrate(url, { log });
    return 0;
  } finally {
    await stop?.();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
