import { FACE_DIM, generateFaceGallery, type FaceGallery } from "../data";
import { loadHnswLib } from "../hnsw";
import { percentile, recallAtK } from "../metrics";
import { createRng, deriveSeed } from "../prng";
import type { NearestFaceParams } from "../schemas";
import { initTf, tf } from "../tf-runtime";
import type { LabProgress, NearestFaceResult, SearchMethodResult } from "../types";

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
  exactIndex.dispose();
  const lshSearcher = createLshSearcher(lsh, g);
  const lshRun = timeQueries(params.queries, (q) => lshSearcher.search(query(q), k));
  methods.push(summarize("lsh", "Random-hyperplane LSH (multi-probe)", lshBuildMs, lshRun, exactRun.answers, k, lshSearcher.candidatesPerQuery(), { tables: params.lshTables, bits: params.lshBits }));

  let hnswNote: string | undefined;
  if (params.hnsw) {
    onProgress({ fraction: 0.55, message: `HNSW: building the graph (M ${params.hnswM}, efConstruction ${params.hnswEfConstruction})` });
    t = performance.now();
    const lib = await loadHnswLib();
    const index = new lib.HierarchicalNSW("ip", FACE_DIM, "");
    index.initIndex(params.vectors, params.hnswM, params.hnswEfConstruction, params.seed);
    const step = Math.max(1, Math.floor(params.vectors / 10));
    for (let i = 0; i < params.vectors; i++) {
      index.addPoint(g.embeddings.subarray(i * FACE_DIM, (i + 1) * FACE_DIM), i, false);
      if ((i + 1) % step === 0) onProgress({ fraction: 0.55 + (0.4 * (i + 1)) / params.vectors, message: `HNSW: ${(i + 1).toLocaleString("en-US")} vectors inserted` });
    }
    const hnswBuildMs = performance.now() - t;
    index.setEfSearch(params.hnswEfSearch);
    const hnswRun = timeQueries(params.queries, (q) => {
      const r = index.searchKnn(query(q), k, undefined);
      // hnswlib returns farthest-first for "ip"; order by similarity like the others.
      return r.neighbors.map((id, i) => ({ id, d: r.distances[i]! })).sort((a, b) => a.d - b.d || a.id - b.id).map((x) => x.id);
    });
    methods.push(summarize("hnsw", "HNSW (hnswlib-wasm)", hnswBuildMs, hnswRun, exactRun.answers, k, null, { M: params.hnswM, efConstruction: params.hnswEfConstruction, efSearch: params.hnswEfSearch }));
  } else {
    hnswNote = "HNSW was turned off for this run.";
  }
  return { lab: "nearest-face", backend, vectors: params.vectors, dim: FACE_DIM, queries: params.queries, k, generateMs, methods, hnswNote };
}
