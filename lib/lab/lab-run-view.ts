import "server-only";
import type { LabRunStatus as DbLabRunStatus, Prisma } from "@/lib/db/generated/client";
import type { LabName, LabRunStatus } from "./schemas";
import type { LabProgress, LabResult, LabRunView } from "./types";

export const labRunSelect = {
  id: true,
  lab: true,
  params: true,
  status: true,
  result: true,
  error: true,
  interviewId: true,
  createdById: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.LabRunSelect;

export type LabRunRow = Prisma.LabRunGetPayload<{ select: typeof labRunSelect }>;

/**
 * What the `result` column holds: the lab's output once it succeeds, the progress seen so
 * far (so any app instance can stream it, and BN curves survive in the report), and the
 * time limit the run was given (so a run orphaned by a crashed server can be recognised).
 */
export interface LabRunEnvelope {
  v: 1;
  timeLimitSeconds: number;
  progress: LabProgress[];
  output: LabResult | null;
}

export const MAX_STORED_PROGRESS = 400;

export function readEnvelope(value: unknown): LabRunEnvelope {
  const e = value as Partial<LabRunEnvelope> | null;
  return { v: 1, timeLimitSeconds: e?.timeLimitSeconds ?? 0, progress: e?.progress ?? [], output: e?.output ?? null };
}

export function toLabRunView(row: LabRunRow): LabRunView {
  const env = readEnvelope(row.result);
  return {
    id: row.id,
    lab: row.lab as LabName,
    status: row.status as DbLabRunStatus as LabRunStatus,
    params: (row.params ?? {}) as Record<string, unknown>,
    interviewId: row.interviewId,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
    result: row.status === "SUCCEEDED" ? env.output : null,
    progress: env.progress,
  };
}
