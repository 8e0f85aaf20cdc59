import type { Metadata } from "next";
import { NotificationList, ReminderMutesForm } from "@/components/feedback/notification-centre";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { getMyReminderMutes, listMyNotifications } from "@/lib/feedback/notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await requirePageActor();
  const [items, mutes] = await Promise.all([listMyNotifications(actor), getMyReminderMutes(actor)]);
  return (
    <>
      <PageHeader title="Notifications" description="Scorecard reminders, and overdue scorecards of interviews you scheduled." />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <NotificationList initial={items} />
        </div>
        <Card>
          <ReminderMutesForm initial={mutes} />
        </Card>
      </div>
    </>
  );
}
