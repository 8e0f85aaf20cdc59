// The nearest-face lab's result as an interviewer sees it: every approximate setting along its
// speed/recall curve, with the speed-up computed from exact search's p50, and a note when the
// HNSW graph came from the cache. Results stored before the curve existed still render.
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { NearestFaceView } from "@/components/lab/nearest-face-view";
import type { NearestFaceResult } from "@/lib/lab/types";

beforeAll(() => {
  // recharts measures its container; jsdom has no layout.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

const method = (m: "exact" | "lsh" | "hnsw", p50Ms: number, recallAtK: number) => ({ method: m, label: m.toUpperCase(), buildMs: 10, p50Ms, p95Ms: p50Ms * 1.5, recallAtK, candidatesPerQuery: m === "hnsw" ? null : 100, params: {} });

const result: NearestFaceResult = {
  lab: "nearest-face",
  backend: "wasm",
  vectors: 100_000,
  dim: 128,
  queries: 200,
  k: 10,
  generateMs: 1200,
  methods: [method("exact", 2, 1), method("lsh", 0.2, 0.54), method("hnsw", 0.3, 0.999)],
  curve: [
    { method: "lsh", setting: "6×14", p50Ms: 1, recallAtK: 0.72 },
    { method: "lsh", setting: "6×18", p50Ms: 0.2, recallAtK: 0.54 },
    { method: "hnsw", setting: "ef 64", p50Ms: 0.3, recallAtK: 0.999 },
    { method: "hnsw", setting: "ef 16", p50Ms: 0.125, recallAtK: 0.95 },
  ],
  hnswCache: "hit",
  hnswNote: "The HNSW graph for this dataset was built by an earlier run and loaded from disk in 650 ms.",
};

describe("NearestFaceView", () => {
  it("lists every setting along the curve with its speed-up over exact search and its recall", () => {
    render(<NearestFaceView result={result} />);
    expect(screen.getByRole("heading", { name: "Speed against recall" })).toBeTruthy();
    const table = screen.getByRole("table", { name: "Every setting measured" });
    const rows = within(table).getAllByRole("row").slice(1).map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));
    expect(rows).toEqual([
      ["LSH", "6×14", "1.00 ms", "2.0×", "72.0%"],
      ["LSH", "6×18", "0.20 ms", "10.0×", "54.0%"],
      ["HNSW", "ef 64", "0.30 ms", "6.7×", "99.9%"],
      ["HNSW", "ef 16", "0.13 ms", "16.0×", "95.0%"],
    ]);
    expect(screen.getByText(/loaded from disk in 650 ms/)).toBeTruthy();
  });

  it("renders a result stored before the curve existed, without the curve", () => {
    const { curve: _c, hnswCache: _h, ...old } = result;
    render(<NearestFaceView result={old} />);
    expect(screen.queryByRole("heading", { name: "Speed against recall" })).toBeNull();
    expect(screen.getAllByRole("table")).toHaveLength(1);
  });
});
