import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, readIdempotencyKey, requestHash } from "@/lib/api/v1/idempotency";

// "The same body" for an Idempotency-Key is the same JSON value: key order and spacing aside.

/** The value with every object's keys in a shuffled order. */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffled(v, seed + i));
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    const order = entries.map((e, i) => ({ e, k: ((i + 1) * 2654435761 + seed) % 97 })).sort((a, b) => a.k - b.k);
    return Object.fromEntries(order.map(({ e: [k, v] }, i) => [k, shuffled(v, seed + i)]));
  }
  return value;
}

describe("idempotency request hashes", () => {
  it("are equal for the same JSON value in any key order, and canonical JSON parses back to the value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        const other = shuffled(value, seed);
        expect(canonicalJson(other)).toBe(canonicalJson(value));
        expect(requestHash("POST", "/api/v1/candidates", other)).toBe(requestHash("post", "/api/v1/candidates", value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("differ when the value, the path or the method differs", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(canonicalJson(a) !== canonicalJson(b));
        expect(requestHash("POST", "/x", a)).not.toBe(requestHash("POST", "/x", b));
      }),
    );
    expect(requestHash("POST", "/api/v1/candidates", {})).not.toBe(requestHash("POST", "/api/v1/interviews", {}));
    expect(requestHash("POST", "/api/v1/candidates", {})).not.toBe(requestHash("PUT", "/api/v1/candidates", {}));
  });

  it("keys are 1–255 visible ASCII characters; absent is null", () => {
    const req = (key?: string) => new Request("http://localhost/", key === undefined ? {} : { headers: { "Idempotency-Key": key } });
    expect(readIdempotencyKey(req())).toBeNull();
    expect(readIdempotencyKey(req("3f1c7a0e-5d4b-4c1e-9d9f-0a2b3c4d5e6f"))).toBe("3f1c7a0e-5d4b-4c1e-9d9f-0a2b3c4d5e6f");
    for (const bad of ["", "a b", "x".repeat(256), "é"]) expect(() => readIdempotencyKey(req(bad)), JSON.stringify(bad)).toThrow(/Idempotency-Key/);
  });
});
