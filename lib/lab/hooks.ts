"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fetchJson } from "@/lib/api/fetch-json";
import { isTerminal, type LabName, type StartLabRunInput } from "./schemas";
import type { LabProgress, LabRunView } from "./types";

export const labKeys = {
  all: ["lab-runs"] as const,
  list: (filter: { interviewId?: string; lab?: LabName } = {}) => [...labKeys.all, "list", filter] as const,
  run: (id: string) => [...labKeys.all, "run", id] as const,
};

export function useLabRuns(filter: { interviewId?: string } = {}) {
  const qs = filter.interviewId ? `?interviewId=${encodeURIComponent(filter.interviewId)}` : "";
  return useQuery({ queryKey: labKeys.list(filter), queryFn: () => fetchJson<LabRunView[]>(`/api/lab-runs${qs}`) });
}

export function useStartLabRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: StartLabRunInput) => fetchJson<LabRunView>("/api/lab-runs", { method: "POST", json: input }),
    onSuccess: (run) => {
      qc.setQueryData(labKeys.run(run.id), run);
      void qc.invalidateQueries({ queryKey: labKeys.list() });
    },
  });
}

export function useCancelLabRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<LabRunView>(`/api/lab-runs/${id}/cancel`, { method: "POST" }),
    onSuccess: (run) => qc.setQueryData(labKeys.run(run.id), run),
  });
}

/** Progress arrays are append-only, so the longer of two is the newer. */
function mergeRun(prev: LabRunView | undefined, next: LabRunView): LabRunView {
  if (!prev || prev.id !== next.id) return next;
  return next.progress.length >= prev.progress.length ? next : { ...next, progress: prev.progress };
}

/**
 * A run kept live through its SSE stream (snapshot → progress/status → done). The stream
 * closes itself when the run ends; EventSource reconnects on network errors and gets a
 * fresh snapshot.
 */
export function useLabRunStream(id: string | null): { run: LabRunView | undefined; connected: boolean } {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const { data: run } = useQuery({
    queryKey: labKeys.run(id ?? ""),
    enabled: !!id,
    queryFn: () => fetchJson<LabRunView>(`/api/lab-runs/${id}`),
  });
  const terminal = run ? isTerminal(run.status) : false;

  useEffect(() => {
    if (!id || terminal) return;
    const key = labKeys.run(id);
    const source = new EventSource(`/api/lab-runs/${id}/events`);
    const replace = (e: MessageEvent<string>) => qc.setQueryData<LabRunView>(key, (prev) => mergeRun(prev, JSON.parse(e.data) as LabRunView));
    source.addEventListener("open", () => setConnected(true));
    source.addEventListener("snapshot", replace);
    source.addEventListener("status", replace);
    source.addEventListener("progress", (e: MessageEvent<string>) => {
      const p = JSON.parse(e.data) as LabProgress;
      qc.setQueryData<LabRunView>(key, (prev) => (prev ? { ...prev, progress: [...prev.progress, p] } : prev));
    });
    source.addEventListener("done", (e: MessageEvent<string>) => {
      replace(e);
      source.close();
      setConnected(false);
      void qc.invalidateQueries({ queryKey: labKeys.list() });
    });
    source.addEventListener("error", () => setConnected(false));
    return () => {
      source.close();
      setConnected(false);
    };
  }, [id, terminal, qc]);

  return { run, connected };
}
