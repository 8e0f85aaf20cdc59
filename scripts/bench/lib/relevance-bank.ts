// The bank the relevance test set (tests/search/relevance.json) runs against: the demo seed's
// 12 questions plus generated distractors on other subjects (question-corpus.ts without the
// topics the seeded questions are about, so every expected answer is unambiguous). Used by
// tests/integration/search-relevance.test.ts and `npm run bench -- search`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "pg";
import type { Db } from "@/lib/db/client";
import type { RelevanceSet } from "@/lib/search/relevance";
import { DEMO_ORGANIZATION } from "@/lib/seed/credentials";
import { insertGeneratedQuestions } from "./question-corpus";

/** Generated topics that are what a seeded question is about (left out of the distractors). */
const SEEDED_SUBJECTS = [
  "gradient descent", "overfitting", "learning rate schedules", "dropout", "batch normalization", "convolutional networks",
  "attention mechanisms", "transformers", "transfer learning", "precision and recall", "ROC curves", "class imbalance",
  "vanishing gradients", "exploding gradients", "Adam optimizer", "L1 and L2 regularization", "receptive fields",
  "weight initialization", "bias-variance tradeoff", "cross-validation",
];

export function loadRelevanceSet(root: string): RelevanceSet {
  return JSON.parse(readFileSync(join(root, "tests", "search", "relevance.json"), "utf8")) as RelevanceSet;
}

/**
 * `seed` loads the demo data into `databaseUrl` (lib/seed/demo.ts runs in the process of its
 * database: the test calls it in-process, the benchmark through scripts/lib/seed-process.ts).
 */
export async function buildRelevanceBank(
  db: Db,
  databaseUrl: string,
  distractors: number,
  seed: () => Promise<unknown>,
): Promise<{ organizationId: string; keyOf: Map<string, string> }> {
  await seed();
  const org = await db.organization.findUniqueOrThrow({ where: { slug: DEMO_ORGANIZATION.slug }, select: { id: true } });
  const owner = await db.membership.findFirstOrThrow({ where: { organizationId: org.id, role: "OWNER" }, select: { userId: true } });
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await insertGeneratedQuestions(client, {
      organizationId: org.id,
      createdById: owner.userId,
      count: distractors,
      idPrefix: "relevance",
      topics: (name) => !SEEDED_SUBJECTS.includes(name),
    });
  } finally {
    await client.end();
  }
  const seeded = await db.question.findMany({ where: { organizationId: org.id, externalKey: { not: null } }, select: { id: true, externalKey: true } });
  return { organizationId: org.id, keyOf: new Map(seeded.map((q) => [q.id, q.externalKey!])) };
}
