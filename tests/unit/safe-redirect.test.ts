// The one redirect decision (lib/auth/safe-redirect.ts): known open-redirect payloads never
// leave the site, ordinary paths pass unchanged, and for any input at all the result is a
// same-origin path starting with exactly one "/".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath, safeRedirectUrl } from "@/lib/auth/safe-redirect";

const ORIGIN = "https://panelist.example";

/** What a browser would do with the result: resolve it against the page's URL. */
function landsOnOrigin(path: string): boolean {
  return new URL(path, `${ORIGIN}/sign-in?callbackUrl=x`).origin === ORIGIN;
}

function isSafe(path: string): boolean {
  return /^\/(?![/\\])/.test(path) && !/[\u0000-\u001f\u007f\\]/.test(path) && landsOnOrigin(path);
}

describe("safeRedirectPath: known payloads", () => {
  // Each of these sends a browser (or a later hop that decodes it) somewhere else.
  const payloads = [
    "//evil.example",
    "//evil.example/",
    "///evil.example",
    "/\\evil.example/", // the issue's /sign-in?callbackUrl=%2F%5Cevil.example%2F
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example/", // the issue's /%09/evil.example/, once the query is decoded
    "/\n/evil.example",
    "/\r/evil.example",
    "/\u0000/evil.example",
    "/%09/evil.example/",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%252F%252Fevil.example", // double-encoded
    "/%E0%A4%A", // malformed percent-encoding
    "/a/..//evil.example",
    "/.//evil.example",
    "/a/%2e%2e//evil.example",
    " /evil", // leading space, dropped by URL parsers
    " //evil.example",
    "/x ",
    "https://evil.example/phish",
    "http://evil.example",
    "HTTPS://evil.example",
    "https:evil.example",
    "https:/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "evil.example",
    "evil.example/path",
    "@evil.example",
    "https://panelist.example@evil.example/",
    "https://panelist.example.evil.example/",
    "https://user:pass@panelist.example/",
    `${ORIGIN}//evil.example`,
    "",
    "/".repeat(3000),
  ];

  it.each(payloads.map((p) => [JSON.stringify(p), p]))("%s goes to the fallback", (_label, payload) => {
    expect(safeRedirectPath(payload, { origin: ORIGIN })).toBe("/");
    expect(safeRedirectPath(payload)).toBe("/");
  });

  it("refuses non-strings", () => {
    for (const value of [undefined, null, 42, ["/questions"], { toString: () => "/x" }]) expect(safeRedirectPath(value)).toBe("/");
  });

  it("passes same-site paths unchanged, query and fragment included", () => {
    for (const path of ["/", "/questions", "/questions?page=2&q=batch%20norm", "/interviews/abc/room#rubric", "/kits/k1?from=%2F%2Fx", "/a/b/"]) {
      expect(safeRedirectPath(path)).toBe(path);
    }
  });

  it("reduces an absolute URL on the given origin to its path, and only then", () => {
    expect(safeRedirectPath(`${ORIGIN}/questions?page=2`, { origin: ORIGIN })).toBe("/questions?page=2");
    expect(safeRedirectPath(`${ORIGIN}/questions`)).toBe("/");
    expect(safeRedirectPath("https://panelist.example:8443/questions", { origin: ORIGIN })).toBe("/");
    expect(safeRedirectPath("http://panelist.example/questions", { origin: ORIGIN })).toBe("/");
  });

  it("uses a safe fallback, and refuses an unsafe one too", () => {
    expect(safeRedirectPath("//evil.example", { fallback: "/questions" })).toBe("/questions");
    expect(safeRedirectPath("//evil.example", { fallback: "//evil.example" })).toBe("/");
  });

  it("gives next-auth an absolute URL that is always on its base URL", () => {
    expect(safeRedirectUrl("/questions", "http://localhost:3000")).toBe("http://localhost:3000/questions");
    expect(safeRedirectUrl("/\\evil.example/", "http://localhost:3000")).toBe("http://localhost:3000/");
    expect(safeRedirectUrl("http://localhost:3000/kits", "http://localhost:3000")).toBe("http://localhost:3000/kits");
    expect(safeRedirectUrl("https://evil.example", "http://localhost:3000/")).toBe("http://localhost:3000/");
  });
});

describe("safeRedirectPath: property", () => {
  // Strings built from the characters open redirects are made of, so the generator finds them.
  const tricky = fc.constantFrom("/", "\\", "%2F", "%2f", "%5C", "%09", "%0A", "%252F", "\t", "\n", "\r", " ", ".", "..", ":", "@", "?", "#", "evil.example", "javascript", "https", "http", "//", "%", "\u0000", "\u007f", "ä", "%E0");
  const trickyString = fc.array(tricky, { maxLength: 12 }).map((parts) => parts.join(""));
  const anyInput = fc.oneof(fc.string(), fc.string({ unit: "binary" }), trickyString, trickyString.map((s) => `/${s}`), fc.webUrl(), fc.webUrl().map((u) => u.replace(/^https?:/, "")));

  it("always returns a same-origin path starting with exactly one '/' (never '//' or '/\\')", () => {
    fc.assert(
      fc.property(anyInput, fc.boolean(), (input, withOrigin) => {
        const out = safeRedirectPath(input, withOrigin ? { origin: ORIGIN } : {});
        expect(isSafe(out)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("keeps ordinary paths as they are", () => {
    const segment = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.option(segment, { nil: undefined }), (segments, query) => {
        const path = `/${segments.join("/")}${query ? `?q=${query}` : ""}`;
        expect(safeRedirectPath(path)).toBe(path);
      }),
    );
  });
});
