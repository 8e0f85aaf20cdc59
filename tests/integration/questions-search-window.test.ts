// Broad bank searches: ranked within the RANK_WINDOW newest matches, total capped there
// (lib/questions/search-sql.ts). Queries with fewer matches stay exact.
import { beforeAll, describe, expect, it } from "vitest";
import { type Actor, loadActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { RANK_WINDOW } from "@/lib/questions/search-sql";
import { makeMembership, makeOrg, makeUser } from "../helpers/factories";
import { searchQuestions } from "../helpers/boundary";

const BULK = RANK_WINDOW + 20;

describe("bank search past the rank window", () => {
  let actor: Actor;

  beforeAll(async () => {
    const org = await makeOrg();
    const user = await makeUser();
    await makeMembership({ organizationId: org.id, userId: user.id, role: "INTERVIEWER" });
    actor = (await loadActor(user.id, org.id))!;
    // BULK questions mentioning "gradients" in the prompt, oldest first; every 100th also "clipping".
    await db.$executeRaw`
      WITH q AS (
        INSERT INTO questions (id, organization_id, status, latest_version_no, title, tags, created_at, updated_at)
        SELECT 'win-q' || i, ${org.id}, 'ACTIVE', 1, 'Question ' || i, ARRAY['bulk'],
               timestamptz '2026-01-01' + i * interval '1 minute', timestamptz '2026-01-01' + i * interval '1 minute'
        FROM generate_series(1, ${BULK}::int) i RETURNING id)
      INSERT INTO question_versions (id, question_id, organization_id, number, title, prompt, difficulty, minutes, scale_min, scale_max)
      SELECT 'win-v' || i, 'win-q' || i, ${org.id}, 1, 'Question ' || i,
             'Why do gradients vanish?' || CASE WHEN i % 100 = 0 THEN ' Gradient clipping.' ELSE '' END, 'MEDIUM', 10, 0, 4
      FROM generate_series(1, ${BULK}::int) i`;
    // The oldest question is the best match by far (title + prompt), but outside the window.
    await db.$executeRaw`UPDATE questions SET title = 'Gradients, gradients, gradients' WHERE id = 'win-q1'`;
    await db.$executeRaw`UPDATE question_versions SET title = 'Gradients, gradients, gradients' WHERE id = 'win-v1'`;
    // The newest one is a title match too, inside the window.
    await db.$executeRaw`UPDATE questions SET title = 'Exploding gradients' WHERE id = ${`win-q${BULK}`}`;
    await db.$executeRaw`UPDATE question_versions SET title = 'Exploding gradients' WHERE id = ${`win-v${BULK}`}`;
    const ids = Array.from({ length: BULK }, (_, i) => `win-q${i + 1}`);
    // Titles were rewritten in place above (versions are immutable to the app, so no trigger
    // covers an UPDATE): recompute their search documents directly.
    await db.$executeRaw`SELECT panelist_refresh_question_search(${ids}::text[])`;
  });

  it("caps the total of a broad query and says so", async () => {
    const r = await searchQuestions(actor, { q: "gradients" });
    expect(r.total).toBe(RANK_WINDOW);
    expect(r.totalCapped).toBe(true);
    expect(r.items).toHaveLength(20);
  });

  it("ranks within the newest matches: a title match there comes first, pages end at the window", async () => {
    const r = await searchQuestions(actor, { q: "gradients" });
    expect(r.items[0]!.title).toBe("Exploding gradients");
    expect(r.items.map((i) => i.title)).not.toContain("Gradients, gradients, gradients");
    const last = await searchQuestions(actor, { q: "gradients", page: RANK_WINDOW / 20 });
    expect(last.items).toHaveLength(20);
    expect((await searchQuestions(actor, { q: "gradients", page: RANK_WINDOW / 20 + 1 })).items).toHaveLength(0);
  });

  it("keeps totals exact for queries under the window and for listings without a query", async () => {
    const clipping = await searchQuestions(actor, { q: "gradient clipping" });
    expect(clipping.total).toBe(Math.floor(BULK / 100));
    expect(clipping.totalCapped).toBe(false);
    const all = await searchQuestions(actor, {});
    expect(all.total).toBe(BULK);
    expect(all.totalCapped).toBe(false);
  });

  it("sorts a broad query by date over all its matches", async () => {
    const r = await searchQuestions(actor, { q: "gradients", sort: "updated" });
    expect(r.items[0]!.title).toBe("Exploding gradients");
    expect(r.totalCapped).toBe(true);
  });
});
