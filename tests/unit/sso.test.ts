// Single sign-on's pure parts: the settings input (domains, issuer), the provider id that names an
// organization in next-auth's URLs, the sealed client secret, and the sign-in page's fixed messages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signInErrorFromQuery } from "@/lib/auth/sign-in-messages";
import { emailDomain, organizationOfSsoProvider, ssoConfigInputSchema, ssoDomainSchema, ssoIssuerSchema, ssoProviderId } from "@/lib/sso/schemas";
import { openSecret, sealSecret } from "@/lib/sso/secret-box";
import { normalizeIssuer, discoveryUrl } from "@/lib/sso/discovery";

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom("com", "io", "test", "co.uk")).map(([ls, tld]) => `${ls.join(".")}.${tld}`);
const valid = { issuer: "https://login.example.com", clientId: "panelist", clientSecret: "s", domains: ["example.com"], defaultRole: "INTERVIEWER", ssoRequired: false };

describe("SSO settings input", () => {
  it("a domain is kept lowercased, trimmed and without a leading @, whatever its case", () => {
    fc.assert(
      fc.property(domain, fc.boolean(), fc.boolean(), (d, at, upper) => {
        const typed = ` ${at ? "@" : ""}${upper ? d.toUpperCase() : d} `;
        expect(ssoDomainSchema.parse(typed)).toBe(d);
      }),
    );
  });

  it("anything that is not a host name is refused, never stored", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = ssoDomainSchema.safeParse(s);
        if (r.success) expect(r.data).toMatch(/^[a-z0-9.-]+\.[a-z0-9-]+$/);
      }),
    );
    for (const bad of ["localhost", "-a.com", "a-.com", "a..com", "exa mple.com", "https://example.com", "x@example.com", "example.com/path"]) {
      expect(ssoDomainSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("a shared mail service's domain cannot route to one organization", () => {
    expect(ssoDomainSchema.safeParse("gmail.com").success).toBe(false);
    expect(ssoDomainSchema.safeParse("Outlook.com").success).toBe(false);
  });

  it("domains come as a list or as the form's text, each once, 1 to 20; the owner role is never a default", () => {
    expect(ssoConfigInputSchema.parse({ ...valid, domains: "example.com, Acme.io  other.test" }).domains).toEqual(["example.com", "acme.io", "other.test"]);
    expect(ssoConfigInputSchema.safeParse({ ...valid, domains: ["a.com", "A.com"] }).success).toBe(false);
    expect(ssoConfigInputSchema.safeParse({ ...valid, domains: [] }).success).toBe(false);
    expect(ssoConfigInputSchema.safeParse({ ...valid, domains: Array.from({ length: 21 }, (_, i) => `d${i}.com`) }).success).toBe(false);
    expect(ssoConfigInputSchema.safeParse({ ...valid, defaultRole: "OWNER" }).success).toBe(false);
    expect(ssoConfigInputSchema.safeParse({ ...valid, surprise: 1 }).success).toBe(false);
  });

  it("the issuer is an http(s) URL without query, fragment or credentials; its discovery URL has no double slash", () => {
    for (const ok of ["https://login.example.com", "https://example.okta.com/oauth2/default", "http://127.0.0.1:8080/"]) expect(ssoIssuerSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["login.example.com", "ftp://x.com", "https://x.com/?a=1", "https://x.com/#f", "https://u:p@x.com", "javascript:alert(1)"]) {
      expect(ssoIssuerSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(normalizeIssuer("https://x.com/tenant/")).toBe("https://x.com/tenant");
    expect(discoveryUrl("https://x.com/tenant/")).toBe("https://x.com/tenant/.well-known/openid-configuration");
  });
});

describe("the provider id in next-auth's URLs", () => {
  it("names its organization and nothing else", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{8,30}$/), (id) => {
        expect(organizationOfSsoProvider(ssoProviderId(id))).toBe(id);
      }),
    );
    for (const other of [undefined, "credentials", "sso-", "sso-a/b", "sso-../x", "SSO-abc", "xsso-abc", `sso-${"a".repeat(65)}`]) {
      expect(organizationOfSsoProvider(other), String(other)).toBeNull();
    }
  });

  it("an email's domain is what follows its last @, lowercased", () => {
    expect(emailDomain("Alice@Acme.IO")).toBe("acme.io");
  });
});

// AUTH_SECRET as lib/env.ts would give it (unit tests run without the app's environment).
const SECRET = "unit-test-auth-secret-of-at-least-32-characters";

describe("the sealed client secret", () => {
  it("opens to what was sealed, only for the same organization and AUTH_SECRET", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (plain) => {
        const sealed = sealSecret(plain, "sso:org-a", SECRET);
        expect(sealed).not.toContain(plain.length > 3 ? plain : "\u0000");
        expect(openSecret(sealed, "sso:org-a", SECRET)).toBe(plain);
        expect(openSecret(sealed, "sso:org-b", SECRET)).toBeNull();
        expect(openSecret(sealed, "sso:org-a", "another-auth-secret-of-at-least-32-chars")).toBeNull();
      }),
      { numRuns: 50 },
    );
  });

  it("a changed byte anywhere, or garbage, opens to nothing", () => {
    const sealed = sealSecret("client-secret", "sso:org-a", SECRET);
    const parts = sealed.split(".");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (part, at, xor) => {
        const bytes = Buffer.from(parts[part]!, "base64url");
        if (bytes.length === 0) return;
        bytes[at % bytes.length]! ^= xor;
        const tampered = parts.map((p, i) => (i === part ? bytes.toString("base64url") : p)).join(".");
        expect(openSecret(tampered, "sso:org-a", SECRET)).toBeNull();
      }),
    );
    for (const junk of ["", "v1", "v1..", "v2.a.b.c", "not sealed at all"]) expect(openSecret(junk, "sso:org-a", SECRET)).toBeNull();
  });
});

describe("the sign-in page's SSO messages", () => {
  it("each refusal code has its own fixed message; next-auth's OAuth codes too", () => {
    for (const code of ["SsoEmailUnverified", "SsoDomain", "SsoOtherOrganizations", "OAuthCallback", "OAuthSignin"]) {
      expect(signInErrorFromQuery(code)).not.toBe(signInErrorFromQuery("SomethingElse"));
    }
  });
});
