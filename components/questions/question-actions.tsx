"use client";

import { AppLink } from "@/components/ui/app-link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { ApiError } from "@/lib/api/fetch-json";
import { useArchiveQuestion, useDeleteQuestion } from "@/lib/questions/hooks";
import type { QuestionStatusName } from "@/lib/questions/schemas";

/** Edit / archive / restore / delete / export for one question; delete only for never-used drafts. */
export function QuestionActions({
  id,
  status,
  inUse,
  canWrite,
}: {
  id: string;
  status: QuestionStatusName;
  inUse: boolean;
  canWrite: boolean;
}) {
  const router = useRouter();
  const archive = useArchiveQuestion(id);
  const del = useDeleteQuestion(id);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const error = (archive.error ?? del.error) as ApiError | null;

  const run = async (fn: () => Promise<unknown>, after: () => void) => {
    try {
      await fn();
      after();
    } catch {
      /* shown through the mutation's error */
    }
  };

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        <AppLink href={`/questions/${id}/history`} className={buttonClasses("secondary", "sm")}>
          History
        </AppLink>
        <a href={`/api/questions/export?format=json&ids=${id}`} className={buttonClasses("secondary", "sm")} download>
          Export JSON
        </a>
        <a href={`/api/questions/export?format=markdown&ids=${id}`} className={buttonClasses("secondary", "sm")} download>
          Export Markdown
        </a>
        {canWrite && status !== "ARCHIVED" && (
          <AppLink href={`/questions/${id}/edit`} className={buttonClasses("primary", "sm")}>
            Edit
          </AppLink>
        )}
        {canWrite && status !== "ARCHIVED" && (
          <Button variant="secondary" size="sm" disabled={archive.isPending} onClick={() => run(() => archive.mutateAsync(true), () => router.refresh())}>
            Archive
          </Button>
        )}
        {canWrite && status === "ARCHIVED" && (
          <Button variant="secondary" size="sm" disabled={archive.isPending} onClick={() => run(() => archive.mutateAsync(false), () => router.refresh())}>
            Restore
          </Button>
        )}
        {canWrite && status === "DRAFT" && !inUse && !confirmDelete && (
          <Button variant="danger" size="sm" onClick={() => setConfirmDelete(true)}>
            Delete draft
          </Button>
        )}
      </div>
      {confirmDelete && (
        <div role="alertdialog" aria-labelledby="confirm-delete" className="flex items-center gap-2 rounded-md border border-red-300 p-2 text-sm">
          <span id="confirm-delete">Delete this draft and all its versions? This cannot be undone.</span>
          <Button
            variant="danger"
            size="sm"
            disabled={del.isPending}
            autoFocus
            onClick={() => run(() => del.mutateAsync(), () => router.push("/questions"))}
          >
            Delete
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirmDelete(false)}>
            Keep it
          </Button>
        </div>
      )}
      <FormError message={error?.message} />
    </div>
  );
}
