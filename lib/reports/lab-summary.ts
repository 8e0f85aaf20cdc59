// Pure: the headline numbers of a lab run, as the report shows them beside (or, in the PDF,
// instead of) the lab's charts.
import { LAB_CATALOG } from "@/lib/lab/catalog";
import type { LabName } from "@/lib/lab/schemas";
import type { BatchNormResult, BiasVarianceResult, LabResult, NearestFaceResult, RocResult } from "@/lib/lab/types";
import type { ReportStat } from "./types";

const num = (v: number | null | undefined, digits = 3) => (v === null || v === undefined || !Number.isFinite(v) ? "—" : v.toFixed(digits));
const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? "—" : `${(v * 100).toFixed(1)}%`);

export function labTitle(lab: string): string {
  return LAB_CATALOG[lab as LabName]?.title ?? lab;
}

export function labRunSummary(lab: string, result: LabResult | null): ReportStat[] {
  if (!result) return [];
  switch (lab) {
    case "roc-imbalanced": {
      const r = result as RocResult;
      return [
        { label: "Held-out rows", value: r.rows.toLocaleString("en-US") },
        { label: "ROC AUC", value: num(r.auc) },
        { label: "Average precision", value: num(r.averagePrecision) },
        { label: "Always-negative accuracy", value: pct(r.alwaysNegativeAccuracy) },
        { label: `Precision at ${num(r.atThreshold.threshold, 2)}`, value: pct(r.atThreshold.precision) },
        { label: `Recall at ${num(r.atThreshold.threshold, 2)}`, value: pct(r.atThreshold.recall) },
        { label: "Best F1", value: `${num(r.bestF1.f1)} at ${num(r.bestF1.threshold, 2)}` },
      ];
    }
    case "batch-norm": {
      const r = result as BatchNormResult;
      return r.summary.map((s) => ({
        label: `${s.variant === "batchnorm" ? "With batch norm" : "Plain"}, learning rate ${s.learningRate}`,
        value: s.diverged ? "diverged" : `final validation accuracy ${pct(s.finalValAccuracy)}`,
      }));
    }
    case "bias-variance": {
      const r = result as BiasVarianceResult;
      const best = r.degrees.find((d) => d.degree === r.bestDegree);
      return [
        { label: "Best polynomial degree", value: String(r.bestDegree) },
        { label: "Validation MSE at best degree", value: num(best?.validationMse) },
        { label: "Noise variance", value: num(r.noiseVariance) },
      ];
    }
    case "nearest-face": {
      const r = result as NearestFaceResult;
      return [
        { label: "Vectors", value: `${r.vectors.toLocaleString("en-US")} × ${r.dim} dims` },
        ...r.methods.map((m) => ({ label: m.label, value: `p50 ${num(m.p50Ms, 2)} ms, recall@${r.k} ${pct(m.recallAtK)}` })),
      ];
    }
    default:
      return [];
  }
}
