import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { WebhookEndpointInput, WebhookEndpointUpdate, WebhookEndpointView, WebhookEventType } from "./schemas";
import { isLegacySecret, openEndpointSecret, sealEndpointSecret } from "./endpoint-secret";
import { newWebhookSecret } from "./sign-webhook";
import { resolveWebhookTarget } from "./url-safety";

// An organization's webhook endpoints (webhooks.manage: owners and admins). A URL is checked
// (https, every resolved address public) before anything is saved; each change is audited in its
// transaction, the secret never in the audit log.

/** At most this many endpoints per organization. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

const endpointSelect = {
  id: true,
  url: true,
  events: true,
  secret: true,
  enabled: true,
  disabledReason: true,
  disabledAt: true,
  consecutiveFailures: true,
  createdAt: true,
} as const;

type EndpointRow = { id: string; url: string; events: string[]; secret: string; enabled: boolean; disabledReason: string | null; disabledAt: Date | null; consecutiveFailures: number; createdAt: Date };

function toView(r: EndpointRow): WebhookEndpointView {
  return {
    id: r.id,
    url: r.url,
    events: r.events as WebhookEventType[],
    secret: openEndpointSecret(r.secret, r.id),
    enabled: r.enabled,
    disabledReason: r.disabledReason,
    disabledAt: r.disabledAt?.toISOString() ?? null,
    consecutiveFailures: r.consecutiveFailures,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listWebhookEndpoints(actor: Actor): Promise<WebhookEndpointView[]> {
  assertCan(actor, "webhooks.manage");
  const rows = await db.webhookEndpoint.findMany({ where: { organizationId: actor.organizationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: endpointSelect });
  await sealLegacySecrets(rows);
  return rows.map(toView);
}

/** Seals secrets stored in the clear before sealing began (only if still unchanged: a rotation meanwhile wins). */
async function sealLegacySecrets(rows: EndpointRow[]): Promise<void> {
  for (const r of rows.filter((row) => isLegacySecret(row.secret))) {
    await db.webhookEndpoint.updateMany({ where: { id: r.id, secret: r.secret }, data: { secret: sealEndpointSecret(r.secret, r.id) } });
  }
}

/** The endpoint of the actor's organization, locked for the change; another organization's is not found. */
export async function lockEndpointOrThrow(tx: Tx, actor: Actor, endpointId: string): Promise<EndpointRow> {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM webhook_endpoints WHERE id = ${endpointId} AND organization_id = ${actor.organizationId} FOR UPDATE`;
  if (!locked) throw notFound("That webhook endpoint");
  return tx.webhookEndpoint.findUniqueOrThrow({ where: { id: locked.id }, select: endpointSelect });
}

export async function createWebhookEndpoint(actor: Actor, input: WebhookEndpointInput): Promise<WebhookEndpointView> {
  assertCan(actor, "webhooks.manage");
  const target = await resolveWebhookTarget(input.url);
  return db.$transaction(async (tx) => {
    const count = await tx.webhookEndpoint.count({ where: { organizationId: actor.organizationId } });
    if (count >= MAX_WEBHOOK_ENDPOINTS) throw new AppError("CONFLICT", `An organization has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; remove one first.`);
    // The secret is sealed for its endpoint's id, which the row gets on insert.
    const { id } = await tx.webhookEndpoint.create({ data: { organizationId: actor.organizationId, url: target.url.toString(), events: input.events, secret: "" }, select: { id: true } });
    const created = await tx.webhookEndpoint.update({ where: { id }, data: { secret: sealEndpointSecret(newWebhookSecret(), id) }, select: endpointSelect });
    await recordAuditEvent(tx, { organizationId: actor.organizationId, actorId: actor.userId, action: "webhook.endpoint_created", targetType: "webhook_endpoint", targetId: created.id, data: { url: created.url, events: created.events } });
    return toView(created);
  });
}

export async function updateWebhookEndpoint(actor: Actor, endpointId: string, input: WebhookEndpointUpdate): Promise<WebhookEndpointView> {
  assertCan(actor, "webhooks.manage");
  const url = input.url === undefined ? undefined : (await resolveWebhookTarget(input.url)).url.toString();
  return db.$transaction(async (tx) => {
    const before = await lockEndpointOrThrow(tx, actor, endpointId);
    const updated = await tx.webhookEndpoint.update({ where: { id: before.id }, data: { ...(url ? { url } : {}), ...(input.events ? { events: input.events } : {}) }, select: endpointSelect });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "webhook.endpoint_updated",
      targetType: "webhook_endpoint",
      targetId: before.id,
      data: { url: updated.url, events: updated.events, before: { url: before.url, events: before.events } },
    });
    return toView(updated);
  });
}

export async function deleteWebhookEndpoint(actor: Actor, endpointId: string): Promise<void> {
  assertCan(actor, "webhooks.manage");
  await db.$transaction(async (tx) => {
    const before = await lockEndpointOrThrow(tx, actor, endpointId);
    await tx.webhookEndpoint.delete({ where: { id: before.id } });
    await recordAuditEvent(tx, { organizationId: actor.organizationId, actorId: actor.userId, action: "webhook.endpoint_deleted", targetType: "webhook_endpoint", targetId: before.id, data: { url: before.url, events: before.events } });
  });
}

/** A new secret; the old one stops signing at once (receivers switch to the one shown). */
export async function rotateWebhookSecret(actor: Actor, endpointId: string): Promise<WebhookEndpointView> {
  assertCan(actor, "webhooks.manage");
  return db.$transaction(async (tx) => {
    const before = await lockEndpointOrThrow(tx, actor, endpointId);
    const updated = await tx.webhookEndpoint.update({ where: { id: before.id }, data: { secret: sealEndpointSecret(newWebhookSecret(), before.id) }, select: endpointSelect });
    await recordAuditEvent(tx, { organizationId: actor.organizationId, actorId: actor.userId, action: "webhook.secret_rotated", targetType: "webhook_endpoint", targetId: before.id, data: { url: before.url } });
    return toView(updated);
  });
}

/**
 * Enables a disabled endpoint: its run of failures starts over, and its pending deliveries are
 * due now (the caller queues them: `enqueueWebhookDeliveries`). Returns them with the endpoint.
 */
export async function enableWebhookEndpoint(actor: Actor, endpointId: string, now: Date = new Date()): Promise<{ endpoint: WebhookEndpointView; due: { id: string; nextAttemptAt: Date }[] }> {
  assertCan(actor, "webhooks.manage");
  const target = await db.webhookEndpoint.findFirst({ where: { id: endpointId, organizationId: actor.organizationId }, select: { url: true } });
  if (!target) throw notFound("That webhook endpoint");
  await resolveWebhookTarget(target.url);
  return db.$transaction(async (tx) => {
    const before = await lockEndpointOrThrow(tx, actor, endpointId);
    const updated = await tx.webhookEndpoint.update({ where: { id: before.id }, data: { enabled: true, disabledReason: null, disabledAt: null, consecutiveFailures: 0 }, select: endpointSelect });
    const due = await tx.webhookDelivery.updateManyAndReturn({ where: { endpointId: before.id, status: "pending" }, data: { nextAttemptAt: now }, select: { id: true, nextAttemptAt: true } });
    if (!before.enabled) {
      await recordAuditEvent(tx, { organizationId: actor.organizationId, actorId: actor.userId, action: "webhook.endpoint_enabled", targetType: "webhook_endpoint", targetId: before.id, data: { url: before.url, disabledReason: before.disabledReason } });
    }
    return { endpoint: toView(updated), due };
  });
}
