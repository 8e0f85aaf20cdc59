// The nearest-face lab's HNSW cache (issue 15): an index goes to disk and comes back the same,
// and the lab's second run of the same dataset loads the graph instead of building it.
import { chmod, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadHnswLib } from "@/lib/lab/hnsw";
import { hnswCacheFile, indexBytes, indexFromBytes, readCachedIndex, writeCachedIndex } from "@/lib/lab/hnsw-cache";
import { runNearestFaceLab } from "@/lib/lab/labs/nearest-face";
import { createRng } from "@/lib/lab/prng";
import { parseLabParams } from "@/lib/lab/schemas";
import type { NearestFaceResult } from "@/lib/lab/types";

let dir: string;
const savedEnv = process.env.LAB_CACHE_DIR;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "hnsw-cache-test-"));
  process.env.LAB_CACHE_DIR = dir;
});
afterAll(async () => {
  if (savedEnv === undefined) delete process.env.LAB_CACHE_DIR;
  else process.env.LAB_CACHE_DIR = savedEnv;
  await rm(dir, { recursive: true, force: true });
});

const DIM = 16;
function points(n: number, seed: number): Float32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Float32Array.from({ length: DIM }, () => rng.normal()));
}

describe("HNSW index bytes", () => {
  it("round-trip through a file: same size, same neighbours for every query", async () => {
    const lib = await loadHnswLib();
    const data = points(2000, 1);
    const built = new lib.HierarchicalNSW("l2", DIM, "");
    built.initIndex(data.length, 8, 32, 7);
    data.forEach((p, i) => built.addPoint(p, i, false));
    const bytes = await indexBytes(lib, built);
    expect(bytes.length).toBeGreaterThan(data.length * DIM * 4);

    const file = path.join(dir, "round-trip.hnsw");
    await writeCachedIndex(file, bytes);
    const read = await readCachedIndex(file);
    expect(read && Buffer.from(read).equals(Buffer.from(bytes))).toBe(true);
    const loaded = await indexFromBytes(lib, () => new lib.HierarchicalNSW("l2", DIM, ""), read!, data.length);
    expect(loaded.getCurrentCount()).toBe(data.length);
    built.setEfSearch(40);
    loaded.setEfSearch(40);
    for (const q of points(50, 2)) expect(loaded.searchKnn(q, 10, undefined)).toEqual(built.searchKnn(q, 10, undefined));
  });

  it("refuses bytes that are not an index of the expected size", async () => {
    const lib = await loadHnswLib();
    await expect(indexFromBytes(lib, () => new lib.HierarchicalNSW("l2", DIM, ""), new Uint8Array([1, 2, 3, 4]), 10)).rejects.toThrow();
    expect(await readCachedIndex(path.join(dir, "missing.hnsw"))).toBeNull();
  });

  it("trusts a cache directory only while it is this user's and no one else can write to it", async () => {
    const shared = await mkdtemp(path.join(os.tmpdir(), "hnsw-cache-shared-"));
    try {
      await writeCachedIndex(path.join(shared, "a.hnsw"), new Uint8Array([1, 2, 3]));
      expect(await readCachedIndex(path.join(shared, "a.hnsw"))).toEqual(new Uint8Array([1, 2, 3]));
      await chmod(shared, 0o777);
      expect(await readCachedIndex(path.join(shared, "a.hnsw"))).toBeNull();
      await expect(writeCachedIndex(path.join(shared, "b.hnsw"), new Uint8Array([4]))).rejects.toThrow(/only this user/);
    } finally {
      await rm(shared, { recursive: true, force: true });
    }
  });

  it("keys files by everything that shapes the graph", () => {
    const key = { dataset: { generator: "g", vectors: 100, seed: 1 }, graph: { space: "ip", dim: 128, m: 12, efConstruction: 64, seed: 1 } };
    const same = hnswCacheFile(dir, { dataset: { seed: 1, vectors: 100, generator: "g" }, graph: { ...key.graph } });
    expect(same).toBe(hnswCacheFile(dir, key));
    expect(hnswCacheFile(dir, { ...key, dataset: { ...key.dataset, seed: 2 } })).not.toBe(same);
    expect(hnswCacheFile(dir, { ...key, graph: { ...key.graph, m: 16 } })).not.toBe(same);
  });
});

describe("the nearest-face lab", () => {
  // The schema's floor is 100,000 vectors (about 30 s of graph building); the lab itself takes
  // any size, so a small gallery shows the same behaviour in a unit test.
  const params = { ...parseLabParams("nearest-face", {}).data!, vectors: 3000, queries: 30 };

  it("builds the graph once per dataset: the second run loads it and answers the same", async () => {
    const first: NearestFaceResult = await runNearestFaceLab(params, () => {});
    const messages: string[] = [];
    const second = await runNearestFaceLab(params, (p) => messages.push(p.message));
    expect(first.hnswCache).toBe("miss");
    expect(second.hnswCache).toBe("hit");
    expect(messages.some((m) => /loading the graph/.test(m))).toBe(true);
    expect(messages.some((m) => /building the graph/.test(m))).toBe(false);
    const hnsw = (r: NearestFaceResult) => r.methods.find((m) => m.method === "hnsw")!;
    expect(hnsw(second).recallAtK).toBe(hnsw(first).recallAtK);
    expect(second.curve!.filter((c) => c.method === "hnsw").map((c) => [c.setting, c.recallAtK])).toEqual(
      first.curve!.filter((c) => c.method === "hnsw").map((c) => [c.setting, c.recallAtK]),
    );
    expect((await readdir(dir)).filter((f) => f.startsWith("nearest-face-"))).toHaveLength(1);
  }, 120_000);

  it("a damaged cache file is replaced, not trusted", async () => {
    const files = (await readdir(dir)).filter((f) => f.startsWith("nearest-face-"));
    await writeFile(path.join(dir, files[0]!), Buffer.from("not an index"));
    const again = await runNearestFaceLab(params, () => {});
    expect(again.hnswCache).toBe("miss");
    const after = await runNearestFaceLab(params, () => {});
    expect(after.hnswCache).toBe("hit");
  }, 120_000);

  it("shows each approximate method along its speed/recall curve", async () => {
    const r = await runNearestFaceLab(params, () => {});
    const lsh = r.curve!.filter((c) => c.method === "lsh");
    expect(lsh.map((c) => c.setting)).toEqual(expect.arrayContaining(["6×14", "6×16", "6×18", "6×20", "6×22"]));
    // More bits per table: smaller buckets, so recall can only fall (the same planes' prefix codes).
    const byBits = [...lsh].sort((a, b) => Number(a.setting.split("×")[1]) - Number(b.setting.split("×")[1]));
    for (let i = 1; i < byBits.length; i++) expect(byBits[i]!.recallAtK).toBeLessThanOrEqual(byBits[i - 1]!.recallAtK + 0.05);
    const hnsw = r.curve!.filter((c) => c.method === "hnsw");
    expect(hnsw.length).toBeGreaterThanOrEqual(4);
    for (const c of r.curve!) expect(c.recallAtK).toBeGreaterThanOrEqual(0);
  }, 120_000);
});
