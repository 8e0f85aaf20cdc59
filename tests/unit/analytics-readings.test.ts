// The plain-language readings (lib/analytics/stats/reliability-readings.ts): each band at and
// around its documented cut, and "not enough data" for what the statistics could not give.
import { describe, expect, it } from "vitest";
import { readAlpha, readIcc, readKappa } from "@/lib/analytics/stats/reliability-readings";

describe("readAlpha (Krippendorff 2004: rely on ≥ .800, tentative from .667)", () => {
  it.each([
    [1, "good", "panelists agree well"],
    [0.8, "good", "panelists agree well"],
    [0.7999, "tentative", "tentative agreement"],
    [0.667, "tentative", "tentative agreement"],
    [0.6669, "poor", "panelists agree poorly"],
    [0, "poor", "panelists agree poorly"],
    [-0.5, "poor", "panelists agree poorly"],
  ] as const)("α = %s reads %s", (alpha, band, text) => {
    expect(readAlpha(alpha)).toEqual({ band, text });
  });
});

describe("readIcc (Koo & Li 2016: < .5 poor, .5–.75 moderate, .75–.9 good, > .9 excellent)", () => {
  it.each([
    [0.95, "excellent"],
    [0.9001, "excellent"],
    [0.9, "good"],
    [0.75, "good"],
    [0.7499, "moderate"],
    [0.5, "moderate"],
    [0.4999, "poor"],
    [-0.2, "poor"],
  ] as const)("ICC = %s reads %s", (value, band) => {
    expect(readIcc(value)).toEqual({ band, text: `${band} reliability` });
  });
});

describe("readKappa (Landis & Koch 1977)", () => {
  it.each([
    [1, "almost-perfect", "almost perfect agreement"],
    [0.81, "almost-perfect", "almost perfect agreement"],
    [0.8, "substantial", "substantial agreement"],
    [0.61, "substantial", "substantial agreement"],
    [0.6, "moderate", "moderate agreement"],
    [0.41, "moderate", "moderate agreement"],
    [0.4, "fair", "fair agreement"],
    [0.21, "fair", "fair agreement"],
    [0.2, "slight", "slight agreement"],
    [0, "slight", "slight agreement"],
    [-0.01, "poor", "poor agreement"],
  ] as const)("κ = %s reads %s", (kappa, band, text) => {
    expect(readKappa(kappa)).toEqual({ band, text });
  });
});

describe("not enough data", () => {
  it("reads null, and defensively NaN or an infinity, as not enough data", () => {
    for (const value of [null, Number.NaN, Number.POSITIVE_INFINITY]) {
      for (const read of [readAlpha, readIcc, readKappa]) expect(read(value)).toEqual({ band: "not-enough-data", text: "not enough data" });
    }
  });
});
