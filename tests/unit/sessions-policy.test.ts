// The session policy from the environment (defaults, hours as fractions, refusal of nonsense),
// and the live channel's auth event, which open streams re-check on.
import { describe, expect, it } from "vitest";
import { sessionPolicy } from "@/lib/auth/session-policy";
import { parseLivePayload } from "@/lib/live/events";

describe("sessionPolicy", () => {
  it("defaults to a 14-day absolute lifetime and a 12-hour idle timeout", () => {
    expect(sessionPolicy({})).toEqual({ maxAgeSeconds: 14 * 24 * 3600, idleTimeoutSeconds: 12 * 3600 });
    expect(sessionPolicy({ SESSION_MAX_AGE_HOURS: "", SESSION_IDLE_TIMEOUT_HOURS: "" })).toEqual({ maxAgeSeconds: 14 * 24 * 3600, idleTimeoutSeconds: 12 * 3600 });
  });

  it("takes hours, fractions included", () => {
    expect(sessionPolicy({ SESSION_MAX_AGE_HOURS: "24", SESSION_IDLE_TIMEOUT_HOURS: "0.5" })).toEqual({ maxAgeSeconds: 86_400, idleTimeoutSeconds: 1_800 });
  });

  it("refuses what is not a positive number of hours, naming the variable", () => {
    expect(() => sessionPolicy({ SESSION_IDLE_TIMEOUT_HOURS: "soon" })).toThrow(/SESSION_IDLE_TIMEOUT_HOURS/);
    expect(() => sessionPolicy({ SESSION_MAX_AGE_HOURS: "0" })).toThrow(/SESSION_MAX_AGE_HOURS: must be more than 0 hours/);
    expect(() => sessionPolicy({ SESSION_MAX_AGE_HOURS: "-3" })).toThrow(/SESSION_MAX_AGE_HOURS/);
  });
});

describe("the live channel's auth event", () => {
  it("parses {v:1, t:'auth', u} (what the triggers send) and keeps nothing else from it", () => {
    expect(parseLivePayload(JSON.stringify({ t: "auth", u: "user_1", v: 1 }))).toEqual({ v: 1, t: "auth", u: "user_1" });
    expect(parseLivePayload(JSON.stringify({ t: "auth", u: "user_1", v: 1, extra: "x" }))).toEqual({ v: 1, t: "auth", u: "user_1" });
    expect(parseLivePayload(JSON.stringify({ t: "auth", v: 1 }))).toBeNull();
    expect(parseLivePayload(JSON.stringify({ t: "auth", u: "user_1", v: 2 }))).toBeNull();
  });
});
