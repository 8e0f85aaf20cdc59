import { z } from "zod";

/**
 * Lab parameters, shared by the page's forms, the route handlers and the worker. Every
 * bound here is a product decision: large enough to make the point in the interview,
 * small enough to finish inside the time limit on a 2-core machine.
 */

export const LAB_NAMES = ["roc-imbalanced", "batch-norm", "bias-variance", "nearest-face"] as const;
export const labNameSchema = z.enum(LAB_NAMES);
export type LabName = z.infer<typeof labNameSchema>;

const seedSchema = z.number().int().min(0).max(2 ** 31 - 1).default(7);

export const rocParamsSchema = z.object({
  seed: seedSchema,
  /** Held-out rows scored by the bundled classifier. */
  rows: z.number().int().min(100_000, "At least 100,000 held-out rows.").max(500_000, "At most 500,000 rows.").default(100_000),
  /** Share of positives ("attacks") among held-out rows. */
  prevalence: z.number().min(0.0002).max(0.05).default(0.001),
  /** Threshold for the summary metrics stored with the run; the page can move it freely. */
  threshold: z.number().min(0, "Thresholds lie between 0 and 1.").max(1, "Thresholds lie between 0 and 1.").default(0.5),
});
export type RocParams = z.infer<typeof rocParamsSchema>;

export const batchNormParamsSchema = z
  .object({
    seed: seedSchema,
    epochs: z.number().int().min(1, "At least 1 epoch.").max(40, "At most 40 epochs.").default(12),
    modestLearningRate: z.number().gt(0, "Learning rates must be positive.").max(2).default(0.02),
    highLearningRate: z.number().gt(0, "Learning rates must be positive.").max(10, "At most 10.").default(0.5),
    batchSize: z.number().int().min(8).max(512).default(64),
    trainRows: z.number().int().min(256).max(20_000).default(4000),
  })
  .refine((p) => p.highLearningRate > p.modestLearningRate, {
    path: ["highLearningRate"],
    message: "The high learning rate must exceed the modest one.",
  });
export type BatchNormParams = z.infer<typeof batchNormParamsSchema>;

export const biasVarianceParamsSchema = z.object({
  seed: seedSchema,
  trainRows: z.number().int().min(8).max(1000).default(30),
  validationRows: z.number().int().min(50).max(5000).default(500),
  noise: z.number().min(0).max(2).default(0.3),
  maxDegree: z.number().int().min(1).max(20, "At most degree 20.").default(15),
});
export type BiasVarianceParams = z.infer<typeof biasVarianceParamsSchema>;

/** HNSW construction time grows ~n log n; beyond this it would not finish in the limit. */
export const HNSW_MAX_VECTORS = 250_000;

export const nearestFaceParamsSchema = z
  .object({
    seed: seedSchema,
    vectors: z.number().int().min(100_000, "At least 100,000 vectors.").max(1_000_000, "At most 1,000,000 vectors.").default(100_000),
    queries: z.number().int().min(10).max(500).default(100),
    k: z.number().int().min(1).max(100).default(10),
    lshTables: z.number().int().min(1).max(32).default(6),
    lshBits: z.number().int().min(4).max(24).default(18),
    hnsw: z.boolean().default(true),
    hnswM: z.number().int().min(4).max(48).default(12),
    hnswEfConstruction: z.number().int().min(16).max(400).default(64),
    hnswEfSearch: z.number().int().min(10).max(512).default(64),
  })
  .refine((p) => !p.hnsw || p.vectors <= HNSW_MAX_VECTORS, {
    path: ["vectors"],
    message: `HNSW is limited to ${HNSW_MAX_VECTORS.toLocaleString("en-US")} vectors (index build time); turn it off for larger sets.`,
  })
  .refine((p) => p.hnswEfSearch >= p.k, { path: ["hnswEfSearch"], message: "efSearch must be at least k." });
export type NearestFaceParams = z.infer<typeof nearestFaceParamsSchema>;

export const LAB_PARAM_SCHEMAS = {
  "roc-imbalanced": rocParamsSchema,
  "batch-norm": batchNormParamsSchema,
  "bias-variance": biasVarianceParamsSchema,
  "nearest-face": nearestFaceParamsSchema,
} as const;

export type LabParams = {
  "roc-imbalanced": RocParams;
  "batch-norm": BatchNormParams;
  "bias-variance": BiasVarianceParams;
  "nearest-face": NearestFaceParams;
};

/** Default and maximum run time per lab; a run may ask for less, never more. */
export const LAB_TIME_LIMITS_SECONDS: Record<LabName, { default: number; max: number }> = {
  "roc-imbalanced": { default: 60, max: 180 },
  "batch-norm": { default: 120, max: 300 },
  "bias-variance": { default: 30, max: 60 },
  "nearest-face": { default: 180, max: 300 },
};

const idSchema = z.string().min(1).max(64);

/** Body of POST /api/lab-runs. `params` is validated against the lab's own schema. */
export const startLabRunSchema = z
  .object({
    lab: labNameSchema,
    params: z.record(z.string(), z.unknown()).default({}),
    interviewId: idSchema.optional(),
    timeLimitSeconds: z.number().int().min(1).max(300).optional(),
  })
  .superRefine((input, ctx) => {
    const max = LAB_TIME_LIMITS_SECONDS[input.lab].max;
    if (input.timeLimitSeconds !== undefined && input.timeLimitSeconds > max) {
      ctx.addIssue({ code: "custom", path: ["timeLimitSeconds"], message: `At most ${max} seconds for this lab.` });
    }
  });
export type StartLabRunInput = z.input<typeof startLabRunSchema>;
export type StartLabRunData = z.output<typeof startLabRunSchema>;

export const listLabRunsSchema = z.object({
  interviewId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListLabRunsInput = z.input<typeof listLabRunsSchema>;
export type ListLabRunsData = z.output<typeof listLabRunsSchema>;

/** Validates a lab's params, returning the parsed (defaulted) value or the zod error. */
export function parseLabParams<L extends LabName>(lab: L, params: unknown) {
  return (LAB_PARAM_SCHEMAS[lab] as unknown as z.ZodType<LabParams[L]>).safeParse(params ?? {});
}

export const LAB_RUN_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT"] as const;
export type LabRunStatus = (typeof LAB_RUN_STATUSES)[number];
export const TERMINAL_STATUSES: readonly LabRunStatus[] = ["SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT"];
export const isTerminal = (s: LabRunStatus) => TERMINAL_STATUSES.includes(s);
