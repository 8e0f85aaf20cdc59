import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { enqueueWebhookDeliveries } from "./deliver-webhook";
import { lockEndpointOrThrow } from "./manage-webhook-endpoints";
import type { WebhookDeliveryView } from "./schemas";

/** The newest deliveries of one endpoint of the actor's organization (the delivery log). */
export async function listWebhookDeliveries(actor: Actor, endpointId: string, limit = 50): Promise<WebhookDeliveryView[]> {
  assertCan(actor, "webhooks.manage");
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id: endpointId, organizationId: actor.organizationId }, select: { id: true } });
  if (!endpoint) throw notFound("That webhook endpoint");
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      eventId: true,
      status: true,
      attempts: true,
      createdAt: true,
      lastAttemptAt: true,
      nextAttemptAt: true,
      lastStatusCode: true,
      lastDurationMs: true,
      lastError: true,
      deliveredAt: true,
      event: { select: { type: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    eventId: r.eventId,
    eventType: r.event.type,
    status: r.status as WebhookDeliveryView["status"],
    attempts: r.attempts,
    createdAt: r.createdAt.toISOString(),
    lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: r.status === "pending" ? r.nextAttemptAt.toISOString() : null,
    lastStatusCode: r.lastStatusCode,
    lastDurationMs: r.lastDurationMs,
    lastError: r.lastError,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
  }));
}

/** Sends a delivered or failed event again: a new delivery of the same event (same id: receivers that kept it dedupe). */
export async function resendWebhookDelivery(actor: Actor, deliveryId: string): Promise<{ deliveryId: string }> {
  assertCan(actor, "webhooks.manage");
  const created = await db.$transaction(async (tx) => {
    const original = await tx.webhookDelivery.findFirst({ where: { id: deliveryId, organizationId: actor.organizationId }, select: { eventId: true, endpointId: true } });
    if (!original) throw notFound("That delivery");
    await lockEndpointOrThrow(tx, actor, original.endpointId);
    return tx.webhookDelivery.create({ data: { organizationId: actor.organizationId, eventId: original.eventId, endpointId: original.endpointId }, select: { id: true, nextAttemptAt: true } });
  });
  await enqueueWebhookDeliveries([created]);
  return { deliveryId: created.id };
}

/** A "webhook.test" event to this endpoint alone, through the same outbox and queue as real ones. */
export async function sendTestWebhook(actor: Actor, endpointId: string): Promise<{ deliveryId: string; eventId: string }> {
  assertCan(actor, "webhooks.manage");
  const created = await db.$transaction(async (tx) => {
    const endpoint = await lockEndpointOrThrow(tx, actor, endpointId);
    const event = await tx.webhookEvent.create({
      data: { id: `evt_${randomUUID().replaceAll("-", "")}`, organizationId: actor.organizationId, type: "webhook.test", payload: { endpointId: endpoint.id, message: "A test event from Panelist's webhook settings." } },
      select: { id: true },
    });
    const delivery = await tx.webhookDelivery.create({ data: { organizationId: actor.organizationId, eventId: event.id, endpointId: endpoint.id }, select: { id: true, nextAttemptAt: true } });
    return { delivery, eventId: event.id };
  });
  await enqueueWebhookDeliveries([created.delivery]);
  return { deliveryId: created.delivery.id, eventId: created.eventId };
}
