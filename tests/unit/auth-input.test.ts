import { describe, expect, it } from "vitest";
import { ZodError, z } from "zod";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signUpSchema } from "@/lib/auth/schemas";
import { AppError, toErrorResponse } from "@/lib/errors";
import { organizationSlug } from "@/lib/organizations/slug";

const valid = { name: "Ada", email: "Ada@Example.com ", password: "correct horse 9", organizationName: "Analytical" };

describe("sign-up input", () => {
  it("accepts a valid form and normalizes the email", () => {
    const r = signUpSchema.parse(valid);
    expect(r.email).toBe("ada@example.com");
  });

  it.each([
    ["malformed email", { email: "not-an-email" }, "email"],
    ["short password", { password: "abc1" }, "password"],
    ["letters-only password", { password: "onlyletterspassword" }, "password"],
    ["empty name", { name: "  " }, "name"],
    ["missing organization", { organizationName: "" }, "organizationName"],
  ])("rejects %s with a field error on %s", (_label, patch, field) => {
    const r = signUpSchema.safeParse({ ...valid, ...patch });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toContain(field);
  });
});

describe("callback URL after sign-in", () => {
  it("follows same-site paths only", () => {
    // The full payload list and property: tests/unit/safe-redirect.test.ts.
    expect(safeRedirectPath("/questions?page=2")).toBe("/questions?page=2");
    expect(safeRedirectPath("https://evil.example/phish")).toBe("/");
    expect(safeRedirectPath("//evil.example")).toBe("/");
    expect(safeRedirectPath(undefined)).toBe("/");
  });
});

describe("error mapping", () => {
  it("maps AppErrors to their status with the user message and Retry-After", () => {
    const r = toErrorResponse(new AppError("RATE_LIMITED", "Slow down.", { retryAfterSeconds: 90 }));
    expect(r.status).toBe(429);
    expect(r.headers["Retry-After"]).toBe("90");
    expect(r.body.error.message).toBe("Slow down.");
  });

  it("turns zod errors into 400 with field details", () => {
    const err = z.object({ title: z.string().min(1, "Title is required.") }).safeParse({ title: "" }).error as ZodError;
    const r = toErrorResponse(err);
    expect(r.status).toBe(400);
    expect(r.body.error.fieldErrors).toEqual({ title: ["Title is required."] });
  });

  it("never echoes an unexpected error's raw message", () => {
    const original = console.error;
    console.error = () => {};
    try {
      const r = toErrorResponse(new Error("password authentication failed for user postgres"));
      expect(r.status).toBe(500);
      expect(r.body.error.message).not.toContain("postgres");
    } finally {
      console.error = original;
    }
  });
});

describe("organization slug", () => {
  it("is URL-safe and unique per call", () => {
    const a = organizationSlug("Ünïcode & Co. Robotics!");
    const b = organizationSlug("Ünïcode & Co. Robotics!");
    expect(a).toMatch(/^unicode-co-robotics-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
  });
});

describe("client address for rate limits", () => {
  // More cases (TRUSTED_PROXY_HOPS, IPv6): tests/unit/client-ip.test.ts.
  it("takes the address the trusted proxy appended, not what the client claimed", async () => {
    const { clientIp, PEER_ADDRESS_HEADER } = await import("@/lib/auth/client-ip");
    const peer = { [PEER_ADDRESS_HEADER]: "10.0.0.2" };
    expect(clientIp(new Headers({ ...peer, "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientIp(new Headers({ ...peer, "x-forwarded-for": "203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientIp(new Headers({ ...peer, "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), 0)).toBe("10.0.0.2");
    expect(clientIp(new Headers(), 0)).toBe("unknown");
  });
});
