import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, keysetWhere, pageQuerySchema, toPage } from "@/lib/api/v1/pagination";

const key = fc.record({
  updatedAt: fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
  id: fc.string({ minLength: 1, maxLength: 64 }),
});

describe("public API cursors", () => {
  it("give back the key they were made from, whatever the id", () => {
    fc.assert(
      fc.property(key, (k) => {
        const back = decodeCursor(encodeCursor(k));
        expect(back).toEqual(k);
      }),
    );
  });

  it("are decoded to null (never a throw) from any other text, and the query schema calls them a bad cursor", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const decoded = decodeCursor(text);
        const parsed = pageQuerySchema.safeParse({ cursor: text });
        if (decoded === null) {
          expect(parsed.success).toBe(false);
          if (!parsed.success) expect(parsed.error.issues[0]?.path).toEqual(["cursor"]);
        } else {
          expect(parsed.success).toBe(true);
        }
      }),
    );
    expect(decodeCursor(Buffer.from('{"u":"yesterday","i":"x"}').toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from("[1,2]").toString("base64url"))).toBeNull();
  });

  it("limit defaults to 50 and refuses 0, 201, fractions and words; updated_since needs a zone", () => {
    expect(pageQuerySchema.parse({}).limit).toBe(50);
    expect(pageQuerySchema.parse({ limit: "200" }).limit).toBe(200);
    for (const limit of ["0", "201", "1.5", "ten", "-1"]) expect(pageQuerySchema.safeParse({ limit }).success, limit).toBe(false);
    expect(pageQuerySchema.parse({ updated_since: "2026-12-01T10:00:00+02:00" }).updated_since).toEqual(new Date("2026-12-01T08:00:00Z"));
    expect(pageQuerySchema.safeParse({ updated_since: "2026-12-01T10:00:00" }).success).toBe(false);
    expect(pageQuerySchema.safeParse({ updated_since: "last week" }).success).toBe(false);
  });
});

describe("keyset pages", () => {
  it("hand out a cursor only when a row was left over, pointing after the last row shown", () => {
    const rows = [1, 2, 3].map((n) => ({ updatedAt: new Date(Date.UTC(2026, 0, n)), id: `i${n}` }));
    const full = toPage(rows, 2, (r) => r.id);
    expect(full.data).toEqual(["i1", "i2"]);
    expect(decodeCursor(full.nextCursor!)).toEqual(rows[1]);
    expect(toPage(rows, 3, (r) => r.id).nextCursor).toBeNull();
  });

  it("filter after the cursor's (updatedAt, id), ties broken by id", () => {
    const at = new Date("2026-01-02T00:00:00Z");
    expect(keysetWhere({ cursor: { updatedAt: at, id: "b" }, updated_since: undefined })).toEqual({
      AND: [{ updatedAt: { gte: at } }, { OR: [{ updatedAt: { gt: at } }, { updatedAt: at, id: { gt: "b" } }] }],
    });
    expect(keysetWhere({ cursor: undefined, updated_since: undefined })).toEqual({ AND: [] });
  });
});
