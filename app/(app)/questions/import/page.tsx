// /questions/import — import a question file (JSON or CSV); export the bank as JSON, CSV or Markdown
import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { ImportPanel } from "@/components/questions/import-panel";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Import and export questions" };

export default async function ImportExportPage() {
  const actor = await requirePageActor();
  if (!can(actor.role, "questions.read")) forbidden();
  return (
    <>
      <PageHeader title="Import and export" description="Move question banks between organizations, or keep them in version control." />
      <div className="grid gap-6 lg:grid-cols-2">
        {can(actor.role, "questions.write") && <ImportPanel />}
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold">Export</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            The latest version of every question, including archived ones. JSON imports back without loss; CSV opens in spreadsheets and imports back; Markdown
            reads well on its own.{can(actor.role, "questions.readModelAnswer") ? "" : " Model answers are not included for your role."}
          </p>
          <div className="flex flex-wrap gap-2">
            <a href="/api/questions/export?format=json" download className={buttonClasses("secondary")}>
              Download JSON
            </a>
            <a href="/api/questions/export?format=csv" download className={buttonClasses("secondary")}>
              Download CSV
            </a>
            <a href="/api/questions/export?format=markdown" download className={buttonClasses("secondary")}>
              Download Markdown
            </a>
          </div>
        </Card>
      </div>
    </>
  );
}
