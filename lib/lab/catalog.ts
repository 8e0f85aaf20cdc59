import type { LabName } from "./schemas";

/** The question each lab serves and the knobs the page offers (bounds mirror schemas.ts). */
export interface LabParamField {
  name: string;
  label: string;
  kind: "number" | "boolean";
  min?: number;
  max?: number;
  step?: number;
  hint?: string;
}

export interface LabInfo {
  lab: LabName;
  title: string;
  question: string;
  summary: string;
  fields: LabParamField[];
}

export const LAB_CATALOG: Record<LabName, LabInfo> = {
  "roc-imbalanced": {
    lab: "roc-imbalanced",
    title: "Is accuracy reliable?",
    question: "A network-attack classifier is 99.5% accurate. Is it any good?",
    summary: "Scores ≥100,000 held-out connections with about one attack per thousand: accuracy beside the always-negative model, the confusion matrix at a threshold you move, ROC with AUC and precision–recall with average precision.",
    fields: [
      { name: "rows", label: "Held-out rows", kind: "number", min: 100_000, max: 500_000, step: 50_000 },
      { name: "prevalence", label: "Share of attacks", kind: "number", min: 0.0002, max: 0.05, step: 0.0001, hint: "0.001 = one in a thousand" },
      { name: "seed", label: "Seed", kind: "number", min: 0, max: 2 ** 31 - 1, step: 1 },
    ],
  },
  "batch-norm": {
    lab: "batch-norm",
    title: "Batch normalization",
    question: "Why does batch normalization let us train with higher learning rates?",
    summary: "Two small networks with identical initial weights, with and without batch normalization, trained at a modest and a high learning rate. Loss, accuracy and each layer's activation statistics stream in per epoch.",
    fields: [
      { name: "epochs", label: "Epochs", kind: "number", min: 1, max: 40, step: 1 },
      { name: "modestLearningRate", label: "Modest learning rate", kind: "number", min: 0.001, max: 2, step: 0.001 },
      { name: "highLearningRate", label: "High learning rate", kind: "number", min: 0.01, max: 10, step: 0.01 },
      { name: "batchSize", label: "Batch size", kind: "number", min: 8, max: 512, step: 8 },
      { name: "seed", label: "Seed", kind: "number", min: 0, max: 2 ** 31 - 1, step: 1 },
    ],
  },
  "bias-variance": {
    lab: "bias-variance",
    title: "Bias and variance",
    question: "How do you tell under-fitting from over-fitting, and what do you do about each?",
    summary: "Polynomials of increasing degree fitted to a few noisy points: training and validation error against capacity, with under- and over-fitting marked.",
    fields: [
      { name: "trainRows", label: "Training points", kind: "number", min: 8, max: 1000, step: 1 },
      { name: "noise", label: "Noise (std)", kind: "number", min: 0, max: 2, step: 0.05 },
      { name: "maxDegree", label: "Highest degree", kind: "number", min: 1, max: 20, step: 1 },
      { name: "seed", label: "Seed", kind: "number", min: 0, max: 2 ** 31 - 1, step: 1 },
    ],
  },
  "nearest-face": {
    lab: "nearest-face",
    title: "A face among millions",
    question: "How would you find a face among millions of 128-dimensional embeddings in milliseconds?",
    summary: "Exact top-k with a matrix product, random-hyperplane LSH and an HNSW graph over 100,000 to 1,000,000 synthetic embeddings: query latency and recall@10 side by side, and each approximate method swept along its speed/recall curve.",
    fields: [
      { name: "vectors", label: "Embeddings", kind: "number", min: 100_000, max: 1_000_000, step: 50_000, hint: "HNSW up to 250,000" },
      { name: "queries", label: "Queries", kind: "number", min: 10, max: 500, step: 10 },
      { name: "lshTables", label: "LSH tables", kind: "number", min: 1, max: 32, step: 1 },
      { name: "lshBits", label: "LSH bits per table", kind: "number", min: 4, max: 24, step: 1 },
      { name: "hnsw", label: "Include HNSW", kind: "boolean" },
      { name: "hnswM", label: "HNSW M", kind: "number", min: 4, max: 48, step: 1 },
      { name: "hnswEfSearch", label: "HNSW efSearch", kind: "number", min: 10, max: 512, step: 1 },
    ],
  },
};
