// Calendar invites: content lines folded at 75 octets of UTF-8 (RFC 5545 §3.1), never inside a
// character, read back by ical.js; and the start-up warning when links would point at localhost.
import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildInterviewIcs, ICS_LINE_OCTETS, refoldIcs } from "@/lib/interviews/build-ics";
import { publicUrlWarning } from "@/lib/security/public-origin";

const octets = (s: string) => new TextEncoder().encode(s).length;
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, "");

const invite = (title: string, candidateName: string) =>
  buildInterviewIcs({
    uid: "u-1@panelist",
    sequence: 0,
    cancelled: false,
    title,
    startsAt: new Date("2030-05-06T08:00:00Z"),
    durationMinutes: 60,
    timeZone: "Europe/Berlin",
    candidateName,
    kitName: "Kit ✓ — 深度学习",
    meetingUrl: null,
    interviewUrl: "https://panelist.example.com/interviews/abc",
    organizer: { name: "Renée Ørsted", email: "renee@example.com" },
    panel: [{ name: "Łukasz Żółć", email: "lz@example.com", isLead: true }],
  });

describe("calendar invite folding", () => {
  it("keeps every line within 75 octets with multi-byte names, and ical.js reads the same text back", () => {
    const title = "Zoë Łukasiewicz-Åström 李雷 — Entretien technique approfondi sur l'apprentissage profond";
    const name = "Zoë Łukasiewicz-Åström 李雷 Иван Петров محمد";
    const ics = invite(title, name);
    for (const line of ics.split("\r\n")) expect(octets(line), line).toBeLessThanOrEqual(ICS_LINE_OCTETS);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!);
    expect(event.summary).toBe(title);
    expect(event.description).toContain(`Candidate: ${name}`);
    expect(event.description).toContain("Kit ✓ — 深度学习");
  });

  it("refolding keeps the content and never splits a character (any text)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 200 }), { maxLength: 5 }), (values) => {
        const text = values.map((v, i) => `X-FIELD-${i}:${v.replace(/[\r\n]/g, "")}`).join("\r\n") + "\r\n";
        const folded = refoldIcs(text);
        expect(unfold(folded)).toBe(text);
        for (const line of folded.split("\r\n")) {
          expect(octets(line)).toBeLessThanOrEqual(ICS_LINE_OCTETS);
          expect(line).not.toMatch(/[\uD800-\uDBFF]$/); // no half of a surrogate pair at a fold
        }
      }),
    );
  });
});

describe("public URL warning", () => {
  it("warns when neither APP_URL nor NEXTAUTH_URL is set, naming what breaks and the fix", () => {
    const w = publicUrlWarning({}, 3000);
    expect(w).toMatch(/APP_URL is not set/);
    expect(w).toMatch(/calendar invites/);
    expect(w).toMatch(/localhost:3000/);
    expect(publicUrlWarning({ APP_URL: "https://panelist.example.com" }, 3000)).toBeNull();
    expect(publicUrlWarning({ NEXTAUTH_URL: "https://panelist.example.com" }, 3000)).toBeNull();
  });
});
