/**
 * HNSW through hnswlib-wasm (hnswlib compiled to WebAssembly; the .wasm is embedded in the
 * npm package, so nothing is fetched). The package targets browsers: its entry point mounts
 * an IndexedDB file system and its loader refuses to start unless `window` exists. We skip
 * the entry point and call the Emscripten factory directly, with `window` defined only for
 * the duration of that call. Indexes persist through hnsw-cache.ts (the package writes them
 * only to an IndexedDB-backed file system, which fake-indexeddb provides under Node).
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
  writeIndex(filename: string): Promise<boolean>;
  readIndex(filename: string, maxElements: number): Promise<boolean>;
}

interface HnswLib {
  HierarchicalNSW: new (space: "l2" | "ip" | "cosine", dim: number, autoSaveFilename: string) => HnswIndex;
}

/** The module's progress lines ("b. jsFS synced successfully", "d. Calling sync callback...", …). */
export const HNSWLIB_CHATTER = /^(?:[a-d]\. (?:jsFS|Calling sync)|EmscriptenFileSystemManager:)/;

let loaded: Promise<HnswLib> | null = null;

export function loadHnswLib(): Promise<HnswLib> {
  loaded ??= (async () => {
    const require = createRequire(path.join(process.cwd(), "package.json"));
    const dist = path.join(path.dirname(require.resolve("hnswlib-wasm/package.json")), "dist");
    const chunk = readdirSync(dist).find((f) => /^hnswlib-[0-9a-f]+\.js$/.test(f));
    if (!chunk) throw new Error("hnswlib-wasm: Emscripten module not found in dist/");
    const mod = (await import(/* webpackIgnore: true */ pathToFileURL(path.join(dist, chunk)).href)) as { default: (module?: { print?: (s: string) => void }) => Promise<HnswLib> };
    const g = globalThis as { window?: unknown };
    const hadWindow = "window" in g;
    if (!hadWindow) g.window = globalThis;
    try {
      // The C++ side prints a line on every file-system sync: kept off the log.
      return await mod.default({ print: (line) => void (HNSWLIB_CHATTER.test(line) || console.log(line)) });
    } finally {
      if (!hadWindow) delete g.window;
    }
  })();
  return loaded;
}
