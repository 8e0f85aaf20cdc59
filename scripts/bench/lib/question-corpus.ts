// Generated question bank for the search benchmark: realistic interview questions built from
// a topic vocabulary with a Zipf-like popularity (a few topics in thousands of questions, most
// in a few dozen), so queries range from very broad ("model training") to selective
// ("kubernetes autoscaling"). Deterministic: the same seed gives the same bank.
import type { Client } from "pg";
import { prng } from "./stats";

interface Topic {
  name: string;
  tags: string[];
}

// Ordered roughly by how often interview banks ask about them; popularity falls with rank.
const ALL_TOPICS: Topic[] = [
  { name: "model training", tags: ["ml"] },
  { name: "gradient descent", tags: ["optimization", "ml"] },
  { name: "overfitting", tags: ["ml", "regularization"] },
  { name: "neural networks", tags: ["deep-learning"] },
  { name: "data pipelines", tags: ["data-engineering"] },
  { name: "system design", tags: ["architecture"] },
  { name: "backpropagation", tags: ["deep-learning"] },
  { name: "learning rate schedules", tags: ["optimization", "deep-learning"] },
  { name: "dropout", tags: ["regularization", "deep-learning"] },
  { name: "batch normalization", tags: ["deep-learning"] },
  { name: "convolutional networks", tags: ["cnn", "deep-learning"] },
  { name: "attention mechanisms", tags: ["transformers", "nlp"] },
  { name: "transformers", tags: ["transformers", "nlp"] },
  { name: "transfer learning", tags: ["deep-learning"] },
  { name: "feature engineering", tags: ["ml", "data"] },
  { name: "cross-validation", tags: ["evaluation", "ml"] },
  { name: "precision and recall", tags: ["evaluation", "metrics"] },
  { name: "ROC curves", tags: ["evaluation", "metrics"] },
  { name: "class imbalance", tags: ["evaluation", "ml"] },
  { name: "SQL query optimization", tags: ["sql", "databases"] },
  { name: "database indexing", tags: ["databases"] },
  { name: "caching strategies", tags: ["architecture", "performance"] },
  { name: "REST API design", tags: ["api", "backend"] },
  { name: "concurrency control", tags: ["backend", "databases"] },
  { name: "vanishing gradients", tags: ["deep-learning", "optimization"] },
  { name: "exploding gradients", tags: ["deep-learning", "optimization"] },
  { name: "Adam optimizer", tags: ["optimization"] },
  { name: "L1 and L2 regularization", tags: ["regularization"] },
  { name: "recurrent networks", tags: ["rnn", "deep-learning"] },
  { name: "LSTM cells", tags: ["rnn", "deep-learning"] },
  { name: "word embeddings", tags: ["nlp"] },
  { name: "tokenization", tags: ["nlp"] },
  { name: "receptive fields", tags: ["cnn"] },
  { name: "pooling layers", tags: ["cnn"] },
  { name: "residual connections", tags: ["deep-learning", "cnn"] },
  { name: "weight initialization", tags: ["deep-learning"] },
  { name: "hyperparameter tuning", tags: ["ml"] },
  { name: "bias-variance tradeoff", tags: ["ml", "evaluation"] },
  { name: "decision trees", tags: ["ml", "trees"] },
  { name: "gradient boosting", tags: ["ml", "trees"] },
  { name: "random forests", tags: ["ml", "trees"] },
  { name: "k-means clustering", tags: ["unsupervised"] },
  { name: "principal component analysis", tags: ["unsupervised", "linear-algebra"] },
  { name: "dimensionality reduction", tags: ["unsupervised"] },
  { name: "anomaly detection", tags: ["unsupervised", "ml"] },
  { name: "recommendation systems", tags: ["recsys", "ml"] },
  { name: "collaborative filtering", tags: ["recsys"] },
  { name: "A/B testing", tags: ["statistics", "experimentation"] },
  { name: "hypothesis testing", tags: ["statistics"] },
  { name: "Bayesian inference", tags: ["statistics"] },
  { name: "Markov chains", tags: ["statistics"] },
  { name: "reinforcement learning", tags: ["rl"] },
  { name: "policy gradients", tags: ["rl"] },
  { name: "Q-learning", tags: ["rl"] },
  { name: "generative adversarial networks", tags: ["generative", "deep-learning"] },
  { name: "variational autoencoders", tags: ["generative", "deep-learning"] },
  { name: "diffusion models", tags: ["generative"] },
  { name: "knowledge distillation", tags: ["deep-learning", "compression"] },
  { name: "model quantization", tags: ["compression", "inference"] },
  { name: "pruning", tags: ["compression"] },
  { name: "distributed training", tags: ["infrastructure", "deep-learning"] },
  { name: "mixed precision", tags: ["infrastructure", "performance"] },
  { name: "GPU memory", tags: ["infrastructure", "performance"] },
  { name: "model serving", tags: ["mlops", "inference"] },
  { name: "feature stores", tags: ["mlops", "data"] },
  { name: "data drift", tags: ["mlops", "monitoring"] },
  { name: "model monitoring", tags: ["mlops", "monitoring"] },
  { name: "experiment tracking", tags: ["mlops"] },
  { name: "message queues", tags: ["backend", "architecture"] },
  { name: "event sourcing", tags: ["architecture"] },
  { name: "sharding", tags: ["databases", "architecture"] },
  { name: "replication lag", tags: ["databases"] },
  { name: "consistent hashing", tags: ["architecture"] },
  { name: "rate limiting", tags: ["backend", "security"] },
  { name: "authentication tokens", tags: ["security"] },
  { name: "SQL injection", tags: ["security", "sql"] },
  { name: "cross-site scripting", tags: ["security", "web"] },
  { name: "kubernetes autoscaling", tags: ["infrastructure", "kubernetes"] },
  { name: "docker images", tags: ["infrastructure", "docker"] },
  { name: "CI pipelines", tags: ["devops"] },
  { name: "observability", tags: ["devops", "monitoring"] },
  { name: "memory leaks", tags: ["debugging", "performance"] },
  { name: "garbage collection", tags: ["performance", "runtime"] },
  { name: "binary search trees", tags: ["algorithms", "data-structures"] },
  { name: "hash tables", tags: ["data-structures"] },
  { name: "dynamic programming", tags: ["algorithms"] },
  { name: "graph traversal", tags: ["algorithms", "graphs"] },
  { name: "shortest paths", tags: ["algorithms", "graphs"] },
  { name: "heaps and priority queues", tags: ["data-structures"] },
  { name: "string matching", tags: ["algorithms"] },
  { name: "bloom filters", tags: ["data-structures", "probabilistic"] },
  { name: "HyperLogLog", tags: ["probabilistic"] },
  { name: "beam search", tags: ["nlp", "decoding"] },
  { name: "positional encodings", tags: ["transformers"] },
  { name: "layer normalization", tags: ["transformers", "deep-learning"] },
  { name: "contrastive learning", tags: ["self-supervised"] },
  { name: "graph neural networks", tags: ["gnn", "deep-learning"] },
  { name: "federated learning", tags: ["privacy", "ml"] },
  { name: "differential privacy", tags: ["privacy"] },
  { name: "causal inference", tags: ["statistics", "causality"] },
  { name: "time series forecasting", tags: ["time-series"] },
  { name: "seasonality decomposition", tags: ["time-series"] },
  { name: "speech recognition", tags: ["audio"] },
  { name: "object detection", tags: ["vision", "cnn"] },
  { name: "image segmentation", tags: ["vision"] },
  { name: "optical flow", tags: ["vision"] },
  { name: "label smoothing", tags: ["regularization"] },
  { name: "early stopping", tags: ["regularization"] },
  { name: "curriculum learning", tags: ["training"] },
  { name: "active learning", tags: ["data", "labeling"] },
  { name: "weak supervision", tags: ["labeling"] },
  { name: "calibration", tags: ["evaluation"] },
  { name: "Kalman filters", tags: ["robotics", "statistics"] },
  { name: "SLAM", tags: ["robotics"] },
  { name: "inverse kinematics", tags: ["robotics"] },
];

const TITLE_TEMPLATES = [
  "Explain {t}",
  "How does {t} work?",
  "When would you use {t}?",
  "Debugging {t} in production",
  "{T} versus {u}",
  "Trade-offs of {t}",
  "Design a system around {t}",
  "Walk through {t} step by step",
  "Common pitfalls with {t}",
  "{T} for a {scenario}",
];

const SCENARIOS = [
  "fraud detection service",
  "search ranking team",
  "robot arm controller",
  "medical imaging startup",
  "ad click prediction pipeline",
  "chat assistant",
  "warehouse forecasting system",
  "mobile keyboard",
  "payments platform",
  "video streaming service",
  "self-driving perception stack",
  "customer support inbox",
];

const PROMPT_SENTENCES = [
  "The candidate should explain {t} in their own words and relate it to {u}.",
  "Ask how {t} changes model training when the data set grows tenfold.",
  "Use the example of a {scenario} where {t} caused a regression after deployment.",
  "A strong answer connects {t} with {u} and names a concrete failure mode.",
  "Discuss what happens to validation loss when {t} is misconfigured.",
  "Have them sketch the data flow and point out where {t} matters most.",
  "Probe whether they have applied {t} on a real project, and what they measured.",
  "Compare {t} with {u} for a team with limited GPU budget.",
  "Give a small numeric example and ask them to reason about {t} on the whiteboard.",
  "Mention that the {scenario} has strict latency requirements and see how {t} fits.",
  "They should be able to say when {t} is the wrong tool.",
  "Ask which metrics would show that {t} is working, and which would mislead.",
];

const CRITERIA = [
  { title: "Correctness", description: "States {t} accurately, without confusing it with {u}." },
  { title: "Depth", description: "Goes beyond definitions: mechanisms, assumptions and limits of {t}." },
  { title: "Trade-offs", description: "Weighs {t} against alternatives such as {u}, with costs." },
  { title: "Practical experience", description: "Describes applying {t} to a real system and the outcome." },
  { title: "Communication", description: "Explains {t} clearly, checks understanding, uses examples." },
  { title: "Debugging approach", description: "Has a systematic way to find problems related to {t}." },
];

const LEVELS = [
  "No working understanding of {t}.",
  "Names {t} but cannot explain the mechanism.",
  "Explains {t} correctly for the common case.",
  "Explains {t} with its trade-offs and typical failure modes.",
  "Expert command of {t}, including edge cases and when not to use it.",
];

const FOLLOW_UPS = [
  "What would you monitor after shipping {t}?",
  "How does {t} interact with {u}?",
  "What changes at ten times the traffic?",
  "How would you explain {t} to a product manager?",
  "Which experiment would convince you that {t} helps?",
];

const RED_FLAGS = [
  "Claims {t} always improves results.",
  "Cannot give a single concrete example of {t}.",
  "Confuses {t} with {u}.",
  "Ignores evaluation entirely.",
];

const DIFFICULTIES = ["EASY", "MEDIUM", "HARD"] as const;

export interface GenerateOptions {
  organizationId: string;
  createdById: string;
  count: number;
  seed?: number;
  /** Rows per INSERT statement. */
  batchSize?: number;
  /** Starts every generated id ("bench" by default), so two suites can fill one database. */
  idPrefix?: string;
  /** Only topics this accepts (e.g. distractors that leave some subjects to a test's own questions). */
  topics?: (name: string) => boolean;
  log?: (s: string) => void;
}

const fill = (tpl: string, t: string, u: string, scenario: string) =>
  tpl
    .replaceAll("{T}", t.charAt(0).toUpperCase() + t.slice(1))
    .replaceAll("{t}", t)
    .replaceAll("{u}", u)
    .replaceAll("{scenario}", scenario);

/**
 * Inserts `count` ACTIVE questions with one version each (3 criteria with 5 anchored levels,
 * follow-ups, red flags) into the organization, in batched multi-row INSERTs from unnest()
 * arrays. The search document follows from the inserts (database triggers, one refresh per
 * batch statement).
 * Returns the question ids.
 */
export async function insertGeneratedQuestions(client: Client, opts: GenerateOptions): Promise<string[]> {
  const rand = prng(opts.seed ?? 20261129);
  const prefix = opts.idPrefix ?? "bench";
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  // Zipf-like topic popularity: weight 1/(rank+1)^0.9, sampled by inverse CDF.
  const TOPICS = opts.topics ? ALL_TOPICS.filter((t) => opts.topics!(t.name)) : ALL_TOPICS;
  if (TOPICS.length < 2) throw new Error("insertGeneratedQuestions: the topic filter leaves fewer than 2 topics");
  const weights = TOPICS.map((_, i) => 1 / Math.pow(i + 1, 0.9));
  const total = weights.reduce((a, b) => a + b, 0);
  const cdf: number[] = [];
  weights.reduce((acc, w) => (cdf.push((acc + w) / total), acc + w), 0);
  const topic = (): Topic => {
    const r = rand();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return TOPICS[lo]!;
  };

  const batchSize = opts.batchSize ?? 2_000;
  const ids: string[] = [];
  const baseTime = Date.UTC(2026, 0, 1);
  for (let start = 0; start < opts.count; start += batchSize) {
    const n = Math.min(batchSize, opts.count - start);
    const q = { id: [] as string[], title: [] as string[], difficulty: [] as string[], tags: [] as string[], minutes: [] as number[], at: [] as string[] };
    const v = { id: [] as string[], qid: [] as string[], prompt: [] as string[], followUps: [] as string[], redFlags: [] as string[], answer: [] as string[] };
    const c = { id: [] as string[], vid: [] as string[], key: [] as string[], pos: [] as number[], title: [] as string[], desc: [] as string[], weight: [] as number[], levels: [] as string[] };
    for (let i = 0; i < n; i++) {
      const index = start + i;
      const id = `${prefix}q${index.toString(36).padStart(6, "0")}`;
      const main = topic();
      let other = topic();
      if (other === main) other = pick(TOPICS);
      const scenario = pick(SCENARIOS);
      const t = main.name;
      const u = other.name;
      const title = fill(pick(TITLE_TEMPLATES), t, u, scenario);
      const sentences = 3 + Math.floor(rand() * 4);
      const prompt = Array.from({ length: sentences }, () => fill(pick(PROMPT_SENTENCES), t, u, scenario)).join(" ");
      const tags = [...new Set([...main.tags, ...(rand() < 0.4 ? other.tags.slice(0, 1) : [])])];
      const at = new Date(baseTime + Math.floor(rand() * 300 * 86_400_000)).toISOString();
      q.id.push(id);
      q.title.push(title);
      q.difficulty.push(pick(DIFFICULTIES));
      q.tags.push(pgArray(tags));
      q.minutes.push(5 + 5 * Math.floor(rand() * 6));
      q.at.push(at);
      const vid = `${prefix}v${index.toString(36).padStart(6, "0")}`;
      v.id.push(vid);
      v.qid.push(id);
      v.prompt.push(`## ${title}\n\n${prompt}`);
      v.followUps.push(pgArray([fill(pick(FOLLOW_UPS), t, u, scenario), fill(pick(FOLLOW_UPS), t, u, scenario)]));
      v.redFlags.push(pgArray([fill(pick(RED_FLAGS), t, u, scenario)]));
      v.answer.push(`A good answer defines ${t}, contrasts it with ${u}, and gives an example from a ${scenario}.`);
      const first = Math.floor(rand() * CRITERIA.length);
      for (let k = 0; k < 3; k++) {
        const crit = CRITERIA[(first + k) % CRITERIA.length]!;
        c.id.push(`${vid}c${k}`);
        c.vid.push(vid);
        c.key.push(crit.title.toLowerCase().replaceAll(" ", "-"));
        c.pos.push(k);
        c.title.push(crit.title);
        c.desc.push(fill(crit.description, t, u, scenario));
        c.weight.push(1 + Math.floor(rand() * 3));
        c.levels.push(JSON.stringify(LEVELS.map((d, level) => ({ level, descriptor: fill(d, t, u, scenario) }))));
      }
    }
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO questions (id, organization_id, status, lock_version, latest_version_no, title, difficulty, tags, minutes,
                              created_by_id, created_at, updated_at)
       SELECT id, $1, 'ACTIVE', 1, 1, title, difficulty::"Difficulty", tags::text[], minutes, $2, at, at
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::timestamptz[]) AS x(id, title, difficulty, tags, minutes, at)`,
      [opts.organizationId, opts.createdById, q.id, q.title, q.difficulty, q.tags, q.minutes, q.at],
    );
    await client.query(
      `INSERT INTO question_versions (id, question_id, organization_id, number, title, prompt, difficulty, tags, minutes,
                                      follow_ups, red_flags, model_answer, scale_min, scale_max, created_by_id, created_at)
       SELECT x.id, x.qid, $1, 1, q.title, x.prompt, q.difficulty, q.tags, q.minutes, x.follow_ups::text[], x.red_flags::text[],
              x.answer, 0, 4, $2, q.created_at
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS x(id, qid, prompt, follow_ups, red_flags, answer)
       JOIN questions q ON q.id = x.qid`,
      [opts.organizationId, opts.createdById, v.id, v.qid, v.prompt, v.followUps, v.redFlags, v.answer],
    );
    await client.query(
      `INSERT INTO rubric_criteria (id, question_version_id, key, position, title, description, weight, levels)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::float8[], $8::jsonb[])`,
      [c.id, c.vid, c.key, c.pos, c.title, c.desc, c.weight, c.levels],
    );
    await client.query("COMMIT");
    ids.push(...q.id);
    if ((start + n) % 10_000 === 0 || start + n === opts.count) opts.log?.(`  inserted ${start + n}/${opts.count} questions`);
  }
  return ids;
}

/** A Postgres array literal for a text[] element of an unnest() input (itself text[]). */
function pgArray(items: string[]): string {
  return `{${items.map((s) => `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}

/** Query strings for the benchmark, as people type them into the bank's search box. */
export const BENCH_QUERIES = {
  /** Match a large share of the bank: ranking work dominates. */
  broad: ["model training", "training", "data", "explain", "gradient", "failure mode", "neural networks", "latency"],
  /** Match a few hundred rows or fewer. */
  selective: ["kubernetes autoscaling", "inverse kinematics", "HyperLogLog", '"bloom filters"', "beam search decoding", "optical flow -segmentation", "SLAM robot", "kalman"],
} as const;
