// One lab run in a worker thread. Plain .mjs on purpose: it starts the same way under tsx,
// Vitest and `next start` (no bundler involved), then loads the TypeScript lab code through
// tsx, which the project already needs at run time (`npm start` is `tsx scripts/serve.ts`).
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { runLab } = await tsImport("../run-lab.ts", import.meta.url);

try {
  const result = await runLab(workerData.lab, workerData.params, (progress) => parentPort.postMessage({ type: "progress", progress }));
  parentPort.postMessage({ type: "result", result });
} catch (err) {
  const userFacing = err instanceof Error && err.userFacing === true;
  parentPort.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err), userFacing, stack: err instanceof Error ? err.stack : undefined });
}
