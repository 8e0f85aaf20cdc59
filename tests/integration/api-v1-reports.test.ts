import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as decisions from "@/app/api/v1/decisions/route";
import * as report from "@/app/api/v1/interviews/[id]/report/route";
import * as scorecards from "@/app/api/v1/interviews/[id]/scorecards/route";
import { createApiKey } from "@/lib/api-keys/api-keys";
import type { GrantableScope } from "@/lib/api-keys/scopes";
import { decisionListSchema, interviewReportSchema, scorecardListSchema } from "@/lib/api/v1/schemas";
import { db } from "@/lib/db/client";
import { makeOrg } from "../helpers/factories";
import { makeActor } from "../helpers/room-factories";
import { makeReportInterview } from "../helpers/report-factories";

// What a key reads of reports and decisions is what the services would show: a draft scorecard's
// levels never, the candidate's name not in anonymized review (for a key without candidates:read).

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const get = (path: string, token: string) => new NextRequest(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } });

async function keyFor(organizationId: string, scopes: GrantableScope[]): Promise<string> {
  const owner = await makeActor(organizationId, "OWNER");
  return (await createApiKey(owner, { name: scopes.join(" "), scopes, expiresInDays: null })).token;
}

describe("v1 reports and decisions", () => {
  it("count only submitted scorecards, hide the candidate in anonymized review, and list decisions without their rationale then", async () => {
    const org = await makeOrg();
    const fx = await makeReportInterview({
      organizationId: org.id,
      status: "COMPLETED",
      candidate: { name: "Priya Raman", email: "priya@example.com" },
      questions: [{ criteria: [{ key: "depth" }] }],
      panel: [
        { status: "SUBMITTED", recommendation: "YES", summary: "Priya Raman explained caching well.", levels: [[3]] },
        { status: "DRAFT", levels: [[0]] },
      ],
    });
    await db.hiringDecision.create({ data: { interviewId: fx.interviewId, organizationId: org.id, outcome: "HIRE", rationale: "Priya was strong.", decidedAt: new Date() } });
    const reportsOnly = await keyFor(org.id, ["reports:read"]);
    const withCandidates = await keyFor(org.id, ["reports:read", "candidates:read"]);

    const res = await report.GET(get(`/api/v1/interviews/${fx.interviewId}/report`, withCandidates), ctx({ id: fx.interviewId }));
    expect(res.status).toBe(200);
    const body = interviewReportSchema.parse(await res.json()).report;
    expect(body.candidate.name).toBe("Priya Raman");
    expect(body.partial).toBe(true);
    expect(body.overall.score).toBe(3);
    expect(JSON.stringify(body.questions)).not.toContain(fx.panel[1]!.panelistId + '","level":0');

    await db.organization.update({ where: { id: org.id }, data: { anonymizedReview: true } });
    const anonymous = interviewReportSchema.parse(await (await report.GET(get(`/api/v1/interviews/${fx.interviewId}/report`, reportsOnly), ctx({ id: fx.interviewId }))).json()).report;
    expect(anonymous.candidate).toMatchObject({ name: null, email: null, anonymized: true });
    expect(JSON.stringify(anonymous)).not.toContain("Priya");

    const list = decisionListSchema.parse(await (await decisions.GET(get(`/api/v1/decisions?candidate_id=${fx.candidateId}`, reportsOnly), ctx())).json());
    expect(list.decisions).toEqual([expect.objectContaining({ interviewId: fx.interviewId, outcome: "HIRE", rationale: null })]);
    const named = decisionListSchema.parse(await (await decisions.GET(get(`/api/v1/decisions?interview_id=${fx.interviewId}`, withCandidates), ctx())).json());
    expect(named.decisions[0]!.rationale).toBe("Priya was strong.");
    expect((await decisions.GET(get(`/api/v1/decisions`, reportsOnly), ctx())).status).toBe(400);

    // Scorecards: a draft's contents never show; the summary loses the name in anonymized review.
    const cardsKey = await keyFor(org.id, ["scorecards:read"]);
    const cards = scorecardListSchema.parse(await (await scorecards.GET(get(`/api/v1/interviews/${fx.interviewId}/scorecards`, cardsKey), ctx({ id: fx.interviewId }))).json()).scorecards;
    expect(cards.map((c) => c.status)).toEqual(["SUBMITTED", "DRAFT"]);
    expect(cards[0]).toMatchObject({ recommendation: "YES", scores: [expect.objectContaining({ level: 3 })] });
    expect(cards[0]!.summary).not.toContain("Priya");
    expect(cards[0]!.summary).toContain("explained caching well.");
    expect(cards[1]).toMatchObject({ recommendation: null, summary: null, scores: [], attributes: [] });
  });
});
