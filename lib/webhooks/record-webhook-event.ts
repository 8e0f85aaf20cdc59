import "server-only";
import type { Tx } from "@/lib/db/client";
import type { WebhookEventType } from "./schemas";

/**
 * The webhook outbox. Called inside the transaction of the change an event describes: the event
 * row, and one delivery per enabled endpoint of the organization subscribed to its type, commit
 * with the change or not at all — a change that rolls back sends nothing, and a process that dies
 * after the commit leaves the deliveries pending for any worker (the sweep finds them). Nothing is
 * sent here: the caller hands the returned id to `enqueueWebhookEvent` (deliver-webhook.ts) after
 * its commit. An organization with no endpoint for the type pays one indexed read and writes nothing.
 *
 * The rule is the SQL function panelist_record_webhook_event (migration 20261211030000_webhooks),
 * which the scoring write's triggers call too (scorecard.submitted, interview.completed). `data`
 * carries ids and the minimum; with `candidateId`, `data.candidate` is `{ id }`, plus the
 * candidate's name and email only while the organization's anonymized review is off (never for an
 * erased candidate).
 */
export interface WebhookEventInput {
  organizationId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
  candidateId?: string;
}

/** The event's id, or null when no endpoint wants it. */
export async function recordWebhookEvent(tx: Tx, input: WebhookEventInput): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ id: string | null }[]>`
    SELECT panelist_record_webhook_event(${input.organizationId}, ${input.type}, ${JSON.stringify(input.data)}::jsonb, ${input.candidateId ?? null}) AS id`;
  return row?.id ?? null;
}

/**
 * In the erasure's transaction: every stored event of the organization about the candidate keeps
 * `candidate: { id }` and loses the name and email it was recorded with (anonymized review off).
 * Stored payloads are what the retries and **Resend** send, so nothing erased goes out afterwards.
 * Returns how many events were scrubbed.
 */
export async function scrubCandidateFromWebhookEvents(tx: Tx, input: { organizationId: string; candidateId: string }): Promise<number> {
  return tx.$executeRaw`
    UPDATE webhook_events SET payload = payload || jsonb_build_object('candidate', jsonb_build_object('id', ${input.candidateId}::text))
     WHERE organization_id = ${input.organizationId} AND payload -> 'candidate' ->> 'id' = ${input.candidateId}
       AND payload -> 'candidate' <> jsonb_build_object('id', ${input.candidateId}::text)`;
}
