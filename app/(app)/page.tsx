import { AppLink } from "@/components/ui/app-link";
import type { ReactNode } from "react";
import { ZonedTimeRange } from "@/components/interviews/zoned-time";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { AGENDA_DAYS, getHome } from "@/lib/home/get-home";
import { zonedTime } from "@/lib/interviews/time-zones";
import { progressLabel } from "@/lib/pools/panel-rules";
import { POOL_STAGE_LABELS } from "@/lib/pools/schemas";
import type { InterviewSummary } from "@/lib/interviews/types";

const SECTIONS = [
  { href: "/questions", title: "Question bank" },
  { href: "/kits", title: "Interview kits" },
  { href: "/interviews", title: "Interviews" },
  { href: "/reports", title: "Reports" },
];

const link = "text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-indigo-300";

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card>
      <section aria-label={title}>
        <div className="mb-3 flex items-baseline justify-between gap-3">
          <h2 className="font-semibold">{title}</h2>
          {action}
        </div>
        {children}
      </section>
    </Card>
  );
}

const Empty = ({ children }: { children: ReactNode }) => <p className="text-sm text-slate-600 dark:text-slate-400">{children}</p>;

function submitted(i: InterviewSummary) {
  return `${i.panel.filter((p) => p.scorecard === "SUBMITTED").length} of ${i.panel.length} scorecards in`;
}

function InterviewList({ interviews, zone, href, extra }: { interviews: InterviewSummary[]; zone: string; href: (i: InterviewSummary) => string; extra?: (i: InterviewSummary) => ReactNode }) {
  return (
    <ul className="divide-y divide-slate-200 dark:divide-slate-800">
      {interviews.map((i) => (
        <li key={i.id} className="py-2 text-sm">
          <AppLink href={href(i)} className={link}>
            {i.title}
          </AppLink>
          <ZonedTimeRange start={i.startsAt} end={i.endsAt} viewerZone={zone} organizerZone={i.timeZone} />
          {extra && <span className="block text-xs text-slate-600 dark:text-slate-400">{extra(i)}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Where each role starts the day: what is due for them, in their own time zone. */
export default async function HomePage() {
  const actor = await requirePageActor();
  const home = await getHome(actor);
  const zone = home.timeZone;
  const room = (i: InterviewSummary) => `/interviews/${i.id}/room`;
  const detail = (i: InterviewSummary) => `/interviews/${i.id}`;
  return (
    <>
      <PageHeader title={`Welcome, ${actor.name}`} description={`You are ${ROLE_LABELS[actor.role].toLowerCase()} in ${actor.organizationName}. Times are in your zone, ${zone}.`} />
      <div className="grid gap-4 lg:grid-cols-2">
        {home.toFinish && (
          <Section title="Scorecards to finish">
            {home.toFinish.length ? (
              <InterviewList interviews={home.toFinish} zone={zone} href={room} extra={(i) => (i.panel.find((p) => p.userId === actor.userId)?.scorecard === "DRAFT" ? "Your draft is saved — submit it" : "Not started")} />
            ) : (
              <Empty>Nothing to finish: every interview you sat on has your scorecard.</Empty>
            )}
          </Section>
        )}
        {home.mine && (
          <Section title="Your interviews" action={<AppLink href="/interviews" className={`${link} text-sm`}>All interviews</AppLink>}>
            <h3 className="text-sm font-medium">Today</h3>
            {home.mine.today.length ? <InterviewList interviews={home.mine.today} zone={zone} href={room} /> : <Empty>None today.</Empty>}
            <h3 className="mt-3 text-sm font-medium">Next {AGENDA_DAYS} days</h3>
            {home.mine.upcoming.length ? <InterviewList interviews={home.mine.upcoming} zone={zone} href={detail} /> : <Empty>Nothing scheduled.</Empty>}
          </Section>
        )}
        {home.waitingOnFeedback && (
          <Section title="Waiting on feedback">
            {home.waitingOnFeedback.length ? (
              <InterviewList interviews={home.waitingOnFeedback} zone={zone} href={detail} extra={submitted} />
            ) : (
              <Empty>No finished interview is waiting on a scorecard.</Empty>
            )}
          </Section>
        )}
        {home.agenda && (
          <Section title="This week" action={<AppLink href="/interviews/new" className={`${link} text-sm`}>Schedule interview</AppLink>}>
            <ul className="space-y-2">
              {home.agenda.map((day) => (
                <li key={day.date}>
                  <h3 className="text-sm font-medium">{zonedTime(`${day.date}T12:00:00Z`, "UTC").date.replace(/ \d{4}$/, "")}</h3>
                  {day.interviews.length ? <InterviewList interviews={day.interviews} zone={zone} href={detail} extra={(i) => `${i.candidate.name} · ${i.kitName}`} /> : <Empty>No interviews.</Empty>}
                </li>
              ))}
            </ul>
          </Section>
        )}
        {home.training && home.training.length > 0 && (
          <Section title="Your training" action={<AppLink href={`/analytics/interviewers/${encodeURIComponent(actor.userId)}`} className={`${link} text-sm`}>Your calibration</AppLink>}>
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="home-training">
              {home.training.map((p) => (
                <li key={p.kitId} className="py-2 text-sm">
                  <span className="font-medium">{p.kitName}</span> — {POOL_STAGE_LABELS[p.stage]}: {progressLabel(p.stage, p.progress)}
                  {p.progress.ready && " (ready for promotion)"}
                </li>
              ))}
            </ul>
          </Section>
        )}
        {home.newReports && (
          <Section title="Newly completed reports" action={<AppLink href="/reports" className={`${link} text-sm`}>All reports</AppLink>}>
            {home.newReports.length ? (
              <ul className="divide-y divide-slate-200 dark:divide-slate-800">
                {home.newReports.map((r) => (
                  <li key={r.id} className="py-2 text-sm">
                    <AppLink href={`/reports/interviews/${r.id}`} className={link}>
                      {r.title}
                    </AppLink>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      {r.kitName} · {zonedTime(r.startsAt, zone).date}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>No completed interviews yet.</Empty>
            )}
          </Section>
        )}
      </div>
      <nav aria-label="Sections" className="mt-6 flex flex-wrap gap-4 text-sm">
        {SECTIONS.map((s) => (
          <AppLink key={s.href} href={s.href} className={link}>
            {s.title}
          </AppLink>
        ))}
      </nav>
    </>
  );
}
