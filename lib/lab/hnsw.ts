/**
 * HNSW through hnswlib-wasm (hnswlib compiled to WebAssembly; the .wasm is embedded in the
 * npm package, so nothing is fetched). The package targets browsers: its entry point mounts
 * an IndexedDB file system and its loader refuses to start unless `window` exists. We skip
 * the entry point and call the Emscripten factory directly, with `window` defined only for
 * the duration of that call. Persistence is not needed here: indexes live for one run.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface HnswIndex {
  initIndex(maxElements: number, m: number, efConstruction: number, randomSeed: number): void;
  addPoint(point: Float32Array | number[], label: number, replaceDeleted: boolean): void;
  setEfSearch(ef: number): void;
  searchKnn(query: Float32Array | number[], k: number, filter: undefined): { neighbors: number[]; distances: number[] };
  getCurrentCount(): number;
}

interface HnswLib {
  HierarchicalNSW: new (space: "l2" | "ip" | "cosine", dim: number, autoSaveFilename: string) => HnswIndex;
}

let loaded: Promise<HnswLib> | null = null;

export function loadHnswLib(): Promise<HnswLib> {
  loaded ??= (async () => {
    const require = createRequire(path.join(process.cwd(), "package.json"));
    const dist = path.join(path.dirname(require.resolve("hnswlib-wasm/package.json")), "dist");
    const chunk = readdirSync(dist).find((f) => /^hnswlib-[0-9a-f]+\.js$/.test(f));
    if (!chunk) throw new Error("hnswlib-wasm: Emscripten module not found in dist/");
    const mod = (await import(/* webpackIgnore: true */ pathToFileURL(path.join(dist, chunk)).href)) as { default: () => Promise<HnswLib> };
    const g = globalThis as { window?: unknown };
    const hadWindow = "window" in g;
    if (!hadWindow) g.window = globalThis;
    try {
      return await mod.default();
    } finally {
      if (!hadWindow) delete g.window;
    }
  })();
  return loaded;
}
