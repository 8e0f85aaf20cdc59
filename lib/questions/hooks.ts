"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { QuestionDiff } from "./diff";
import type { CreateQuestionInput, QuestionSearchInput, UpdateQuestionInput } from "./schemas";
import type {
  ImportResult,
  QuestionDetail,
  QuestionSearchResult,
  QuestionVersionSummary,
  QuestionVersionView,
  TagCount,
} from "./types";

/** Query keys for the question bank; invalidate `questionKeys.all` after any write. */
export const questionKeys = {
  all: ["questions"] as const,
  lists: () => [...questionKeys.all, "list"] as const,
  list: (search: QuestionSearchInput) => [...questionKeys.lists(), search] as const,
  tags: () => [...questionKeys.all, "tags"] as const,
  detail: (id: string) => [...questionKeys.all, "detail", id] as const,
  versions: (id: string) => [...questionKeys.detail(id), "versions"] as const,
  diff: (id: string, from: number, to: number) => [...questionKeys.detail(id), "diff", from, to] as const,
};

/** Serializes a search the way the API's `questionSearchSchema` reads it (repeated params). */
export function searchParamsOf(search: QuestionSearchInput): URLSearchParams {
  const p = new URLSearchParams();
  if (search.q) p.set("q", search.q);
  for (const [k, v] of [
    ["tags", search.tags],
    ["difficulty", search.difficulty],
    ["status", search.status],
  ] as const) {
    if (Array.isArray(v)) v.forEach((x) => p.append(k, String(x)));
  }
  if (search.sort) p.set("sort", search.sort);
  if (search.page && Number(search.page) > 1) p.set("page", String(search.page));
  if (search.pageSize) p.set("pageSize", String(search.pageSize));
  return p;
}

export function useQuestionSearch(search: QuestionSearchInput) {
  return useQuery({
    queryKey: questionKeys.list(search),
    queryFn: ({ signal }) => fetchJson<QuestionSearchResult>(`/api/questions?${searchParamsOf(search)}`, { signal }),
    // Keep the last page on screen while the next query runs: no flicker while typing.
    placeholderData: keepPreviousData,
  });
}

export function useQuestionTags() {
  return useQuery({
    queryKey: questionKeys.tags(),
    queryFn: () => fetchJson<{ tags: TagCount[] }>("/api/questions/tags").then((r) => r.tags),
    staleTime: 60_000,
  });
}

export function useQuestion(id: string, initialData?: QuestionDetail) {
  return useQuery({
    queryKey: questionKeys.detail(id),
    queryFn: () => fetchJson<{ question: QuestionDetail }>(`/api/questions/${id}`).then((r) => r.question),
    initialData,
  });
}

export function useQuestionVersions(id: string, initialData?: QuestionVersionSummary[]) {
  return useQuery({
    queryKey: questionKeys.versions(id),
    queryFn: () => fetchJson<{ versions: QuestionVersionSummary[] }>(`/api/questions/${id}/versions`).then((r) => r.versions),
    initialData,
  });
}

export function useQuestionDiff(id: string, from: number, to: number) {
  return useQuery({
    queryKey: questionKeys.diff(id, from, to),
    queryFn: () =>
      fetchJson<{ from: QuestionVersionView; to: QuestionVersionView; diff: QuestionDiff }>(`/api/questions/${id}/diff?from=${from}&to=${to}`),
    enabled: from > 0 && to > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity, // versions are immutable
  });
}

function useWrite<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>, onDone?: (result: TResult) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (result) => {
      onDone?.(result);
      return qc.invalidateQueries({ queryKey: questionKeys.all });
    },
  });
}

export function useCreateQuestion() {
  const qc = useQueryClient();
  return useWrite(
    (input: CreateQuestionInput) =>
      fetchJson<{ question: QuestionDetail }>("/api/questions", { method: "POST", json: input }).then((r) => r.question),
    (q) => qc.setQueryData(questionKeys.detail(q.id), q),
  );
}

/** Saves a new version; rejects with ApiError 409 whose `details.current` is the other person's save. */
export function useSaveQuestion(id: string) {
  const qc = useQueryClient();
  return useWrite(
    (input: UpdateQuestionInput) =>
      fetchJson<{ question: QuestionDetail }>(`/api/questions/${id}`, { method: "PUT", json: input }).then((r) => r.question),
    (q) => qc.setQueryData(questionKeys.detail(q.id), q),
  );
}

export function useArchiveQuestion(id: string) {
  const qc = useQueryClient();
  return useWrite(
    (archive: boolean) =>
      fetchJson<{ question: QuestionDetail }>(`/api/questions/${id}/${archive ? "archive" : "restore"}`, { method: "POST" }).then((r) => r.question),
    (q) => qc.setQueryData(questionKeys.detail(q.id), q),
  );
}

export function useDeleteQuestion(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<{ ok: true }>(`/api/questions/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: questionKeys.detail(id) });
      return qc.invalidateQueries({ queryKey: questionKeys.lists() });
    },
  });
}

export function useImportQuestions() {
  return useWrite(({ file, dryRun }: { file: { format: "json"; data: unknown } | { format: "csv"; text: string }; dryRun: boolean }) =>
    fetchJson<{ result: ImportResult }>(
      `/api/questions/import?format=${file.format}${dryRun ? "&dryRun=1" : ""}`,
      file.format === "csv"
        ? { method: "POST", body: file.text, headers: { "Content-Type": "text/csv; charset=utf-8" } }
        : { method: "POST", json: file.data },
    ).then((r) => r.result),
  );
}
