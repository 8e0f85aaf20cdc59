import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { DIRECT_ROUTES } from "@/lib/api/direct-routes";
import { API_OPERATIONS, openApiDocument } from "@/lib/api/v1/openapi";
import { HTTP_METHODS, routeFiles } from "../security/route-list";

// The public API's document: valid OpenAPI 3.1, and in step with the route files under app/api/v1 —
// a route the document lacks, an operation without a route, or a scope that differs fails here.

const ROOT = join(__dirname, "..", "..");

/** "/api/v1/interviews/[id]" → "/api/v1/interviews/{id}" */
const toOpenApiPath = (pattern: string) => pattern.replace(/\[([^\]]+)\]/g, "{$1}");

/** Each exported HTTP method of the v1 route files, with the scope its withApiKey or direct read declares (null when none). */
function routeOperations(): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const r of routeFiles().filter((f) => f.pattern === "/api/v1" || f.pattern.startsWith("/api/v1/"))) {
    const text = readFileSync(join(ROOT, r.file), "utf8");
    const exports = [...text.matchAll(/export const (GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE)\b/g)];
    for (const [i, m] of exports.entries()) {
      const body = text.slice(m.index, exports[i + 1]?.index ?? text.length);
      // withApiKey(…, { scope: "…" }), or a direct read's entry (lib/api/direct-routes.ts).
      const direct = /directApiRoute\(DIRECT_ROUTES\.(\w+)\)/.exec(body)?.[1];
      const scope = direct ? (DIRECT_ROUTES[direct as keyof typeof DIRECT_ROUTES].apiScope ?? null) : (/scope:\s*"([a-z]+:(?:read|write))"/.exec(body)?.[1] ?? null);
      out.set(`${m[1]} ${toOpenApiPath(r.pattern)}`, scope);
    }
    // Re-exports (`export { GET } from …`) count too.
    for (const m of text.matchAll(/export \{([^}]*)\}/g)) {
      for (const name of m[1]!.split(",").map((s) => s.trim().split(/\s+as\s+/).at(-1)!)) {
        if ((HTTP_METHODS as readonly string[]).includes(name)) out.set(`${name} ${toOpenApiPath(r.pattern)}`, null);
      }
    }
  }
  return out;
}

describe("the public API's OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("has an operation for every v1 route and a route for every operation, with the same scope", () => {
    const routes = routeOperations();
    const documented = new Map(API_OPERATIONS.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op.scope]));
    const doc = openApiDocument();
    const inDocument = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter((k) => (HTTP_METHODS as readonly string[]).includes(k.toUpperCase()))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(new Set(inDocument)).toEqual(new Set(documented.keys()));
    expect([...routes.keys()].filter((k) => !documented.has(k)), "routes the document lacks").toEqual([]);
    expect([...documented.keys()].filter((k) => !routes.has(k)), "documented operations with no route").toEqual([]);
    const scopeMismatch = [...documented].filter(([k, scope]) => {
      const declared = routes.get(k);
      return scope === "public" || scope === "any" ? declared !== null : declared !== scope;
    });
    expect(scopeMismatch, "the route's withApiKey scope differs from the document's").toEqual([]);
  });

  it("describes every keyed operation's errors with the one error body, and its scope", () => {
    const doc = openApiDocument();
    for (const op of API_OPERATIONS) {
      const o = (doc.paths![op.path] as Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }>; description?: string; security?: unknown[] }>)[op.method]!;
      if (op.scope === "public") {
        expect(o.security).toEqual([]);
        continue;
      }
      expect(o.responses["401"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/Error" });
      expect(o.description).toContain(op.scope === "any" ? "Any valid key" : op.scope);
      if (op.idempotent) expect(Object.keys(o.responses)).toContain("422");
    }
  });

  it("this test's route reader finds a route the document lacks", () => {
    // The check above is only as good as the reader: it must see the routes that exist.
    expect(routeOperations().get("GET /api/v1/openapi.json")).toBeNull();
  });
});

describe("the API reference page's content", () => {
  it("lists every operation once, under its tag, with its access, parameters and body fields from the document", async () => {
    const { apiReference } = await import("@/lib/api/v1/reference");
    const ref = apiReference();
    const ops = ref.sections.flatMap((s) => s.operations);
    expect(ops.map((o) => `${o.method} ${o.path}`).sort()).toEqual(API_OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort());
    const list = ops.find((o) => o.method === "GET" && o.path === "/api/v1/interviews")!;
    expect(list.access).toBe("Needs the `interviews:read` or `interviews:write` scope.");
    expect(list.params.map((p) => [p.name, p.in])).toEqual([["limit", "query"], ["cursor", "query"], ["updated_since", "query"]]);
    expect(list.success).toMatchObject({ status: "200", shape: "InterviewPage" });
    const schedule = ops.find((o) => o.method === "POST" && o.path === "/api/v1/interviews")!;
    expect(schedule.idempotent).toBe(true);
    expect(schedule.params.map((p) => p.name)).toContain("Idempotency-Key");
    expect(schedule.body.find((f) => f.name === "candidateId")).toMatchObject({ required: true, type: "string" });
    expect(schedule.errors.map((e) => e.status)).toEqual(expect.arrayContaining(["400", "401", "403", "409", "422", "429"]));
    expect(ops.find((o) => o.path === "/api/v1/openapi.json")!.access).toBe("Public: no key needed.");
  });
});
