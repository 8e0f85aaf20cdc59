import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { MarkRead, ReminderMutes } from "./schemas";

/** One entry of the notification centre. */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  read: boolean;
}

/** The actor's own notifications in their current organization, newest first. Their own: no permission beyond being signed in. */
export async function listMyNotifications(actor: Actor, limit = 50): Promise<NotificationView[]> {
  const rows = await db.notification.findMany({
    where: { userId: actor.userId, organizationId: actor.organizationId, inApp: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, kind: true, title: true, body: true, link: true, createdAt: true, readAt: true },
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.createdAt.toISOString(), read: r.readAt !== null }));
}

export async function countMyUnread(actor: Actor): Promise<number> {
  return db.notification.count({ where: { userId: actor.userId, organizationId: actor.organizationId, inApp: true, readAt: null } });
}

/** Marks some (or all) of the actor's own notifications read; others' ids are ignored, never touched. */
export async function markNotificationsRead(actor: Actor, input: MarkRead, now: Date = new Date()): Promise<{ unread: number }> {
  await db.notification.updateMany({
    where: { userId: actor.userId, organizationId: actor.organizationId, readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: now },
  });
  return { unread: await countMyUnread(actor) };
}

export async function getMyReminderMutes(actor: Actor): Promise<ReminderMutes> {
  return db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { muteReminderEmail: true, muteReminderInApp: true } });
}

/** Mutes or unmutes reminders by mail and in the app, for the actor alone. */
export async function updateMyReminderMutes(actor: Actor, input: ReminderMutes): Promise<ReminderMutes> {
  return db.user.update({ where: { id: actor.userId }, data: input, select: { muteReminderEmail: true, muteReminderInApp: true } });
}
