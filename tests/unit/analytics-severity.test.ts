// Interviewer severity (lib/analytics/severity.ts) without a database: recovery of planted
// severities on simulated panels, interval coverage over repeated simulations, fast-check
// properties of the least-squares fit, edge cases, and the time to fit 400k ratings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateRaterSeverity, type SeverityFit, type SeverityRating } from "@/lib/analytics/severity";
import { createRng } from "@/lib/lab/prng";

interface Simulation {
  ratings: SeverityRating[];
  planted: Map<string, number>;
}

/**
 * Candidates each meet one panel of 2–4 distinct interviewers drawn at random; every panelist
 * rates every (question, criterion) of the interview. A unit's true level is the candidate's
 * ability plus the answer's own variation; a rating adds the rater's planted severity and noise.
 */
function simulate(
  seed: number,
  opts: { raters?: number; candidates?: number; questions?: number; criteria?: number; noise?: number; clamp: boolean },
): Simulation {
  const rng = createRng(seed);
  const R = opts.raters ?? 10;
  const candidates = opts.candidates ?? 300;
  const questions = opts.questions ?? 3;
  const criteria = opts.criteria ?? 3;
  const noise = opts.noise ?? 0.5;
  const planted = new Map<string, number>();
  const names: string[] = [];
  for (let r = 0; r < R; r++) {
    names.push(`rater-${r}`);
    planted.set(`rater-${r}`, rng.next() * 2 - 1);
  }
  const ratings: SeverityRating[] = [];
  for (let c = 0; c < candidates; c++) {
    const ability = 2 + 0.8 * rng.normal();
    const size = 2 + rng.int(3);
    const panel = new Set<number>();
    while (panel.size < size) panel.add(rng.int(R));
    for (let q = 0; q < questions; q++) {
      for (let k = 0; k < criteria; k++) {
        const truth = ability + 0.5 * rng.normal();
        for (const r of panel) {
          const name = names[r]!;
          let level = truth + planted.get(name)! + noise * rng.normal();
          if (opts.clamp) level = Math.min(4, Math.max(0, Math.round(level)));
          ratings.push({ rater: name, unit: `cand-${c}:q${q}`, criterion: `c${k}`, level });
        }
      }
    }
  }
  return { ratings, planted };
}

function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    for (let k = i; k <= j; k++) out[idx[k]![1]] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

const spearman = (xs: readonly number[], ys: readonly number[]) => pearson(ranks(xs), ranks(ys));

/** Every number anywhere in the fit is finite or null: no NaN, no Infinity. */
function expectNoNaN(fit: SeverityFit) {
  const walk = (v: unknown) => {
    if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(fit);
}

const byRater = (fit: SeverityFit) => new Map(fit.raters.map((r) => [r.rater, r]));

describe("estimateRaterSeverity — worked example and sign convention", () => {
  it("puts a rater who scores every shared answer one level higher at +0.5 and their peer at −0.5 (positive = lenient)", () => {
    const ratings: SeverityRating[] = [];
    for (let u = 0; u < 12; u++) {
      const truth = u % 5;
      ratings.push({ rater: "lenient", unit: `u${u}`, criterion: "c", level: truth + 1 });
      ratings.push({ rater: "harsh", unit: `u${u}`, criterion: "c", level: truth });
    }
    const fit = estimateRaterSeverity(ratings);
    const r = byRater(fit);
    expect(r.get("lenient")!.raw).toBeCloseTo(0.5, 12);
    expect(r.get("harsh")!.raw).toBeCloseTo(-0.5, 12);
    // Noise-free: σ² = 0, so nothing is shrunk and the interval is the point.
    expect(fit.sigma2).toBeCloseTo(0, 12);
    expect(fit.tau2).toBeCloseTo(0.5, 12); // (0.25 + 0.25 − 0) / (R − 1)
    expect(r.get("lenient")!.severity).toBeCloseTo(0.5, 12);
    expect(r.get("lenient")!.flagged).toBe(true);
    expect(r.get("harsh")!.flagged).toBe(true);
    expect(fit.units).toBe(12);
    expect(fit.ratings).toBe(24);
  });

  it("treats the same unit on different criteria as different answers", () => {
    const ratings: SeverityRating[] = [];
    for (let u = 0; u < 6; u++) {
      for (const criterion of ["depth", "clarity"]) {
        const truth = criterion === "depth" ? 1 : 3;
        ratings.push({ rater: "a", unit: `iq${u}`, criterion, level: truth + 0.25 });
        ratings.push({ rater: "b", unit: `iq${u}`, criterion, level: truth - 0.25 });
      }
    }
    const fit = estimateRaterSeverity(ratings);
    expect(fit.units).toBe(12);
    expect(fit.sigma2).toBeCloseTo(0, 12);
    expect(byRater(fit).get("a")!.raw).toBeCloseTo(0.25, 12);
  });
});

describe("estimateRaterSeverity — recovery on simulated panels", () => {
  it("ranks planted severities with Spearman ≥ 0.9 on rounded, clamped 0–4 levels", () => {
    for (const seed of [1, 2, 3]) {
      const { ratings, planted } = simulate(seed, { clamp: true });
      const fit = estimateRaterSeverity(ratings);
      const names = [...planted.keys()];
      const est = names.map((n) => byRater(fit).get(n)!.severity!);
      expect(est.every((x) => Number.isFinite(x))).toBe(true);
      expect(spearman(est, names.map((n) => planted.get(n)!))).toBeGreaterThanOrEqual(0.9);
    }
  });

  // Coverage is a property of the model, so it is checked where the model is true: real-valued
  // levels, neither rounded nor clamped (rounding adds non-normal noise and clamping compresses
  // the extremes, which bias the most lenient and harshest raters toward the middle).
  it("95% intervals cover the planted (weighted-centred) severities at about the nominal rate over 40 simulations", () => {
    let covered = 0;
    let total = 0;
    for (let sim = 0; sim < 40; sim++) {
      const { ratings, planted } = simulate(1000 + sim, { clamp: false });
      const fit = estimateRaterSeverity(ratings);
      // The estimand is centred to the n-weighted mean, so the truth is too.
      let W = 0;
      let wm = 0;
      for (const r of fit.raters) {
        W += r.n;
        wm += r.n * planted.get(r.rater)!;
      }
      wm /= W;
      for (const r of fit.raters) {
        const truth = planted.get(r.rater)! - wm;
        total++;
        if (r.low! <= truth && truth <= r.high!) covered++;
      }
    }
    const coverage = covered / total;
    expect(total).toBe(400);
    expect(coverage).toBeGreaterThanOrEqual(0.85);
    expect(coverage).toBeLessThanOrEqual(0.99);
  });

  it("fits 400k ratings from 50 raters in well under a second", () => {
    const { ratings } = simulate(7, { raters: 50, candidates: 15_000, clamp: true });
    expect(ratings.length).toBeGreaterThan(400_000);
    estimateRaterSeverity(ratings.slice(0, 20_000)); // warm the JIT
    const t0 = performance.now();
    const fit = estimateRaterSeverity(ratings);
    const ms = performance.now() - t0;
    console.log(`severity fit: ${ratings.length} ratings, 50 raters, ${fit.units} units in ${ms.toFixed(0)} ms`);
    expect(fit.raters.every((r) => r.severity !== null)).toBe(true);
    expect(ms).toBeLessThan(1000);
  });
});

/** Random small panels with real-valued levels: each unit gets 1–4 of up to 6 raters. */
const panelData = fc
  .record({
    raters: fc.integer({ min: 2, max: 6 }),
    units: fc.array(
      fc.record({
        raterMask: fc.integer({ min: 1, max: 63 }),
        levels: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 6, maxLength: 6 }),
      }),
      { minLength: 3, maxLength: 40 },
    ),
  })
  .map(({ raters, units }) => {
    const ratings: SeverityRating[] = [];
    units.forEach((u, i) => {
      for (let r = 0; r < raters; r++) {
        if (u.raterMask & (1 << r)) ratings.push({ rater: `r${r}`, unit: `u${i}`, criterion: "c", level: u.levels[r]! });
      }
    });
    return ratings;
  });

describe("estimateRaterSeverity — properties (fast-check)", () => {
  // What the centring leaves invariant: the model identifies only differences between raters,
  // so adding c to one rater's levels moves every contrast raw_k − raw_j (j ≠ k) by exactly c and
  // leaves the contrasts among the others unchanged. Each raw effect on its own moves by
  // c·(1 − n_k/Σn) for k and −c·n_k/Σn for the others, because the zero is the n-weighted mean;
  // k's distance from the others' n-weighted mean moves by exactly c. Residuals, hence σ², are
  // unchanged.
  it("adding c to every level of one rater shifts its raw estimate relative to the others by exactly c", () => {
    fc.assert(
      fc.property(panelData, fc.nat(5), fc.double({ min: -3, max: 3, noNaN: true }), (ratings, pick, c) => {
        const before = estimateRaterSeverity(ratings, { minRatings: 1 });
        const reported = before.raters.filter((r) => r.raw !== null);
        fc.pre(reported.length >= 2);
        const target = reported[pick % reported.length]!.rater;
        const after = estimateRaterSeverity(
          ratings.map((r) => (r.rater === target ? { ...r, level: r.level + c } : r)),
          { minRatings: 1 },
        );
        const b = byRater(before);
        const a = byRater(after);
        const others = reported.filter((r) => r.rater !== target);
        for (const o of others) {
          const shift = a.get(target)!.raw! - a.get(o.rater)!.raw! - (b.get(target)!.raw! - b.get(o.rater)!.raw!);
          expect(Math.abs(shift - c)).toBeLessThan(1e-9);
          for (const o2 of others) {
            const d = a.get(o.rater)!.raw! - a.get(o2.rater)!.raw! - (b.get(o.rater)!.raw! - b.get(o2.rater)!.raw!);
            expect(Math.abs(d)).toBeLessThan(1e-9);
          }
        }
        const othersMean = (fit: Map<string, { raw: number | null; n: number }>) => {
          let W = 0;
          let s = 0;
          for (const o of others) {
            W += o.n;
            s += o.n * fit.get(o.rater)!.raw!;
          }
          return s / W;
        };
        const rel = a.get(target)!.raw! - othersMean(a) - (b.get(target)!.raw! - othersMean(b));
        expect(Math.abs(rel - c)).toBeLessThan(1e-9);
        expect(Math.abs(after.sigma2! - before.sigma2!)).toBeLessThan(1e-9 * Math.max(1, before.sigma2!));
      }),
      { numRuns: 200 },
    );
  });

  it("relabelling raters and units and reordering the ratings changes no estimate", () => {
    fc.assert(
      fc.property(panelData, fc.integer(), (ratings, seed) => {
        const rng = createRng(seed);
        const raterNames = new Map<string, string>();
        const unitNames = new Map<string, string>();
        const rename = (m: Map<string, string>, k: string) => {
          if (!m.has(k)) m.set(k, `${rng.int(1_000_000)}-${m.size}`);
          return m.get(k)!;
        };
        const relabelled = ratings.map((r) => ({ ...r, rater: rename(raterNames, r.rater), unit: rename(unitNames, r.unit) }));
        for (let i = relabelled.length - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [relabelled[i], relabelled[j]] = [relabelled[j]!, relabelled[i]!];
        }
        const before = estimateRaterSeverity(ratings, { minRatings: 1 });
        const after = byRater(estimateRaterSeverity(relabelled, { minRatings: 1 }));
        for (const r of before.raters) {
          const s = after.get(raterNames.get(r.rater)!)!;
          expect(s.n).toBe(r.n);
          expect(s.reason).toBe(r.reason);
          expect(s.flagged).toBe(r.flagged);
          for (const key of ["raw", "severity", "low", "high", "standardError"] as const) {
            if (r[key] === null) expect(s[key]).toBeNull();
            else expect(Math.abs(s[key]! - r[key])).toBeLessThan(1e-9);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a rater who never shares an answer with another gets 'not enough data' and changes nobody else's estimate", () => {
    fc.assert(
      fc.property(panelData, fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 30 }), (ratings, solo) => {
        const withSolo = [...ratings, ...solo.map((level, i) => ({ rater: "solo", unit: `solo-${i}`, criterion: "c", level }))];
        const fit = estimateRaterSeverity(withSolo, { minRatings: 1 });
        const s = byRater(fit).get("solo")!;
        expect(s).toMatchObject({ n: 0, raw: null, severity: null, low: null, high: null, flagged: false, reason: "not enough data" });
        const without = byRater(estimateRaterSeverity(ratings, { minRatings: 1 }));
        for (const r of fit.raters) if (r.rater !== "solo") expect(r).toEqual(without.get(r.rater));
        expectNoNaN(fit);
      }),
      { numRuns: 100 },
    );
  });

  it("never produces NaN or Infinity on arbitrary small panels", () => {
    fc.assert(
      fc.property(panelData, fc.integer({ min: 0, max: 12 }), (ratings, minRatings) => {
        expectNoNaN(estimateRaterSeverity(ratings, { minRatings }));
      }),
      { numRuns: 300 },
    );
  });
});

describe("estimateRaterSeverity — minimums and edge cases", () => {
  it("returns an empty, unfitted result for no data", () => {
    const fit = estimateRaterSeverity([]);
    expect(fit).toEqual({ raters: [], sigma2: null, tau2: null, units: 0, ratings: 0, interval: "posterior normal approximation" });
  });

  it("reports 'not enough data' for a single rater, however many ratings", () => {
    const ratings = Array.from({ length: 50 }, (_, i) => ({ rater: "only", unit: `u${i % 10}`, criterion: "c", level: i % 5 }));
    const fit = estimateRaterSeverity(ratings);
    expect(fit.raters).toEqual([
      { rater: "only", n: 0, raw: null, standardError: null, severity: null, low: null, high: null, flagged: false, reason: "not enough data" },
    ]);
    expect(fit.sigma2).toBeNull();
    expectNoNaN(fit);
  });

  it("gives severity 0 with a zero-width interval, unflagged, when every level is the same", () => {
    const ratings: SeverityRating[] = [];
    for (let u = 0; u < 20; u++) for (const rater of ["a", "b", "c"]) ratings.push({ rater, unit: `u${u}`, criterion: "c", level: 3 });
    const fit = estimateRaterSeverity(ratings);
    expectNoNaN(fit);
    expect(fit.sigma2).toBe(0);
    expect(fit.tau2).toBe(0);
    for (const r of fit.raters) {
      expect(r.raw).toBeCloseTo(0, 12);
      expect(r.severity).toBeCloseTo(0, 12);
      expect(r.flagged).toBe(false);
      expect(r.reason).toBeNull();
    }
  });

  it("withholds a rater below the minimum of informative ratings but still uses their ratings", () => {
    const { ratings } = simulate(11, { raters: 4, candidates: 60, clamp: false });
    const extra: SeverityRating[] = [];
    for (let u = 0; u < 3; u++) extra.push({ rater: "newcomer", unit: `cand-${u}:q0`, criterion: "c0", level: 2 });
    const fit = estimateRaterSeverity([...ratings, ...extra]);
    const n = byRater(fit).get("newcomer")!;
    expect(n.n).toBe(3);
    expect(n.reason).toBe("not enough data");
    expect(n.severity).toBeNull();
    expect(fit.raters.filter((r) => r.severity !== null)).toHaveLength(4);
  });

  it("marks raters who never meet the main group 'not connected' instead of comparing them on no common zero", () => {
    const ratings: SeverityRating[] = [];
    for (let u = 0; u < 30; u++) for (const rater of ["a", "b", "c"]) ratings.push({ rater, unit: `main-${u}`, criterion: "c", level: (u % 5) + (rater === "a" ? 0.5 : 0) + ((u * 7 + rater.charCodeAt(0)) % 3) * 0.1 });
    for (let u = 0; u < 12; u++) for (const rater of ["x", "y"]) ratings.push({ rater, unit: `side-${u}`, criterion: "c", level: u % 5 });
    const fit = byRater(estimateRaterSeverity(ratings));
    expect(fit.get("x")!.reason).toBe("not connected");
    expect(fit.get("y")!.reason).toBe("not connected");
    expect(fit.get("a")!.reason).toBeNull();
    expect(fit.get("a")!.raw!).toBeGreaterThan(0);
  });

  it("ignores non-finite levels", () => {
    const ratings: SeverityRating[] = [];
    for (let u = 0; u < 12; u++) {
      ratings.push({ rater: "a", unit: `u${u}`, criterion: "c", level: (u % 4) + 1 });
      ratings.push({ rater: "b", unit: `u${u}`, criterion: "c", level: u % 4 });
    }
    const clean = estimateRaterSeverity(ratings);
    const dirty = estimateRaterSeverity([...ratings, { rater: "a", unit: "u0", criterion: "c", level: Number.NaN }, { rater: "b", unit: "u1", criterion: "c", level: Infinity }]);
    expect(dirty).toEqual(clean);
  });
});
