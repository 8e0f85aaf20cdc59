// /lab — pick a demo lab to run with the candidate
import { AppLink } from "@/components/ui/app-link";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { LAB_CATALOG } from "@/lib/lab/catalog";
import { LAB_NAMES } from "@/lib/lab/schemas";

export const metadata = { title: "Labs · Panelist" };

export default async function LabsPage() {
  const actor = await requirePageActor();
  const allowed = can(actor.role, "lab.run");
  return (
    <>
      <PageHeader title="Labs" description="Small models that run on the server while you discuss them with the candidate. Same parameters, same results." />
      {!allowed && <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">Your role can read lab results in reports but not launch labs.</p>}
      <ul className="grid gap-4 md:grid-cols-2">
        {LAB_NAMES.map((lab) => {
          const info = LAB_CATALOG[lab];
          return (
            <li key={lab}>
              <Card className="h-full">
                <h2 className="text-lg font-semibold">
                  {allowed ? (
                    <AppLink href={`/lab/${lab}`} className="hover:underline">
                      {info.title}
                    </AppLink>
                  ) : (
                    info.title
                  )}
                </h2>
                <p className="mt-1 text-sm italic text-slate-700 dark:text-slate-300">“{info.question}”</p>
                <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{info.summary}</p>
              </Card>
            </li>
          );
        })}
      </ul>
    </>
  );
}
