// What the request log may carry (lib/log.ts): a caller's X-Request-Id only when it is a sane token
// (anything else gets a fresh id, so a header cannot inject text into the log), and paths with
// their secrets masked (an invitation link's token).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loggedRoute, requestIdFrom } from "@/lib/log";

describe("request log fields", () => {
  it("keeps a sane request id and replaces anything else with a UUID", () => {
    expect(requestIdFrom("lb-1234_abc.def:9")).toBe("lb-1234_abc.def:9");
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (header) => {
        const id = requestIdFrom(header);
        expect(id).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
        if (id !== header) expect(id).toMatch(/^[0-9a-f-]{36}$/);
      }),
    );
  });

  it("masks an invitation token in the path, and leaves other paths alone", () => {
    expect(loggedRoute("/invite/abcDEF123-secret")).toBe("/invite/[token]");
    expect(loggedRoute("/invite/abc/extra")).toBe("/invite/[token]/extra");
    expect(loggedRoute("/api/me")).toBe("/api/me");
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), (token) => {
        expect(loggedRoute(`/invite/${token}`)).toBe("/invite/[token]");
      }),
    );
  });
});
