// What the session check costs a request, measured inside Postgres (no network, no client, so
// the figure is the check's own CPU): panelist_session_valid alone, the per-request statement
// with the session folded in (panelist_session_actor) against the actor alone (panelist_actor,
// what every request ran before), each called many times in a loop. The scoring write runs the
// same panelist_session_valid inside its statement. Bounds are loose (a shared CI machine); the
// figures are printed for the record (lib/auth/sessions.ts quotes them).
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPolicy } from "@/lib/auth/session-policy";
import { makeRoomInterview } from "../helpers/room-factories";
import { signInAs } from "../helpers/session-cookie";

let client: Client;
beforeAll(async () => {
  client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => client.end());

const CALLS = 20_000;

/** Microseconds per call of `call` (a PL/pgSQL statement), timed inside one DO block. */
async function perCallMicros(call: string): Promise<number> {
  const notices: string[] = [];
  const onNotice = (n: { message?: string }) => n.message && notices.push(n.message);
  client.on("notice", onNotice);
  try {
    await client.query(`DO $$
      DECLARE t0 TIMESTAMPTZ; ok BOOLEAN;
      BEGIN
        FOR i IN 1..1000 LOOP ${call}; END LOOP;
        t0 := clock_timestamp();
        FOR i IN 1..${CALLS} LOOP ${call}; END LOOP;
        RAISE NOTICE 'us=%', extract(epoch FROM clock_timestamp() - t0) * 1e6 / ${CALLS};
      END $$`);
  } finally {
    client.off("notice", onNotice);
  }
  return Number(/us=([\d.]+)/.exec(notices.at(-1) ?? "")?.[1]);
}

describe("the session check's cost", () => {
  it("is tens of microseconds of database CPU per request: far under a tenth of the scoring write's p99 (~20–25 ms)", async () => {
    const f = await makeRoomInterview({ panelSize: 1 });
    const ivy = f.panel[0]!;
    const { sessionId } = await signInAs(ivy.userId);
    const idle = sessionPolicy().idleTimeoutSeconds;
    // Ids from the factories and sha256 hex: nothing to quote.
    const [s, u, o] = [sessionId, ivy.userId, f.organizationId].map((x) => `'${x.replace(/'/g, "''")}'`);
    const valid = await perCallMicros(`ok := panelist_session_valid(${s}, ${u}, ${idle}, true)`);
    const actorOnly = await perCallMicros(`PERFORM * FROM panelist_actor(${u}, ${o})`);
    const sessionActor = await perCallMicros(`PERFORM * FROM panelist_session_actor(${s}, ${u}, ${o}, ${idle}, true)`);
    console.info(`session check, µs per call inside Postgres: panelist_session_valid ${valid.toFixed(1)}; panelist_actor ${actorOnly.toFixed(1)} → panelist_session_actor ${sessionActor.toFixed(1)}`);
    expect(valid).toBeGreaterThan(0);
    // 10% of a 20 ms p99 is 2,000 µs; the check is two orders of magnitude below it.
    expect(valid).toBeLessThan(200);
    expect(sessionActor - actorOnly).toBeLessThan(200);
  });
});
