// The demo's interview kits: the walk-through's onsite kit, and the two the history adds so that
// it asks all twelve bank questions (prisma/seed/question-bank.json). Created through the kit
// service by lib/seed/demo.ts, in this order. The history's names sort after the onsite kit's, so
// "the first kit with two questions" (what e2e/fixtures.ts schedules with) is still the onsite kit.

export const DEMO_KIT = {
  name: "ML Engineer — onsite deep learning",
  role: "ML Engineer",
  description: "Four deep-learning questions for the onsite loop: normalization, generalization, retrieval at scale and evaluation.",
  overallAttributes: ["Communication", "Problem solving"],
  questionKeys: ["dl-batch-norm", "ml-bias-variance", "dl-face-search-10m", "ml-classification-metrics"],
} as const;

export const HISTORY_KITS = [
  {
    name: "ML Engineer — training dynamics",
    role: "ML Engineer",
    description: "Four questions on making deep networks train: gradients, dropout, optimizers and learning-rate schedules.",
    overallAttributes: ["Communication", "Problem solving"],
    questionKeys: ["dl-vanishing-exploding-gradients", "dl-dropout", "dl-optimizers-momentum-adam", "dl-learning-rate-schedules"],
  },
  {
    name: "ML Engineer — transfer, vision and language",
    role: "ML Engineer",
    description: "Four questions on models in practice: transfer learning, receptive fields, attention and regularization.",
    overallAttributes: ["Communication", "Problem solving"],
    questionKeys: ["dl-transfer-learning", "cnn-receptive-field", "nlp-attention-transformers", "ml-l1-vs-l2"],
  },
] as const;

/** Every kit the seed creates; the history rotates through them in this order. */
export const DEMO_KITS = [DEMO_KIT, ...HISTORY_KITS] as const;
