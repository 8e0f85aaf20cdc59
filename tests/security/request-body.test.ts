// The one parsing place (lib/api/route.ts over lib/security/request-body.ts): what no route can
// receive — more than its class's limit (whatever Content-Length says), bytes that are not
// UTF-8, NUL characters anywhere, numbers in the query outside Postgres's integer range.
import fc from "fast-check";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJson, parseQuery, readBodyText } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { readBodyForHandler, unstorableText } from "@/lib/security/request-body";
import { ROUTE_POLICIES } from "@/lib/security/route-policy";

/** A body streamed in chunks with no Content-Length, as a chunked upload arrives. */
function streamed(path: string, chunks: Uint8Array[]): NextRequest {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
  return new NextRequest(new URL(path, "http://localhost"), { method: "POST", body, headers: { "content-type": "application/json" }, duplex: "half" } as never);
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("body limits", () => {
  it("413 once a body without Content-Length streams past its class's limit, naming the limit", async () => {
    const mb = new Uint8Array(256 * 1024).fill(0x20);
    const json = await rejection(parseJson(streamed("/api/candidates", [utf8("["), mb, mb, mb, mb, mb]), z.unknown()));
    expect(json.status).toBe(413);
    expect(json.message).toContain("1 MB");
    // The same bytes are within the import's 10 MB.
    const ok = await readBodyText(streamed("/api/questions/import", [utf8("["), mb, mb, mb, mb, mb, utf8("]")]));
    expect(ok.length).toBe(5 * 256 * 1024 + 2);
  });

  it("413 from a declared Content-Length alone, before reading", async () => {
    const req = new NextRequest(new URL("/api/kits", "http://localhost"), { method: "POST", body: "{}", headers: { "content-length": String(2 * 1024 * 1024) } });
    expect((await rejection(parseJson(req, z.unknown()))).status).toBe(413);
  });

  it("the scoring write gets null past its limit (its endpoint answers 413 after authorizing)", async () => {
    const big = new Uint8Array(ROUTE_POLICIES.scoringWrite.maxBodyBytes + 1).fill(0x20);
    expect(await readBodyForHandler(new Blob([big]).stream(), ROUTE_POLICIES.scoringWrite)).toBeNull();
    expect(await readBodyForHandler(new Blob([utf8('{"a":1}')]).stream(), ROUTE_POLICIES.scoringWrite)).toBe('{"a":1}');
  });
});

describe("strict UTF-8", () => {
  const invalid = [
    [0xff],
    [0xc3, 0x28],
    [0xed, 0xa0, 0x80], // an encoded lone surrogate
    [0xe2, 0x82], // truncated sequence
    [0xc0, 0xaf], // overlong "/"
  ];
  it("400 for invalid bytes anywhere in a JSON body, never U+FFFD in their place", async () => {
    for (const bytes of invalid) {
      const body = new Uint8Array([...utf8('{"name":"a'), ...bytes, ...utf8('"}')]);
      const err = await rejection(parseJson(streamed("/api/kits", [body]), z.unknown()));
      expect(err.status).toBe(400);
      expect(err.message).toBe("The request body is not valid UTF-8 text.");
      expect(await readBodyForHandler(new Blob([body]).stream(), ROUTE_POLICIES.scoringWrite)).toBe("");
    }
  });

  it("accepts any valid text: RTL, emoji, combining marks", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme" }), async (s) => {
        const value = (await parseJson(streamed("/api/kits", [utf8(JSON.stringify({ s }))]), z.object({ s: z.string() }))).s;
        expect(value).toBe(s);
      }),
      { numRuns: 100 },
    );
  });
});

describe("NUL characters", () => {
  it("400 naming the field for a NUL in any string or key, however deep", async () => {
    await fc.assert(
      fc.asyncProperty(fc.json(), fc.array(fc.string({ maxLength: 5 }), { maxLength: 6 }), async (json, path) => {
        let value: unknown = "a\u0000b";
        for (const key of [...path].reverse()) value = { [key || "k"]: value };
        const body = JSON.stringify({ other: JSON.parse(json) as unknown, v: value });
        const err = await rejection(parseJson(streamed("/api/kits", [utf8(body)]), z.unknown()));
        expect(err.status).toBe(400);
        expect(Object.keys(err.fieldErrors ?? {})).toHaveLength(1);
      }),
      { numRuns: 100 },
    );
    expect(unstorableText({ a: [{ "b\u0000": 1 }] })?.path).toBe("a.0");
    expect(unstorableText({ a: [1, "x", { b: "ok" }] })).toBeNull();
  });

  it("400 for half a character (a lone \\ud800 escape), which Postgres would store as U+FFFD", async () => {
    const err = await rejection(parseJson(streamed("/api/kits", [utf8('{"name":"a\\ud800b"}')]), z.unknown()));
    expect(err.status).toBe(400);
    expect(err.fieldErrors).toEqual({ name: [expect.stringContaining("valid Unicode")] });
    expect(unstorableText({ ok: "👩‍👩‍👧 \u202Eevil" })).toBeNull();
  });

  it("does not overflow on deeply nested bodies", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const err = await rejection(parseJson(streamed("/api/kits", [utf8(deep)]), z.string()));
    expect(err.status).toBe(400);
  });

  it("400 for a NUL in the query", () => {
    const err = (() => {
      try {
        parseQuery(new NextRequest("http://localhost/api/questions?q=a%00"), z.object({ q: z.string() }));
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err?.status).toBe(400);
    expect(err?.fieldErrors).toEqual({ q: ["Text may not contain the NUL character (U+0000)."] });
  });
});

describe("numbers in the query", () => {
  const schema = z.object({ from: z.coerce.number().int().min(1), page: z.coerce.number().int().default(1) });
  const parse = (qs: string) => {
    try {
      return parseQuery(new NextRequest(`http://localhost/api/questions/x/diff?${qs}`), schema);
    } catch (e) {
      return e as AppError;
    }
  };

  it("400 past Postgres's integer range, naming the field; fine within it", () => {
    for (const from of ["2147483648", "99999999999999999999", "1e300"]) {
      const err = parse(`from=${from}`) as AppError;
      expect(err.status, from).toBe(400);
      expect(Object.keys(err.fieldErrors!)).toEqual(["from"]);
    }
    expect(parse("from=2147483647")).toEqual({ from: 2147483647, page: 1 });
  });
});
