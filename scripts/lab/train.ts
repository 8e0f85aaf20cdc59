// npm run lab:train — regenerates the demo models in lib/lab/models/ from fixed seeds.
// Deterministic: same code, same bytes. Each model must stay under 2 MB.
import { statSync } from "node:fs";
import path from "node:path";
import { generateAttackData } from "@/lib/lab/data";
import { ATTACK_MODEL, BN_INIT_MODEL, buildAttackClassifier, buildBnNetwork } from "@/lib/lab/model-defs";
import { createRng, permutation } from "@/lib/lab/prng";
import { initTf, LAB_MODELS_DIR, saveLabModel, tf } from "@/lib/lab/tf-runtime";
import { ATTACK_FEATURE_COUNT } from "@/lib/lab/data";
import { mannWhitneyAuc } from "@/lib/lab/metrics";

const TRAIN_SEED = 20261129;
const MAX_BYTES = 2 * 1024 * 1024;

async function trainAttackClassifier(): Promise<void> {
  // Training data is enriched with attacks (5%) so the model sees enough of them; the lab
  // evaluates at the real ~0.1% rate, which is exactly where accuracy stops meaning much.
  const data = generateAttackData({ rows: 40_000, prevalence: 0.05, seed: TRAIN_SEED });
  const order = permutation(data.rows, createRng(TRAIN_SEED));
  const x = new Float32Array(data.features.length);
  const y = new Float32Array(data.rows);
  for (let r = 0; r < data.rows; r++) {
    const src = order[r]!;
    x.set(data.features.subarray(src * ATTACK_FEATURE_COUNT, (src + 1) * ATTACK_FEATURE_COUNT), r * ATTACK_FEATURE_COUNT);
    y[r] = data.labels[src]!;
  }
  const model = buildAttackClassifier(TRAIN_SEED);
  model.compile({ optimizer: tf.train.adam(0.005), loss: "binaryCrossentropy" });
  const xs = tf.tensor2d(x, [data.rows, ATTACK_FEATURE_COUNT]);
  const ys = tf.tensor2d(y, [data.rows, 1]);
  const h = await model.fit(xs, ys, { epochs: 6, batchSize: 256, shuffle: false, verbose: 0 });
  const losses = h.history.loss as number[];
  const valData = generateAttackData({ rows: 20_000, prevalence: 0.05, seed: TRAIN_SEED + 1 });
  const scores = (model.predict(tf.tensor2d(valData.features, [valData.rows, ATTACK_FEATURE_COUNT])) as tf.Tensor).dataSync();
  console.log(`${ATTACK_MODEL}: loss ${losses[0]!.toFixed(4)} → ${losses.at(-1)!.toFixed(4)}, validation AUC ${mannWhitneyAuc(scores, valData.labels).toFixed(4)}`);
  await saveLabModel(model, ATTACK_MODEL);
}

async function writeBnInit(): Promise<void> {
  // Untrained on purpose: these are the shared initial weights of both BN-lab networks.
  const model = buildBnNetwork({ batchNorm: false, seed: TRAIN_SEED });
  await saveLabModel(model, BN_INIT_MODEL);
  console.log(`${BN_INIT_MODEL}: initial weights written`);
}

async function main(): Promise<void> {
  const backend = await initTf();
  console.log(`backend: ${backend}`);
  await trainAttackClassifier();
  await writeBnInit();
  for (const name of [ATTACK_MODEL, BN_INIT_MODEL]) {
    const size = ["model.json", "weights.bin"].reduce((s, f) => s + statSync(path.join(LAB_MODELS_DIR, name, f)).size, 0);
    if (size > MAX_BYTES) throw new Error(`${name} is ${size} bytes, over the 2 MB budget`);
    console.log(`${name}: ${(size / 1024).toFixed(1)} KiB`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
