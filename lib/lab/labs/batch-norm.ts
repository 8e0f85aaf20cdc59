import { BN_INPUT_DIM, generateMoons } from "../data";
import { BN_HIDDEN, BN_INIT_MODEL, buildBnNetwork } from "../model-defs";
import { createRng, deriveSeed, permutation } from "../prng";
import type { BatchNormParams } from "../schemas";
import { initTf, loadLabModel, tf } from "../tf-runtime";
import type { BatchNormEpoch, BatchNormResult, LabProgress, LayerActivation } from "../types";

const VALIDATION_ROWS = 1000;
const PROBE_ROWS = 512;
/** Past this the run has blown up; later epochs would only repeat NaN. */
const DIVERGED_LOSS = 1e4;

interface Trainee {
  variant: "plain" | "batchnorm";
  learningRate: number;
  model: tf.Sequential;
  probe: tf.LayersModel;
  diverged: boolean;
  last: BatchNormEpoch | null;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Mean and std over every unit and probe row of each hidden layer's post-ReLU output. */
function activationStats(probe: tf.LayersModel, x: tf.Tensor): LayerActivation[] {
  return tf.tidy(() => {
    const outs = probe.predict(x) as tf.Tensor[];
    return outs.map((o, i) => {
      const { mean, variance } = tf.moments(o);
      return { layer: `relu${i + 1}`, mean: mean.dataSync()[0]!, std: Math.sqrt(variance.dataSync()[0]!) };
    });
  });
}

export async function runBatchNormLab(params: BatchNormParams, onProgress: (p: LabProgress) => void): Promise<BatchNormResult> {
  const started = performance.now();
  const backend = await initTf();
  const train = generateMoons({ rows: params.trainRows, seed: params.seed });
  const val = generateMoons({ rows: VALIDATION_ROWS, seed: deriveSeed(params.seed, "validation") });
  const xVal = tf.tensor2d(val.features, [val.rows, BN_INPUT_DIM]);
  const yVal = tf.tensor2d(val.oneHot, [val.rows, 2]);
  const xProbe = xVal.slice([0, 0], [PROBE_ROWS, BN_INPUT_DIM]);

  // Identical initialization: every variant copies the Dense weights of the bundled init model.
  const init = await loadLabModel(BN_INIT_MODEL);
  const denseNames = [...BN_HIDDEN.map((_, i) => `dense${i + 1}`), "output"];
  const initWeights = new Map(denseNames.map((n) => [n, init.getLayer(n).getWeights()]));

  const trainees: Trainee[] = [];
  for (const learningRate of [params.modestLearningRate, params.highLearningRate]) {
    for (const variant of ["plain", "batchnorm"] as const) {
      const model = buildBnNetwork({ batchNorm: variant === "batchnorm", seed: params.seed });
      for (const n of denseNames) model.getLayer(n).setWeights(initWeights.get(n)!);
      model.compile({ optimizer: tf.train.sgd(learningRate), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
      const probe = tf.model({ inputs: model.inputs, outputs: BN_HIDDEN.map((_, i) => model.getLayer(`relu${i + 1}`).output as tf.SymbolicTensor) });
      trainees.push({ variant, learningRate, model, probe, diverged: false, last: null });
    }
  }
  init.dispose();

  const epochs: BatchNormEpoch[] = [];
  const total = params.epochs * trainees.length;
  let done = 0;
  for (let epoch = 1; epoch <= params.epochs; epoch++) {
    // One shuffled order per epoch, shared by all four networks: only the network differs.
    const order = permutation(train.rows, createRng(deriveSeed(params.seed, `epoch-${epoch}`)));
    const xs = new Float32Array(train.features.length);
    const ys = new Float32Array(train.oneHot.length);
    for (let r = 0; r < train.rows; r++) {
      const s = order[r]!;
      xs.set(train.features.subarray(s * BN_INPUT_DIM, (s + 1) * BN_INPUT_DIM), r * BN_INPUT_DIM);
      ys.set(train.oneHot.subarray(s * 2, s * 2 + 2), r * 2);
    }
    const xTrain = tf.tensor2d(xs, [train.rows, BN_INPUT_DIM]);
    const yTrain = tf.tensor2d(ys, [train.rows, 2]);
    for (const t of trainees) {
      done++;
      if (t.diverged) continue;
      const h = await t.model.fit(xTrain, yTrain, { epochs: 1, batchSize: params.batchSize, shuffle: false, verbose: 0 });
      const loss = (h.history.loss as number[])[0]!;
      const accuracy = ((h.history.acc ?? h.history.accuracy) as number[])[0]!;
      const [valLossT, valAccT] = t.model.evaluate(xVal, yVal, { batchSize: 500 }) as tf.Scalar[];
      const valLoss = (await valLossT!.data())[0]!;
      const valAccuracy = (await valAccT!.data())[0]!;
      valLossT!.dispose();
      valAccT!.dispose();
      const record: BatchNormEpoch = {
        variant: t.variant,
        learningRate: t.learningRate,
        epoch,
        loss: finiteOrNull(loss),
        accuracy,
        valLoss: finiteOrNull(valLoss),
        valAccuracy,
        activations: activationStats(t.probe, xProbe).map((a) => ({ ...a, mean: finiteOrNull(a.mean) ?? 0, std: finiteOrNull(a.std) ?? 0 })),
      };
      t.diverged = !Number.isFinite(loss) || loss > DIVERGED_LOSS;
      t.last = record;
      epochs.push(record);
      onProgress({
        fraction: done / total,
        message: `Epoch ${epoch}/${params.epochs} · ${t.variant === "batchnorm" ? "with BN" : "plain"} @ lr ${t.learningRate}: loss ${record.loss?.toFixed(3) ?? "diverged"}, val acc ${(valAccuracy * 100).toFixed(1)}%`,
        data: record,
      });
    }
    xTrain.dispose();
    yTrain.dispose();
  }

  const summary = trainees.map((t) => ({
    variant: t.variant,
    learningRate: t.learningRate,
    finalValAccuracy: t.last?.valAccuracy ?? 0,
    diverged: t.diverged,
  }));
  for (const t of trainees) t.model.dispose();
  tf.dispose([xVal, yVal, xProbe]);
  return {
    lab: "batch-norm",
    backend,
    layers: BN_HIDDEN.map((_, i) => `relu${i + 1}`),
    epochs,
    summary,
    wallMs: performance.now() - started,
  };
}
