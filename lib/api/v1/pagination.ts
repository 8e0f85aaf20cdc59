import { z } from "zod";

/**
 * Keyset pagination for the public API's lists: rows in (updatedAt, id) order, ascending, so a
 * client that syncs with `updated_since` and follows `nextCursor` sees every row changed since then
 * once — a row changed while it pages moves past the cursor and comes again on a later page,
 * never lost. The cursor is opaque to clients (base64url of the last row's key); a cursor that does
 * not decode is a 400, like any other bad parameter. No schema here imports server code.
 */

export const PAGE_LIMITS = { default: 50, max: 200 } as const;

export interface PageKey {
  updatedAt: Date;
  id: string;
}

const cursorKeySchema = z.object({ u: z.iso.datetime(), i: z.string().min(1).max(64) });

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify({ u: key.updatedAt.toISOString(), i: key.id }), "utf8").toString("base64url");
}

/** The key a cursor carries, or null when it is not one this API handed out. */
export function decodeCursor(cursor: string): PageKey | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = cursorKeySchema.safeParse(json);
  return parsed.success ? { updatedAt: new Date(parsed.data.u), id: parsed.data.i } : null;
}

const BAD_CURSOR = "This cursor is not one the API handed out. Start again without a cursor, or pass nextCursor from the previous page unchanged.";

export const pageQuerySchema = z.object({
  limit: z.coerce
    .number({ message: `Use a whole number from 1 to ${PAGE_LIMITS.max}.` })
    .int(`Use a whole number from 1 to ${PAGE_LIMITS.max}.`)
    .min(1, `Use a whole number from 1 to ${PAGE_LIMITS.max}.`)
    .max(PAGE_LIMITS.max, `At most ${PAGE_LIMITS.max} per page.`)
    .default(PAGE_LIMITS.default)
    .meta({ description: `Rows per page, 1–${PAGE_LIMITS.max} (default ${PAGE_LIMITS.default}).` }),
  cursor: z
    .string()
    .max(200, BAD_CURSOR)
    .transform((value, ctx) => {
      const key = decodeCursor(value);
      if (!key) {
        ctx.addIssue({ code: "custom", message: BAD_CURSOR });
        return z.NEVER;
      }
      return key;
    })
    .optional()
    .meta({ description: "`nextCursor` from the previous page; omit for the first page." }),
  updated_since: z.iso
    .datetime({ offset: true, message: "Use an ISO 8601 instant with a zone, e.g. 2026-12-01T00:00:00Z." })
    .transform((v) => new Date(v))
    .optional()
    .meta({ description: "Only rows created or changed at or after this instant (ISO 8601 with a zone)." }),
});
export type PageQuery = z.output<typeof pageQuerySchema>;

type KeysetClause = { updatedAt: { gte: Date } } | { OR: [{ updatedAt: { gt: Date } }, { updatedAt: Date; id: { gt: string } }] };

/**
 * The filter of one page, for any model with `updatedAt` and `id`: changed since `updated_since`
 * and after the cursor's key. Read in (updatedAt, id) order with `take: limit + 1` (see `toPage`).
 * The cursor's instant is also given as a plain lower bound, so the planner reads one index range.
 */
export function keysetWhere(page: Pick<PageQuery, "cursor" | "updated_since">): { AND: KeysetClause[] } {
  const and: KeysetClause[] = [];
  if (page.updated_since) and.push({ updatedAt: { gte: page.updated_since } });
  if (page.cursor) {
    const { updatedAt, id } = page.cursor;
    and.push({ updatedAt: { gte: updatedAt } }, { OR: [{ updatedAt: { gt: updatedAt } }, { updatedAt, id: { gt: id } }] });
  }
  return { AND: and };
}

export const keysetOrder = [{ updatedAt: "asc" }, { id: "asc" }] as const satisfies ReadonlyArray<Record<string, "asc">>;

export interface Page<T> {
  data: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Rows read with `take: limit + 1`: the page and, when a row was left over, the cursor after the last one shown. */
export function toPage<R extends PageKey, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { data: shown.map(map), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
