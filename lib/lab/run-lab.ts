/**
 * Runs one lab to completion in the current thread (the worker calls this; so do tests
 * and the bench). Params are validated again here: the worker trusts nothing it is sent.
 */
import { LabInputError } from "./lab-input-error";
import { runBatchNormLab } from "./labs/batch-norm";
import { runBiasVarianceLab } from "./labs/bias-variance";
import { runNearestFaceLab } from "./labs/nearest-face";
import { runRocLab } from "./labs/roc-imbalanced";
import { parseLabParams, type LabName, type LabParams } from "./schemas";
import type { LabProgress, LabResult } from "./types";

export async function runLab(lab: LabName, rawParams: unknown, onProgress: (p: LabProgress) => void = () => {}): Promise<LabResult> {
  const parsed = parseLabParams(lab, rawParams);
  if (!parsed.success) throw new LabInputError(`Invalid parameters for ${lab}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  switch (lab) {
    case "roc-imbalanced":
      return runRocLab(parsed.data as LabParams["roc-imbalanced"], onProgress);
    case "batch-norm":
      return runBatchNormLab(parsed.data as LabParams["batch-norm"], onProgress);
    case "bias-variance":
      return runBiasVarianceLab(parsed.data as LabParams["bias-variance"], onProgress);
    case "nearest-face":
      return runNearestFaceLab(parsed.data as LabParams["nearest-face"], onProgress);
  }
}
