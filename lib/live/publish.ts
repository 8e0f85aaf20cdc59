import "server-only";
import type { db, Tx } from "@/lib/db/client";
import { LIVE_CHANNEL, type LivePayload } from "./events";

/**
 * NOTIFY on the live channel. Inside a transaction it is delivered only on commit — so
 * nobody hears of a write that was rolled back.
 */
export async function publishLive(client: Tx | typeof db, payload: LivePayload): Promise<void> {
  // pg_notify returns void, which a raw query cannot return: select around it.
  await client.$queryRaw`SELECT 1 AS ok FROM (SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(payload)})) AS n`;
}
