// One lab run in a worker thread: the compiled form (dist/lab-worker.js, built by
// scripts/build-server.mjs) that production starts with plain node. lab-worker.mjs is the same
// program for development and tests, loading the TypeScript through tsx.
import { parentPort, workerData } from "node:worker_threads";
import { runLab } from "../run-lab";

async function main(): Promise<void> {
  const port = parentPort!;
  const data = workerData as { lab: Parameters<typeof runLab>[0]; params: Parameters<typeof runLab>[1] };
  try {
    const result = await runLab(data.lab, data.params, (progress) => port.postMessage({ type: "progress", progress }));
    port.postMessage({ type: "result", result });
  } catch (err) {
    const userFacing = err instanceof Error && (err as Error & { userFacing?: boolean }).userFacing === true;
    port.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err), userFacing, stack: err instanceof Error ? err.stack : undefined });
  }
}

void main();
