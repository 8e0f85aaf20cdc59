/**
 * TensorFlow.js for the labs, in the worker thread (never imported by the web server's
 * request path). Backend: wasm, whose .wasm binaries ship inside the npm package and are
 * read from node_modules — no network — with the pure-JS cpu backend as the fallback.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

export { tf };

export const LAB_MODELS_DIR = path.join(process.cwd(), "lib", "lab", "models");

function wasmDir(): string {
  const require = createRequire(path.join(process.cwd(), "package.json"));
  return path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")) + "/dist/";
}

let ready: Promise<string> | null = null;

/** Initializes once per thread; resolves to the backend in use ("wasm" or "cpu"). */
export function initTf(prefer: "wasm" | "cpu" = (process.env.LAB_TF_BACKEND as "wasm" | "cpu" | undefined) ?? "wasm"): Promise<string> {
  ready ??= (async () => {
    if (prefer === "wasm") {
      try {
        setWasmPaths(wasmDir());
        if (await tf.setBackend("wasm")) {
          await tf.ready();
          return tf.getBackend();
        }
      } catch (err) {
        console.warn("[lab] wasm backend unavailable, falling back to cpu:", (err as Error).message);
      }
    }
    // The cpu backend greets Node users with an advert for tfjs-node (which cannot install
    // here) unless IS_TEST; IS_TEST also turns on leak checks, so only for construction.
    tf.env().set("IS_TEST", true);
    await tf.setBackend("cpu");
    await tf.ready();
    tf.env().set("IS_TEST", false);
    return tf.getBackend();
  })();
  return ready;
}

/** Loads lib/lab/models/<name>/{model.json,weights.bin} through tf.io.fromMemory. */
export async function loadLabModel(name: string, dir = LAB_MODELS_DIR): Promise<tf.LayersModel> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad model name ${name}`);
  const modelDir = path.join(dir, name);
  const json = JSON.parse(await readFile(path.join(modelDir, "model.json"), "utf8")) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const buffers = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(path.join(modelDir, p))));
  const total = Buffer.concat(buffers);
  const weightData = total.buffer.slice(total.byteOffset, total.byteOffset + total.byteLength) as ArrayBuffer;
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
}

/** Writes a model as model.json + weights.bin (the layout loadLabModel reads). */
export async function saveLabModel(model: tf.LayersModel, name: string, dir = LAB_MODELS_DIR): Promise<{ jsonBytes: number; weightBytes: number }> {
  const { mkdir, writeFile } = await import("node:fs/promises");
  const modelDir = path.join(dir, name);
  await mkdir(modelDir, { recursive: true });
  let sizes = { jsonBytes: 0, weightBytes: 0 };
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData as ArrayBuffer;
      const json = JSON.stringify({
        format: "layers-model",
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs }],
      });
      await writeFile(path.join(modelDir, "model.json"), json);
      await writeFile(path.join(modelDir, "weights.bin"), Buffer.from(weightData));
      sizes = { jsonBytes: Buffer.byteLength(json), weightBytes: weightData.byteLength };
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
    }),
  );
  return sizes;
}
