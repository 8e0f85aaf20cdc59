"use client";

import { AppLink } from "@/components/ui/app-link";
import { useState } from "react";
import { StatusBadge } from "@/components/interviews/status-badge";
import { CandidateForm } from "./candidate-form";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useCandidate, useEraseCandidate, useUpdateCandidate } from "@/lib/candidates/hooks";
import type { CandidateDetail } from "@/lib/candidates/types";
import { DECISION_LABELS } from "@/lib/decisions/schemas";
import { zonedTime } from "@/lib/interviews/time-zones";

export function CandidateProfile({
  initial,
  viewerZone,
  canWrite,
  canErase,
}: {
  initial: CandidateDetail;
  viewerZone: string;
  canWrite: boolean;
  canErase: boolean;
}) {
  const { data } = useCandidate(initial.id, initial);
  const c = data ?? initial;
  const update = useUpdateCandidate(c.id);
  const erase = useEraseCandidate(c.id);
  const [confirm, setConfirm] = useState("");
  const [savedAt, setSavedAt] = useState<number | null>(null);

  return (
    <div className="space-y-6">
      {c.erased ? (
        <Card role="status">
          Personal data was erased on {zonedTime(c.erasedAt!, viewerZone).date}. Scores from their interviews remain, without anything that identifies them.
        </Card>
      ) : canWrite ? (
        <Card>
          <h2 className="mb-4 font-semibold">Profile</h2>
          <CandidateForm key={c.updatedAt} initial={c} submitLabel="Save profile" pending={update.isPending} error={update.error} onSubmit={async (input) => {
            await update.mutateAsync(input);
            setSavedAt(Date.now());
          }} />
          {savedAt && <p role="status" className="mt-2 text-sm text-emerald-700">Saved.</p>}
        </Card>
      ) : (
        <Card>
          <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="font-medium">Email</dt>
            <dd>{c.email ?? "—"}</dd>
            <dt className="font-medium">Role applied for</dt>
            <dd>{c.roleApplied ?? "—"}</dd>
            <dt className="font-medium">Links</dt>
            <dd>{c.links.length ? c.links.map((l) => <a key={l} href={l} target="_blank" rel="noreferrer noopener" className="block break-all text-indigo-700 hover:underline">{l}</a>) : "—"}</dd>
          </dl>
        </Card>
      )}

      <Card>
        <h2 className="mb-2 font-semibold">Interviews</h2>
        {c.interviews.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No interviews yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
            {c.interviews.map((i) => {
              const t = zonedTime(i.startsAt, viewerZone);
              return (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <AppLink href={`/interviews/${i.id}`} className="text-indigo-700 hover:underline dark:text-indigo-300">{i.title}</AppLink>
                  <span>
                    {t.date}, {t.time} {t.abbreviation} ({t.zone})
                  </span>
                  <span className="flex items-center gap-2">
                    {i.decision && (
                      <span className="text-xs font-medium" data-testid="profile-decision">
                        Decision: {DECISION_LABELS[i.decision.outcome]} ({zonedTime(i.decision.decidedAt, viewerZone).date})
                      </span>
                    )}
                    <StatusBadge status={i.status} />
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      {(canWrite || canErase) && (
        <Card className="space-y-4">
          <h2 className="font-semibold">Data protection</h2>
          {canWrite && (
            <div>
              <a href={`/api/candidates/${c.id}/export`} download className={buttonClasses("secondary", "sm")}>Export candidate data (JSON)</a>
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Everything Panelist holds about this candidate. Exports are recorded in the audit log.</p>
            </div>
          )}
          {canErase && !c.erased && (
            <div className="space-y-2 rounded-md border border-red-200 p-3 dark:border-red-900">
              <p className="text-sm">
                <strong>Erase personal data.</strong> Removes name, email, links, private notes, interviewers’ notes and summaries, and meeting links;
                cancels upcoming interviews. Scores stay, anonymized, for statistics. This cannot be undone.
              </p>
              <Field label="Type ERASE to confirm">
                <Input value={confirm} onChange={(e) => setConfirm(e.target.value)} className="w-40" autoComplete="off" />
              </Field>
              <FormError message={erase.isError ? erase.error.message : null} />
              <Button variant="danger" size="sm" disabled={confirm !== "ERASE" || erase.isPending} onClick={() => erase.mutate()}>
                Erase candidate
              </Button>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}

