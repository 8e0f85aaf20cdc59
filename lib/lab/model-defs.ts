/**
 * Architectures of the bundled models, shared by the training script (which writes the
 * weights) and the labs (which load them). Seeds fix every initializer.
 */
import { ATTACK_FEATURE_COUNT, BN_INPUT_DIM } from "./data";
import { tf } from "./tf-runtime";

export const ATTACK_MODEL = "attack-classifier";
export const BN_INIT_MODEL = "bn-mlp-init";
export const BN_HIDDEN = [64, 64, 64] as const;

export function buildAttackClassifier(seed: number): tf.Sequential {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed + k });
  const m = tf.sequential({ name: "attack_classifier" });
  m.add(tf.layers.dense({ inputShape: [ATTACK_FEATURE_COUNT], units: 32, activation: "relu", kernelInitializer: init(1), name: "hidden1" }));
  m.add(tf.layers.dense({ units: 16, activation: "relu", kernelInitializer: init(2), name: "hidden2" }));
  m.add(tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: init(3), name: "attack_probability" }));
  return m;
}

/**
 * The batch-normalization lab's network. With `batchNorm`, each hidden Dense feeds a
 * BatchNormalization layer before its ReLU; the Dense weights are the same either way, so
 * both variants start from identical initial weights (copied from the bundled init model).
 */
export function buildBnNetwork(opts: { batchNorm: boolean; seed: number }): tf.Sequential {
  const init = (k: number) => tf.initializers.heNormal({ seed: opts.seed + k });
  const m = tf.sequential({ name: opts.batchNorm ? "with_batchnorm" : "plain" });
  BN_HIDDEN.forEach((units, i) => {
    m.add(
      tf.layers.dense({
        ...(i === 0 ? { inputShape: [BN_INPUT_DIM] } : {}),
        units,
        kernelInitializer: init(i + 1),
        name: `dense${i + 1}`,
      }),
    );
    if (opts.batchNorm) m.add(tf.layers.batchNormalization({ name: `bn${i + 1}`, momentum: 0.9 }));
    m.add(tf.layers.activation({ activation: "relu", name: `relu${i + 1}` }));
  });
  m.add(tf.layers.dense({ units: 2, activation: "softmax", kernelInitializer: init(9), name: "output" }));
  return m;
}
