// The verification snippet in lib/webhooks/README.md, run as written, against signatures the
// sender (lib/webhooks/sign-webhook.ts) made: it accepts them within the replay window and
// refuses a changed body, another secret, a stale or future timestamp and malformed headers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REPLAY_WINDOW_SECONDS, newWebhookSecret, signWebhookBody } from "@/lib/webhooks/sign-webhook";
import { documentedVerifier } from "../helpers/webhook-receiver";

const verify = documentedVerifier();

describe("the documented verification snippet", () => {
  it("accepts what the sender signed, for any body and secret", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }), (body, at) => {
        const secret = newWebhookSecret();
        const header = signWebhookBody(secret, body, at);
        expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
        expect(verify(body, header, secret, REPLAY_WINDOW_SECONDS, at.getTime())).toBe(true);
      }),
    );
  });

  it("refuses a changed body, another secret, a timestamp outside the replay window, and garbage", () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ id: "evt_1", type: "interview.scheduled", data: {} });
    const at = new Date("2026-12-11T10:00:00Z");
    const header = signWebhookBody(secret, body, at);
    expect(verify(body, header, secret, 300, at.getTime() + 299_000)).toBe(true);
    expect(verify(body, header, secret, 300, at.getTime() + 301_000)).toBe(false);
    expect(verify(body, header, secret, 300, at.getTime() - 301_000)).toBe(false);
    expect(verify(`${body} `, header, secret, 300, at.getTime())).toBe(false);
    expect(verify(body, header, newWebhookSecret(), 300, at.getTime())).toBe(false);
    // The timestamp is signed: moving it forward to pass the window breaks the signature.
    const moved = header.replace(/^t=\d+/, `t=${Math.floor(at.getTime() / 1000) + 600}`);
    expect(verify(body, moved, secret, 300, at.getTime() + 600_000)).toBe(false);
    fc.assert(fc.property(fc.string(), (h) => {
          expect(verify(body, h, secret, 300, at.getTime())).toBe(false);
        }));
  });
});
