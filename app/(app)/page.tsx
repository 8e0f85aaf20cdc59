import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/permissions";

const SECTIONS = [
  { href: "/questions", title: "Question bank", body: "Questions with anchored rubrics, versioned so past interviews never change." },
  { href: "/kits", title: "Interview kits", body: "Ordered question plans for a role, with time budgets." },
  { href: "/interviews", title: "Interviews", body: "Schedule panels across time zones and score live." },
  { href: "/reports", title: "Reports", body: "Aggregated panel scorecards, disagreement and coverage." },
];

export default async function DashboardPage() {
  const actor = await requirePageActor();
  return (
    <>
      <PageHeader
        title={`Welcome, ${actor.name}`}
        description={`You are ${ROLE_LABELS[actor.role].toLowerCase()} in ${actor.organizationName}.`}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        {SECTIONS.map((s) => (
          <Link key={s.href} href={s.href} className="rounded-lg focus-visible:outline-2 focus-visible:outline-indigo-600">
            <Card className="h-full transition-colors hover:border-indigo-300">
              <h2 className="font-semibold">{s.title}</h2>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{s.body}</p>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
