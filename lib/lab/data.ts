/**
 * Deterministic synthetic data for the labs. Same seed, same bytes: the labs' outputs are
 * reproducible because their inputs are.
 */
import { createRng, deriveSeed, type Rng } from "./prng";

// ── 1. Network traffic with rare attacks ─────────────────────────────────────────────

export const ATTACK_FEATURES = [
  "log_bytes_out",
  "log_bytes_in",
  "duration_z",
  "failed_logins",
  "distinct_ports",
  "port_entropy",
  "night_hour",
  "geo_novelty",
  "payload_entropy",
  "retransmits",
] as const;
export const ATTACK_FEATURE_COUNT = ATTACK_FEATURES.length;

/** Attacks shift some features and couple two of them; normal traffic is correlated noise. */
const ATTACK_SHIFT = [0.9, -0.3, 0.4, 1.1, 0.8, 0.0, 0.5, 0.9, 0.2, 0.3];

export interface AttackData {
  rows: number;
  /** Row-major [rows × ATTACK_FEATURE_COUNT]. */
  features: Float32Array;
  labels: Uint8Array;
}

export function generateAttackData(opts: { rows: number; prevalence: number; seed: number }): AttackData {
  const rng = createRng(deriveSeed(opts.seed, "attack"));
  const d = ATTACK_FEATURE_COUNT;
  const features = new Float32Array(opts.rows * d);
  const labels = new Uint8Array(opts.rows);
  for (let r = 0; r < opts.rows; r++) {
    const attack = rng.next() < opts.prevalence;
    labels[r] = attack ? 1 : 0;
    const base = rng.normal();
    const o = r * d;
    for (let j = 0; j < d; j++) {
      // A shared component correlates normal traffic's features.
      features[o + j] = 0.6 * rng.normal() + 0.4 * base;
    }
    if (attack) {
      for (let j = 0; j < d; j++) features[o + j] = features[o + j]! * 1.2 + ATTACK_SHIFT[j]!;
      // Port scans: many distinct ports *and* high entropy together (an interaction).
      const scan = rng.next() < 0.5 ? 1 : 0;
      features[o + 4] = features[o + 4]! + scan * 1.0;
      features[o + 5] = features[o + 5]! + scan * 1.0;
    }
  }
  return { rows: opts.rows, features, labels };
}

// ── 2. Batch normalization: a two-class problem with badly scaled features ───────────

export const BN_INPUT_DIM = 16;
/** Raw feature scales span two orders of magnitude, as unnormalized inputs often do. */
const BN_SCALES = Array.from({ length: BN_INPUT_DIM }, (_, j) => 10 ** (-1 + (2 * j) / (BN_INPUT_DIM - 1)));

export interface ClassificationData {
  rows: number;
  dim: number;
  features: Float32Array;
  /** One-hot [rows × 2]. */
  oneHot: Float32Array;
  labels: Uint8Array;
}

/** Two interleaved moons in 2-D, lifted to 16-D by a fixed random map, then rescaled. */
export function generateMoons(opts: { rows: number; seed: number; noise?: number }): ClassificationData {
  const mapRng = createRng(deriveSeed(0, "moons-map")); // the map is fixed across seeds
  const map: number[] = [];
  for (let i = 0; i < 2 * BN_INPUT_DIM; i++) map.push(mapRng.normal());
  const rng = createRng(deriveSeed(opts.seed, "moons"));
  const noise = opts.noise ?? 0.15;
  const features = new Float32Array(opts.rows * BN_INPUT_DIM);
  const oneHot = new Float32Array(opts.rows * 2);
  const labels = new Uint8Array(opts.rows);
  for (let r = 0; r < opts.rows; r++) {
    const cls = rng.next() < 0.5 ? 0 : 1;
    const t = Math.PI * rng.next();
    const x = (cls === 0 ? Math.cos(t) : 1 - Math.cos(t)) + noise * rng.normal();
    const y = (cls === 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * rng.normal();
    for (let j = 0; j < BN_INPUT_DIM; j++) {
      const v = map[2 * j]! * x + map[2 * j + 1]! * y + 0.1 * rng.normal();
      features[r * BN_INPUT_DIM + j] = v * BN_SCALES[j]!;
    }
    labels[r] = cls;
    oneHot[r * 2 + cls] = 1;
  }
  return { rows: opts.rows, dim: BN_INPUT_DIM, features, oneHot, labels };
}

// ── 3. Bias and variance: a smooth curve plus noise ──────────────────────────────────

export const biasVarianceTruth = (x: number): number => Math.sin(2.2 * x) + 0.4 * Math.cos(5 * x);

export function generateNoisyCurve(opts: { rows: number; noise: number; seed: number; label: string }): { x: Float64Array; y: Float64Array } {
  const rng = createRng(deriveSeed(opts.seed, `curve-${opts.label}`));
  const x = new Float64Array(opts.rows);
  const y = new Float64Array(opts.rows);
  for (let i = 0; i < opts.rows; i++) {
    x[i] = 2 * rng.next() - 1;
    y[i] = biasVarianceTruth(x[i]!) + opts.noise * rng.normal();
  }
  return { x, y };
}

// ── 4. Face embeddings: identities, several photos each, on the unit sphere ──────────

export const FACE_DIM = 128;
/** Photos per identity in the gallery; a query is a new photo of a gallery identity. */
export const PHOTOS_PER_IDENTITY = 5;
/**
 * Real face embeddings vary along far fewer directions than they have coordinates (pose,
 * light, age, identity traits). Identities and photos are drawn in a 24-dimensional latent
 * space mapped into 128-D, plus a little full-dimensional noise: neighbourhoods then mean
 * something, as they do for real embeddings, and ANN indexes behave as they do in practice.
 */
const LATENT_DIM = 24;
const PHOTO_SPREAD = 0.35;
const AMBIENT_NOISE = 0.04;

export interface FaceGallery {
  vectors: number;
  /** Row-major [vectors × FACE_DIM], unit length, so inner product ranks like cosine. */
  embeddings: Float32Array;
  queries: Float32Array;
  queryCount: number;
}

/**
 * Names what generateFaceGallery produces for a given (vectors, seed): cached HNSW graphs are
 * keyed by it (hnsw-cache.ts). Change it whenever the generator's output changes.
 */
export const FACE_GALLERY_GENERATOR = "face-gallery-1";

export function generateFaceGallery(opts: { vectors: number; queries: number; seed: number }): FaceGallery {
  const basisRng = createRng(deriveSeed(opts.seed, "face-basis"));
  const basis = new Float32Array(FACE_DIM * LATENT_DIM);
  for (let i = 0; i < basis.length; i++) basis[i] = basisRng.normal() / Math.sqrt(LATENT_DIM);
  const identities = Math.ceil(opts.vectors / PHOTOS_PER_IDENTITY);
  const idRng = createRng(deriveSeed(opts.seed, "face-identities"));
  const latents = new Float32Array(identities * LATENT_DIM);
  for (let i = 0; i < latents.length; i++) latents[i] = idRng.normal();

  const z = new Float32Array(LATENT_DIM);
  const photo = (out: Float32Array, offset: number, identity: number, rng: Rng): void => {
    for (let l = 0; l < LATENT_DIM; l++) z[l] = latents[identity * LATENT_DIM + l]! + PHOTO_SPREAD * rng.normal();
    let norm = 0;
    for (let j = 0; j < FACE_DIM; j++) {
      let v = AMBIENT_NOISE * rng.normal();
      const o = j * LATENT_DIM;
      for (let l = 0; l < LATENT_DIM; l++) v += basis[o + l]! * z[l]!;
      out[offset + j] = v;
      norm += v * v;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < FACE_DIM; j++) out[offset + j] = out[offset + j]! * inv;
  };

  const photoRng = createRng(deriveSeed(opts.seed, "face-photos"));
  const embeddings = new Float32Array(opts.vectors * FACE_DIM);
  for (let row = 0; row < opts.vectors; row++) photo(embeddings, row * FACE_DIM, Math.floor(row / PHOTOS_PER_IDENTITY), photoRng);

  const queryRng = createRng(deriveSeed(opts.seed, "face-queries"));
  const queries = new Float32Array(opts.queries * FACE_DIM);
  for (let q = 0; q < opts.queries; q++) photo(queries, q * FACE_DIM, queryRng.int(identities), queryRng);
  return { vectors: opts.vectors, embeddings, queries, queryCount: opts.queries };
}
