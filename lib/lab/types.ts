import type { ClassificationMetrics, PrPoint, RocPoint, ThresholdTable } from "./metrics";
import type { LabName, LabRunStatus } from "./schemas";

/** A progress event from a running lab; `data` is the lab's own record (e.g. one epoch). */
export interface LabProgress {
  /** 0–1, when the lab can tell. */
  fraction?: number;
  message: string;
  data?: BatchNormEpoch;
}

export interface RocResult {
  lab: "roc-imbalanced";
  backend: string;
  rows: number;
  positives: number;
  negatives: number;
  auc: number;
  /** The same AUC computed as the Mann–Whitney U statistic (a built-in cross-check). */
  aucMannWhitney: number;
  averagePrecision: number;
  /** Accuracy of the model that always says "no attack". */
  alwaysNegativeAccuracy: number;
  atThreshold: ClassificationMetrics;
  /** Threshold with the best F1 on the grid, for the discussion. */
  bestF1: ClassificationMetrics;
  roc: RocPoint[];
  pr: PrPoint[];
  table: ThresholdTable;
  timings: { generateMs: number; inferenceMs: number; metricsMs: number };
}

export interface LayerActivation {
  layer: string;
  mean: number;
  std: number;
}

export interface BatchNormEpoch {
  variant: "plain" | "batchnorm";
  learningRate: number;
  epoch: number;
  loss: number | null;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number;
  activations: LayerActivation[];
}

export interface BatchNormResult {
  lab: "batch-norm";
  backend: string;
  layers: string[];
  epochs: BatchNormEpoch[];
  summary: { variant: "plain" | "batchnorm"; learningRate: number; finalValAccuracy: number; diverged: boolean }[];
  wallMs: number;
}

export interface BiasVarianceDegree {
  degree: number;
  trainMse: number;
  validationMse: number;
  fit: "underfit" | "good" | "overfit";
}

export interface BiasVarianceResult {
  lab: "bias-variance";
  backend: string;
  noiseVariance: number;
  bestDegree: number;
  degrees: BiasVarianceDegree[];
  train: { x: number; y: number }[];
  /** The true function and a few fitted curves sampled on a grid, for the plot. */
  curves: { x: number; truth: number; fits: Record<string, number> }[];
}

export interface SearchMethodResult {
  method: "exact" | "lsh" | "hnsw";
  label: string;
  buildMs: number;
  p50Ms: number;
  p95Ms: number;
  recallAtK: number;
  /** Average candidates whose distance was computed per query (exact = all vectors). */
  candidatesPerQuery: number | null;
  params: Record<string, number>;
}

/** One setting of an approximate method: where it sits between speed and recall. */
export interface CurvePoint {
  method: "lsh" | "hnsw";
  /** "tables×bits" for LSH, "ef N" for HNSW. */
  setting: string;
  p50Ms: number;
  recallAtK: number;
}

export interface NearestFaceResult {
  lab: "nearest-face";
  backend: string;
  vectors: number;
  dim: number;
  queries: number;
  k: number;
  generateMs: number;
  methods: SearchMethodResult[];
  /** Each approximate method at several settings (results stored before this field have none). */
  curve?: CurvePoint[];
  /** The HNSW graph: built and cached ("miss"), loaded from the cache ("hit"), or no cache. */
  hnswCache?: "hit" | "miss" | "off";
  hnswNote?: string;
}

export type LabResult = RocResult | BatchNormResult | BiasVarianceResult | NearestFaceResult;

/** What the API and the room see of a LabRun. */
export interface LabRunView {
  id: string;
  lab: LabName;
  status: LabRunStatus;
  params: Record<string, unknown>;
  interviewId: string | null;
  createdById: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** Final result once SUCCEEDED; null before. */
  result: LabResult | null;
  /** Progress seen so far (kept while running, and after for labs that stream records). */
  progress: LabProgress[];
}
