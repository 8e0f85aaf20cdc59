import "server-only";
// Verified SSO domains are checked again once a day: a domain can change hands, or its owner
// can take the TXT record down, and a verification that outlived either would keep routing that
// domain's people to this organization's identity provider. Each check looks for the same
// record verification asked for (`_panelist-challenge.<domain>` = `panelist-verification=<token>`):
//   - found: the domain stays verified; its failures start over;
//   - missing or wrong: one failure; SSO_RECHECK_FAILURES in a row (about three days) withdraw the
//     verification — the domain then routes no sign-in and admits nobody until it is verified
//     again — recorded in the organization's audit log;
//   - the look-up itself failed (DNS down): nothing is counted; it is tried on the next run.
// The sweep runs hourly on the job queue (once across replicas) and checks the domains whose last
// check is over a day old, at most RECHECK_BATCH a run.
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { getJobs, noteWorker } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import { lookupTxt } from "@/lib/net/txt-records";
import { SSO_RECHECK_FAILURES, ssoDomainChallenge } from "./schemas";

export { SSO_RECHECK_FAILURES };
export const SSO_RECHECK_INTERVAL_MS = 24 * 3_600_000;
const RECHECK_BATCH = 200;

export interface RecheckSummary {
  checked: number;
  confirmed: number;
  failed: number;
  withdrawn: string[];
  lookupErrors: number;
}

/** One run of the sweep: the verified domains due for a check, oldest check first. */
export async function recheckSsoDomains(now: Date = new Date()): Promise<RecheckSummary> {
  const due = await db.ssoDomain.findMany({
    where: { verifiedAt: { not: null }, OR: [{ checkedAt: null }, { checkedAt: { lte: new Date(now.getTime() - SSO_RECHECK_INTERVAL_MS) } }] },
    orderBy: [{ checkedAt: { sort: "asc", nulls: "first" } }],
    take: RECHECK_BATCH,
    select: { organizationId: true, domain: true, verificationToken: true, checkFailures: true },
  });
  const summary: RecheckSummary = { checked: 0, confirmed: 0, failed: 0, withdrawn: [], lookupErrors: 0 };
  for (const d of due) {
    const { recordName, recordValue } = ssoDomainChallenge(d.domain, d.verificationToken);
    const txt = await lookupTxt(recordName);
    if (!txt.found && txt.reason === "failed") {
      summary.lookupErrors++;
      continue;
    }
    summary.checked++;
    const where = { organizationId: d.organizationId, domain: d.domain, verifiedAt: { not: null } };
    if (txt.found && txt.records.some((r) => r.trim() === recordValue)) {
      summary.confirmed++;
      await db.ssoDomain.updateMany({ where, data: { checkedAt: now, checkFailures: 0 } });
      continue;
    }
    summary.failed++;
    const failures = d.checkFailures + 1;
    if (failures < SSO_RECHECK_FAILURES) {
      await db.ssoDomain.updateMany({ where, data: { checkedAt: now, checkFailures: failures } });
      continue;
    }
    await db.$transaction(async (tx) => {
      const withdrawn = await tx.ssoDomain.updateMany({ where, data: { checkedAt: now, checkFailures: failures, verifiedAt: null, verifiedDomain: null } });
      if (withdrawn.count === 0) return; // removed or changed meanwhile
      await recordAuditEvent(tx, {
        organizationId: d.organizationId,
        actorId: null,
        action: "sso.domain_unverified",
        targetType: "organization",
        targetId: d.organizationId,
        data: { domain: d.domain, record: recordName, failedChecks: failures },
      });
    });
    summary.withdrawn.push(d.domain);
    log("sso").warn({ organizationId: d.organizationId, domain: d.domain, failedChecks: failures }, "an SSO domain's verification record was gone on consecutive checks; its verification was withdrawn");
  }
  return summary;
}

const SWEEP_QUEUE = "sso-domain-recheck";

/** This instance's part: the hourly sweep (pg-boss runs a schedule once across instances). */
export async function startSsoDomainRecheck(): Promise<void> {
  const boss = await getJobs(SWEEP_QUEUE);
  await boss.schedule(SWEEP_QUEUE, "41 * * * *", {}, { singletonKey: "sweep" });
  noteWorker(await boss.work(SWEEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => void (await recheckSsoDomains())));
}
