"use client";

import { AppLink } from "@/components/ui/app-link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useCandidates, useCreateCandidate } from "@/lib/candidates/hooks";
import { useDebounced } from "@/lib/search/use-debounced";
import { CandidateForm } from "./candidate-form";

export function CandidateList({ canWrite }: { canWrite: boolean }) {
  const router = useRouter();
  const [q, setQ] = useState("");
  const [includeErased, setIncludeErased] = useState(false);
  const query = useDebounced(q.trim());
  const { data, error, isLoading } = useCandidates({ q: query, includeErased });
  const create = useCreateCandidate();

  return (
    <div className="space-y-6">
      {canWrite && (
        <Card>
          <h2 className="mb-4 font-semibold">Add a candidate</h2>
          <CandidateForm
            submitLabel="Add candidate"
            pending={create.isPending}
            error={create.error}
            onSubmit={async (input) => router.push(`/candidates/${(await create.mutateAsync(input)).candidate.id}`)}
          />
        </Card>
      )}
      <Card className="space-y-4">
        <div className="flex flex-wrap items-end gap-4">
          <div className="min-w-64 flex-1">
            <Field label="Search by name, email or role">
              <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
            </Field>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={includeErased} onChange={(e) => setIncludeErased(e.target.checked)} />
            Include erased candidates
          </label>
        </div>
        <FormError message={error ? error.message : null} />
        {isLoading && <p className="text-sm">Loading candidates…</p>}
        {data?.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No candidates match.</p>}
        {data && data.length > 0 && (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Candidates</caption>
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-800">
                <th scope="col" className="py-2">Name</th>
                <th scope="col" className="py-2">Email</th>
                <th scope="col" className="py-2">Role</th>
                <th scope="col" className="py-2">Interviews</th>
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <tr key={c.id} className="border-b border-slate-100 dark:border-slate-800">
                  <td className="py-2">
                    <AppLink href={`/candidates/${c.id}`} className="text-indigo-700 hover:underline dark:text-indigo-300">{c.name}</AppLink>
                    {c.erased && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">(erased)</span>}
                  </td>
                  <td className="py-2">{c.email ?? "—"}</td>
                  <td className="py-2">{c.roleApplied ?? "—"}</td>
                  <td className="py-2">{c.interviewCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
