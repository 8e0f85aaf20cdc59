import { FACE_DIM, FACE_GALLERY_GENERATOR, generateFaceGallery, type FaceGallery } from "../data";
import { loadHnswLib, type HnswIndex } from "../hnsw";
import { dropCachedIndex, hnswCacheDir, hnswCacheFile, indexBytes, indexFromBytes, readCachedIndex, writeCachedIndex } from "../hnsw-cache";
import { percentile, recallAtK } from "../metrics";
import { createRng, deriveSeed } from "../prng";
import type { NearestFaceParams } from "../schemas";
import { initTf, tf } from "../tf-runtime";
import type { CurvePoint, LabProgress, NearestFaceResult, SearchMethodResult } from "../types";

/** Gallery columns per tensor block: bounds each allocation on the wasm heap. */
const BLOCK = 131_072;

type Answers = number[][];

function timeQueries(count: number, run: (q: number) => number[]): { answers: Answers; times: number[] } {
  // Warm-up, not timed: lets the JIT optimize the search loops before the clock starts.
  for (let q = 0; q < Math.min(count, 20); q++) run(q);
  const answers: Answers = [];
  const times: number[] = [];
  for (let q = 0; q < count; q++) {
    const t = performance.now();
    answers.push(run(q));
    times.push(performance.now() - t);
  }
  return { answers, times };
}

// ── exact: one matrix product per query against the transposed gallery ───────────────

export interface ExactIndex {
  blocks: { start: number; tensor: tf.Tensor2D }[];
  dispose(): void;
}

/** Uploads the gallery as [dim × n] blocks: q·Gᵀ without a transpose per query. */
export function buildExactIndex(g: FaceGallery): ExactIndex {
  const blocks: ExactIndex["blocks"] = [];
  for (let start = 0; start < g.vectors; start += BLOCK) {
    const n = Math.min(BLOCK, g.vectors - start);
    const t = new Float32Array(FACE_DIM * n);
    for (let r = 0; r < n; r++) {
      const o = (start + r) * FACE_DIM;
      for (let j = 0; j < FACE_DIM; j++) t[j * n + r] = g.embeddings[o + j]!;
    }
    blocks.push({ start, tensor: tf.tensor2d(t, [FACE_DIM, n]) });
  }
  return { blocks, dispose: () => blocks.forEach((b) => b.tensor.dispose()) };
}

export function exactSearch(index: ExactIndex, query: Float32Array, k: number): number[] {
  const candidates: { id: number; score: number }[] = [];
  tf.tidy(() => {
    const q = tf.tensor2d(query, [1, FACE_DIM]);
    for (const b of index.blocks) {
      const { values, indices } = tf.topk(tf.matMul(q, b.tensor).reshape([-1]), k);
      const v = values.dataSync();
      const ix = indices.dataSync();
      for (let i = 0; i < ix.length; i++) candidates.push({ id: b.start + ix[i]!, score: v[i]! });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.id - b.id);
  return candidates.slice(0, k).map((c) => c.id);
}

// ── random-hyperplane LSH (SimHash), multi-probe at Hamming distance 1 ───────────────

export interface LshIndex {
  tables: number;
  bits: number;
  planes: Float32Array; // [tables·bits × dim]
  /** Per table: ids sorted by bucket code, and the codes in the same order. */
  sortedIds: Uint32Array[];
  sortedCodes: Uint32Array[];
}

export function buildLshIndex(g: FaceGallery, exact: ExactIndex, opts: { tables: number; bits: number; seed: number }): LshIndex {
  const rng = createRng(deriveSeed(opts.seed, "lsh-planes"));
  const h = opts.tables * opts.bits;
  const planes = new Float32Array(h * FACE_DIM);
  for (let i = 0; i < planes.length; i++) planes[i] = rng.normal();
  const codes = Array.from({ length: opts.tables }, () => new Uint32Array(g.vectors));
  // Projections of every vector on every plane in one product per block: [h × dim]·[dim × n].
  const planesT = tf.tensor2d(planes, [h, FACE_DIM]);
  for (const b of exact.blocks) {
    const proj = tf.tidy(() => tf.matMul(planesT, b.tensor));
    const v = proj.dataSync();
    proj.dispose();
    const n = b.tensor.shape[1];
    for (let t = 0; t < opts.tables; t++) {
      const c = codes[t]!;
      for (let r = 0; r < n; r++) {
        let code = 0;
        for (let bit = 0; bit < opts.bits; bit++) if (v[(t * opts.bits + bit) * n + r]! > 0) code |= 1 << bit;
        c[b.start + r] = code;
      }
    }
  }
  planesT.dispose();
  const sortedIds: Uint32Array[] = [];
  const sortedCodes: Uint32Array[] = [];
  for (const c of codes) {
    const ids = new Uint32Array(g.vectors);
    for (let i = 0; i < ids.length; i++) ids[i] = i;
    ids.sort((a, b) => c[a]! - c[b]! || a - b);
    sortedIds.push(ids);
    sortedCodes.push(Uint32Array.from(ids, (i) => c[i]!));
  }
  return { tables: opts.tables, bits: opts.bits, planes, sortedIds, sortedCodes };
}

function lowerBound(a: Uint32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createLshSearcher(index: LshIndex, g: FaceGallery) {
  const seen = new Uint32Array(g.vectors);
  let stamp = 0;
  let scanned = 0;
  let queries = 0;
  const search = (query: Float32Array, k: number): number[] => {
    stamp++;
    queries++;
    const top: { id: number; score: number }[] = [];
    for (let t = 0; t < index.tables; t++) {
      let code = 0;
      for (let bit = 0; bit < index.bits; bit++) {
        let dot = 0;
        const o = (t * index.bits + bit) * FACE_DIM;
        for (let j = 0; j < FACE_DIM; j++) dot += index.planes[o + j]! * query[j]!;
        if (dot > 0) code |= 1 << bit;
      }
      const codes = index.sortedCodes[t]!;
      const ids = index.sortedIds[t]!;
      for (let flip = -1; flip < index.bits; flip++) {
        const probe = flip < 0 ? code : code ^ (1 << flip);
        for (let i = lowerBound(codes, probe); i < codes.length && codes[i] === probe; i++) {
          const id = ids[i]!;
          if (seen[id] === stamp) continue;
          seen[id] = stamp;
          scanned++;
          let score = 0;
          const o = id * FACE_DIM;
          for (let j = 0; j < FACE_DIM; j++) score += g.embeddings[o + j]! * query[j]!;
          if (top.length < k) {
            top.push({ id, score });
            top.sort((a, b) => b.score - a.score || a.id - b.id);
          } else if (score > top[k - 1]!.score) {
            top[k - 1] = { id, score };
            top.sort((a, b) => b.score - a.score || a.id - b.id);
          }
        }
      }
    }
    return top.map((c) => c.id);
  };
  return { search, candidatesPerQuery: () => (queries ? scanned / queries : 0) };
}

// ── the lab ──────────────────────────────────────────────────────────────────────────

function summarize(method: SearchMethodResult["method"], label: string, buildMs: number, run: { answers: Answers; times: number[] }, exact: Answers, k: number, candidatesPerQuery: number | null, params: Record<string, number>): SearchMethodResult {
  return {
    method,
    label,
    buildMs,
    p50Ms: percentile(run.times, 50),
    p95Ms: percentile(run.times, 95),
    recallAtK: recallAtK(run.answers, exact, k),
    candidatesPerQuery,
    params,
  };
}

export async function runNearestFaceLab(params: NearestFaceParams, onProgress: (p: LabProgress) => void): Promise<NearestFaceResult> {
  const backend = await initTf();
  const { k } = params;
  onProgress({ fraction: 0.02, message: `Generating ${params.vectors.toLocaleString("en-US")} face embeddings` });
  let t = performance.now();
  const g = generateFaceGallery({ vectors: params.vectors, queries: params.queries, seed: params.seed });
  const generateMs = performance.now() - t;
  const query = (q: number) => g.queries.subarray(q * FACE_DIM, (q + 1) * FACE_DIM);

  onProgress({ fraction: 0.2, message: "Exact search: one matrix product per query" });
  t = performance.now();
  const exactIndex = buildExactIndex(g);
  const exactBuildMs = performance.now() - t;
  const exactRun = timeQueries(params.queries, (q) => exactSearch(exactIndex, query(q), k));
  const methods: SearchMethodResult[] = [summarize("exact", `Exact (tfjs matMul, ${backend})`, exactBuildMs, exactRun, exactRun.answers, k, params.vectors, {})];

  onProgress({ fraction: 0.4, message: `LSH: ${params.lshTables} tables × ${params.lshBits} bits` });
  t = performance.now();
  const lsh = buildLshIndex(g, exactIndex, { tables: params.lshTables, bits: params.lshBits, seed: params.seed });
  const lshBuildMs = performance.now() - t;
  const lshSearcher = createLshSearcher(lsh, g);
  const lshRun = timeQueries(params.queries, (q) => lshSearcher.search(query(q), k));
  methods.push(summarize("lsh", "Random-hyperplane LSH (multi-probe)", lshBuildMs, lshRun, exactRun.answers, k, lshSearcher.candidatesPerQuery(), { tables: params.lshTables, bits: params.lshBits }));

  // Along the LSH curve: the same tables with fewer and more bits per table (more bits: smaller
  // buckets, fewer candidates scanned — faster, lower recall).
  const point = (method: CurvePoint["method"], setting: string, run: { answers: Answers; times: number[] }): CurvePoint => ({
    method,
    setting,
    p50Ms: percentile(run.times, 50),
    recallAtK: recallAtK(run.answers, exactRun.answers, k),
  });
  const curve: CurvePoint[] = [point("lsh", `${params.lshTables}×${params.lshBits}`, lshRun)];
  const otherBits = [params.lshBits - 4, params.lshBits - 2, params.lshBits + 2, params.lshBits + 4].filter((b) => b >= 4 && b <= 24);
  for (const [i, bits] of otherBits.entries()) {
    onProgress({ fraction: 0.45 + (0.1 * i) / otherBits.length, message: `LSH curve: ${params.lshTables} tables × ${bits} bits` });
    const other = createLshSearcher(buildLshIndex(g, exactIndex, { tables: params.lshTables, bits, seed: params.seed }), g);
    const run = timeQueries(params.queries, (q) => other.search(query(q), k));
    curve.push(point("lsh", `${params.lshTables}×${bits}`, run));
  }
  exactIndex.dispose();

  let hnswNote: string | undefined;
  let hnswCache: NearestFaceResult["hnswCache"] = "off";
  if (params.hnsw) {
    t = performance.now();
    const lib = await loadHnswLib();
    const make = () => new lib.HierarchicalNSW("ip", FACE_DIM, "");
    const dir = hnswCacheDir();
    const file = dir
      ? hnswCacheFile(dir, {
          dataset: { generator: FACE_GALLERY_GENERATOR, vectors: params.vectors, seed: params.seed },
          graph: { space: "ip", dim: FACE_DIM, m: params.hnswM, efConstruction: params.hnswEfConstruction, seed: params.seed },
        })
      : null;
    let index: HnswIndex | null = null;
    if (file) {
      hnswCache = "miss";
      const bytes = await readCachedIndex(file);
      if (bytes) {
        onProgress({ fraction: 0.55, message: "HNSW: loading the graph built earlier for this dataset" });
        try {
          index = await indexFromBytes(lib, make, bytes, params.vectors);
          hnswCache = "hit";
        } catch {
          await dropCachedIndex(file); // unreadable (an older or damaged file): rebuilt below
        }
      }
    }
    if (!index) {
      onProgress({ fraction: 0.55, message: `HNSW: building the graph (M ${params.hnswM}, efConstruction ${params.hnswEfConstruction})` });
      index = make();
      index.initIndex(params.vectors, params.hnswM, params.hnswEfConstruction, params.seed);
      const step = Math.max(1, Math.floor(params.vectors / 10));
      for (let i = 0; i < params.vectors; i++) {
        index.addPoint(g.embeddings.subarray(i * FACE_DIM, (i + 1) * FACE_DIM), i, false);
        if ((i + 1) % step === 0) onProgress({ fraction: 0.55 + (0.35 * (i + 1)) / params.vectors, message: `HNSW: ${(i + 1).toLocaleString("en-US")} vectors inserted` });
      }
    }
    const hnswBuildMs = performance.now() - t;
    if (file && hnswCache === "miss") {
      try {
        await writeCachedIndex(file, await indexBytes(lib, index));
      } catch (err) {
        hnswNote = `The HNSW graph could not be cached (${err instanceof Error ? err.message : String(err)}); the next run builds it again.`;
      }
    }
    const hnsw = index;
    const searchAt = (ef: number) => {
      hnsw.setEfSearch(ef);
      return timeQueries(params.queries, (q) => {
        const r = hnsw.searchKnn(query(q), k, undefined);
        // hnswlib returns farthest-first for "ip"; order by similarity like the others.
        return r.neighbors.map((id, i) => ({ id, d: r.distances[i]! })).sort((a, b) => a.d - b.d || a.id - b.id).map((x) => x.id);
      });
    };
    const hnswRun = searchAt(params.hnswEfSearch);
    const label = hnswCache === "hit" ? "HNSW (hnswlib-wasm, graph loaded from cache)" : "HNSW (hnswlib-wasm)";
    methods.push(summarize("hnsw", label, hnswBuildMs, hnswRun, exactRun.answers, k, null, { M: params.hnswM, efConstruction: params.hnswEfConstruction, efSearch: params.hnswEfSearch }));
    // Along the HNSW curve: the same graph searched with a smaller and larger candidate list.
    curve.push(point("hnsw", `ef ${params.hnswEfSearch}`, hnswRun));
    for (const ef of new Set([k, 16, 32, 128, 256])) if (ef >= k && ef !== params.hnswEfSearch) curve.push(point("hnsw", `ef ${ef}`, searchAt(ef)));
    if (hnswCache === "hit") hnswNote = `The HNSW graph for this dataset was built by an earlier run and loaded from disk in ${Math.round(hnswBuildMs).toLocaleString("en-US")} ms.`;
  } else {
    hnswNote = "HNSW was turned off for this run.";
  }
  return { lab: "nearest-face", backend, vectors: params.vectors, dim: FACE_DIM, queries: params.queries, k, generateMs, methods, curve, hnswCache, hnswNote };
}
