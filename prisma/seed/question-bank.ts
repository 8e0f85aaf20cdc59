import type { LabName } from "@/lib/lab/schemas";
// The starter question bank seeded into the demo organization. The first four questions
// cover the topics of the shared interview article (paraphrased, never quoted — a unit
// test enforces that); the other eight round out a deep-learning onsite loop.
//
// Level descriptors describe what an interviewer can observe in the answer, so two
// panelists hearing the same answer land on the same level.

export interface SeedCriterion {
  key: string;
  title: string;
  description: string;
  weight: number;
  /** anchored descriptor for levels 0,1,2,3,4 */
  levels: [string, string, string, string, string];
}

export interface SeedQuestion {
  /** Stable across re-seeds and imports, e.g. "dl-batch-norm". */
  key: string;
  title: string;
  /** Markdown. */
  prompt: string;
  difficulty: "EASY" | "MEDIUM" | "HARD";
  tags: string[];
  minutes: number;
  /** Markdown; shown to interviewers only. */
  modelAnswer: string;
  followUps: string[];
  redFlags: string[];
  criteria: SeedCriterion[];
  /** The demo lab the interview room offers with the question (stored on its version). */
  lab?: LabName;
}

export const QUESTION_BANK: SeedQuestion[] = [
  // ── 1. From the article ──────────────────────────────────────────────────────────
  {
    key: "dl-batch-norm",
    title: "Batch normalization: what it does and why it helps",
    prompt: [
      "Walk me through **batch normalization**.",
      "",
      "- What exactly is computed inside a BN layer during a training step?",
      "- Why does it tend to make deep networks easier and faster to train?",
      "- What changes when the trained model is used for inference?",
    ].join("\n"),
    difficulty: "MEDIUM",
    tags: ["normalization", "optimization", "training"],
    minutes: 12,
    modelAnswer: [
      "**Mechanics.** For each channel (or feature), BN takes the current mini-batch, subtracts the batch mean and divides by the batch standard deviation (plus a small ε for numerical safety), so the pre-activations entering the next nonlinearity are roughly centred with unit spread. It then applies a learnable per-channel scale γ and shift β, so the layer can recover any mean and spread it needs — including undoing the normalization entirely if that is optimal.",
      "",
      "**Why training gets easier.**",
      "- The gradient of a weight is proportional to the input it multiplies. When activations drift to large or one-sided values, gradients become badly scaled and a single step size cannot suit every layer; keeping inputs in a steady range keeps the update magnitudes well behaved.",
      "- Inputs to sigmoid/tanh stay away from their flat tails, so units do not saturate and stop learning; with ReLU, fewer units die.",
      "- The loss surface becomes smoother in practice (Santurkar et al. 2018 argue this matters more than the original \"internal covariate shift\" story), which tolerates **larger learning rates** and makes training far less sensitive to weight initialization.",
      "- Statistics computed on a random mini-batch inject noise, which acts as a mild regularizer; networks with BN often need less dropout, though the two can still be combined.",
      "",
      "**Train vs inference.** At training time the layer uses the current batch's mean and variance and updates running (exponential moving) averages of them. At inference it uses those stored running estimates, so a prediction for one example does not depend on which other examples share its batch. Forgetting to switch to eval mode, or evaluating on a shifted distribution, is a classic bug.",
      "",
      "**Caveats an expert mentions.** Small batches give noisy statistics (consider GroupNorm/LayerNorm, or SyncBN across devices); sequence models and transformers typically use LayerNorm instead; when fine-tuning with tiny batches it is common to freeze BN statistics; the bias of the preceding layer is redundant because β takes its role.",
    ].join("\n"),
    followUps: [
      "Your model scores well in training mode but badly in eval mode on the same data. What would you check first?",
      "Your GPU only fits a batch of 2 images. What happens to BN and what would you use instead?",
      "Why is the bias term of a convolution right before a BN layer unnecessary?",
      "Why do transformers usually use layer normalization rather than batch normalization?",
    ],
    redFlags: [
      "Says BN normalizes the input dataset once before training rather than activations inside the network at every step.",
      "Believes inference still uses the statistics of whatever batch is being predicted, with no awareness of running averages.",
      "Cannot explain why γ and β exist, or thinks they are fixed constants.",
      "Claims BN removes the need for any other regularization or tuning in every case.",
    ],
    criteria: [
      {
        key: "mechanics",
        title: "Mechanics of the BN transform",
        description: "Per-channel normalization with batch statistics, ε, and the learnable scale and shift.",
        weight: 3,
        levels: [
          "No description of the computation, or describes something else (e.g. input min-max scaling of the dataset).",
          "Says activations are \"normalized\" but cannot say over which axis or with which statistics.",
          "Subtract the batch mean and divide by the batch standard deviation, but omits γ/β or their purpose.",
          "Full per-channel transform including ε and learnable γ/β, and explains that γ/β let the network restore the representation it needs.",
          "All of level 3 plus precise detail: which axes are reduced for conv vs dense layers, why the preceding bias is redundant, and how gradients flow through the batch statistics.",
        ],
      },
      {
        key: "why-it-helps",
        title: "Why it speeds up and stabilizes training",
        description: "Gradient scaling, saturation, smoother optimization, tolerance of higher learning rates and of initialization.",
        weight: 3,
        levels: [
          "No reason given, or a wrong one (e.g. \"it reduces the number of parameters\").",
          "Only \"it makes training faster\" with no mechanism.",
          "One sound mechanism, such as keeping activations out of saturated regions or keeping gradient magnitudes stable.",
          "Links steady activation scale to well-scaled gradients, explains why larger learning rates become safe and initialization matters less.",
          "Level 3 plus nuance about the evidence: contrasts the internal-covariate-shift explanation with the smoother-loss-landscape view and mentions the mild regularizing effect of batch noise.",
        ],
      },
      {
        key: "train-vs-inference",
        title: "Training vs inference statistics",
        description: "Batch statistics while training; stored running averages at inference.",
        weight: 2,
        levels: [
          "Does not know the layer behaves differently at inference.",
          "Aware that something changes at inference but cannot say what.",
          "States that running averages of mean and variance are used at inference.",
          "Explains why (predictions must not depend on batch composition) and how the averages are accumulated during training.",
          "Level 3 plus practical failure modes: forgetting eval mode, distribution shift, freezing BN during fine-tuning, small or non-i.i.d. batches.",
        ],
      },
      {
        key: "limits-alternatives",
        title: "Limits and alternatives",
        description: "When BN is a poor fit and what to use instead.",
        weight: 1,
        levels: [
          "No limitations mentioned.",
          "Vaguely says BN \"does not always work\".",
          "Names one limitation, such as small batch sizes.",
          "Names the small-batch problem and at least one alternative (LayerNorm, GroupNorm, InstanceNorm) with when to use it.",
          "Compares alternatives by the axes they normalize over and ties the choice to architecture (CNN vs RNN/transformer) and hardware (SyncBN across devices).",
        ],
      },
    ],
    lab: "batch-norm",
  },

  // ── 2. From the article ──────────────────────────────────────────────────────────
  {
    key: "ml-bias-variance",
    title: "Bias, variance and the tradeoff between them",
    prompt: [
      "Explain **bias** and **variance** for a learned model and how they trade off.",
      "",
      "You have trained a model and have its training error and its validation error. How would you tell which of the two problems you have, and what would you do about each?",
    ].join("\n"),
    difficulty: "EASY",
    tags: ["generalization", "model-selection", "fundamentals"],
    minutes: 10,
    modelAnswer: [
      "**Definitions.** Imagine retraining the same kind of model on many different training sets drawn from the same distribution.",
      "- *Bias* is how far the average of those models' predictions sits from the true target: a systematic error caused by assumptions that are too restrictive. High bias means **underfitting** — poor results on the training data and on new data alike.",
      "- *Variance* is how much the predictions move from one training set to the next: sensitivity to the particular sample. High variance means **overfitting** — excellent training results that do not carry over to unseen data.",
      "- For squared error, expected test error = bias² + variance + irreducible noise.",
      "",
      "**Diagnosis from the two errors** (compare against a baseline such as human-level or best-known error):",
      "- Training error high, validation close to it → bias problem.",
      "- Training error low, validation much higher → variance problem.",
      "- Both high with a big gap → both problems.",
      "- Learning curves (error vs training-set size) confirm it: more data narrows a variance gap but does nothing for a bias plateau.",
      "",
      "**Remedies.**",
      "- Bias: larger or more expressive model, better features, train longer, weaker regularization, better optimizer.",
      "- Variance: more (or augmented) data, stronger regularization (weight decay, dropout), early stopping, simpler model, ensembling/bagging.",
      "",
      "**The tradeoff.** Adding capacity usually lowers bias and raises variance, so classical model selection looks for the complexity that minimizes validation error. An expert notes that with large neural networks the picture is softer: very over-parameterized models can generalize well (double descent), and regularization plus more data lets you reduce both at once.",
    ].join("\n"),
    followUps: [
      "Training error is 1% and validation error is 15%. Human error is about 0.5%. What do you try, in what order?",
      "How do learning curves differ between a high-bias and a high-variance model?",
      "Why does bagging mostly reduce variance while boosting mostly reduces bias?",
      "How does the double-descent phenomenon fit (or not fit) the classical tradeoff?",
    ],
    redFlags: [
      "Confuses the statistical notion of bias with the bias term of a neuron.",
      "Suggests collecting more data to fix a model that underfits its own training set.",
      "Diagnoses overfitting from training error alone, without a held-out set.",
      "Tunes hyperparameters on the test set.",
    ],
    criteria: [
      {
        key: "definitions",
        title: "Definitions of bias and variance",
        description: "Precise meaning in terms of predictions across training sets; link to under- and overfitting.",
        weight: 2,
        levels: [
          "Definitions missing or wrong (e.g. bias as the neuron bias term).",
          "Associates the words with under/overfitting but cannot define either.",
          "Correct informal definitions: systematic error vs sensitivity to the training sample.",
          "Defines both in terms of the distribution of models over training sets and links each to under/overfitting.",
          "Level 3 plus the squared-error decomposition including irreducible noise, and what each term means for a given model family.",
        ],
      },
      {
        key: "diagnosis",
        title: "Diagnosing from training and validation error",
        description: "Reading the two errors and the gap against a baseline; learning curves.",
        weight: 3,
        levels: [
          "Cannot say how to tell the two problems apart.",
          "Mentions looking at validation error but cannot interpret the combination.",
          "Correctly maps high training error to bias and a large train/validation gap to variance.",
          "Also uses a reference level (human or best-known error) and recognizes the case where both problems occur.",
          "Level 3 plus learning curves as confirmation, and awareness of data mismatch between training and validation distributions as a separate cause.",
        ],
      },
      {
        key: "remedies",
        title: "Targeted remedies",
        description: "Matching each fix to the problem it addresses.",
        weight: 3,
        levels: [
          "No remedies, or remedies that worsen the problem.",
          "Generic list of tricks without matching them to bias or variance.",
          "Two or more correct remedies for each problem.",
          "Remedies correctly matched and prioritized by cost, explaining why more data does not help a bias problem.",
          "Level 3 plus ensembling (bagging vs boosting) and the point that modern regularized large models can reduce both errors together.",
        ],
      },
      {
        key: "tradeoff",
        title: "The tradeoff and model complexity",
        description: "How capacity moves the two errors and how to choose a model.",
        weight: 2,
        levels: [
          "No notion of a tradeoff.",
          "States that one goes up when the other goes down, without connecting it to model complexity.",
          "Explains that more parameters/capacity lowers bias and raises variance, with a U-shaped validation error.",
          "Uses the tradeoff to choose complexity via validation or cross-validation, and relates regularization strength to it.",
          "Level 3 plus the limits of the classical picture for deep networks (double descent, implicit regularization).",
        ],
      },
    ],
    lab: "bias-variance",
  },

  // ── 3. From the article ──────────────────────────────────────────────────────────
  {
    key: "dl-face-search-10m",
    title: "Finding a new face among 10 million face vectors",
    prompt: [
      "A face-recognition system has turned **10 million** enrolled faces into embedding vectors.",
      "A new photo arrives. How do you find the matching person **quickly**?",
      "",
      "Cover how the vectors are produced and how the search itself is made fast.",
    ].join("\n"),
    difficulty: "HARD",
    tags: ["retrieval", "embeddings", "computer-vision", "system-design"],
    minutes: 15,
    modelAnswer: [
      "**Embeddings.** A CNN maps each face to a fixed-length vector (e.g. 128–512 dims, L2-normalized) trained with a metric-learning objective — triplet loss (anchor/positive/negative with a margin) or angular-margin losses such as ArcFace — so that photos of the same person land close together. Recognition becomes a nearest-neighbour lookup: embed the query, find the closest enrolled vectors, and accept the match only if the distance beats a threshold calibrated for the desired false-accept rate (this is the one-shot setting: one enrolled photo per person can suffice).",
      "",
      "**Exact search cost.** Brute force is 10M × 512 ≈ 5·10⁹ multiply-adds per query and ~20 GB of float32 — feasible on a GPU with a batched matrix multiply, but expensive per query and hard to scale. Tree structures (k-d trees) degrade toward brute force in high dimensions.",
      "",
      "**Approximate nearest neighbour (ANN) indexes** trade a little recall for orders-of-magnitude speed:",
      "- **IVF** (inverted file): k-means into e.g. 4–16k cells; a query probes only the `nprobe` nearest cells.",
      "- **Product quantization (PQ)**: split each vector into sub-vectors and encode each with a small codebook, compressing 2 KB to ~64 bytes and enabling fast table-based distance estimates; IVF-PQ fits 10M vectors in RAM comfortably.",
      "- **HNSW**: a layered proximity graph searched greedily from a coarse top layer; excellent recall/latency, more memory, slower inserts.",
      "- **LSH**: random-projection hashes put similar vectors in the same bucket; simple, with weaker guarantees than the others at equal memory.",
      "- Libraries: FAISS, Annoy (random-projection trees), ScaNN, hnswlib, or a vector database.",
      "",
      "**Engineering the tradeoff.** Measure recall@k against exact search on a sample, then tune `nprobe`/`efSearch` to hit a latency budget; re-rank the shortlist with exact distances; shard across machines when needed; handle new enrolments (HNSW inserts, or periodic IVF retraining) and deletions; keep the threshold on the *exact* distance of the top hit.",
    ].join("\n"),
    followUps: [
      "How do you choose the distance threshold that decides \"this is nobody we know\"?",
      "Recall@1 of your index is 0.93 versus exact search. How do you push it higher without blowing the latency budget?",
      "100,000 new people are enrolled every day. How does that affect your index choice?",
      "Why does a k-d tree stop helping at 512 dimensions?",
    ],
    redFlags: [
      "Proposes training a 10-million-way softmax classifier and retraining it every time someone enrols.",
      "Compares raw pixels instead of learned embeddings.",
      "Always returns the nearest vector as a match, with no rejection threshold for unknown faces.",
      "Presents approximate search as exact, with no mention of measuring recall.",
    ],
    criteria: [
      {
        key: "embeddings",
        title: "Embedding model and matching",
        description: "How faces become vectors and how a match is decided.",
        weight: 2,
        levels: [
          "No idea how faces become comparable vectors.",
          "Says \"a CNN gives features\" without how it is trained or compared.",
          "Describes a network producing embeddings compared by Euclidean or cosine distance.",
          "Explains metric-learning training (triplet loss or margin-based softmax), normalization, and a calibrated threshold for rejecting unknown faces.",
          "Level 3 plus one-shot enrolment, hard-negative mining or margin choice, and how the threshold maps to false-accept/false-reject rates.",
        ],
      },
      {
        key: "exact-cost",
        title: "Cost of exact search",
        description: "Quantifies brute force and why it does not scale.",
        weight: 1,
        levels: [
          "No sense of the cost of a linear scan.",
          "Says a scan is \"slow\" without quantifying it.",
          "Recognizes O(N·d) per query and that it grows with the gallery.",
          "Estimates operations and memory for 10M vectors and notes when GPU brute force is still viable.",
          "Level 3 plus why exact tree indexes fail in high dimensions and how batching queries changes the picture.",
        ],
      },
      {
        key: "ann-indexing",
        title: "Approximate nearest-neighbour indexing",
        description: "Knowledge of LSH, HNSW, IVF, PQ and the libraries that implement them.",
        weight: 3,
        levels: [
          "No indexing method offered.",
          "Mentions \"use an index\" or a library name with no explanation.",
          "Explains one ANN method (e.g. LSH or IVF) correctly.",
          "Explains at least two methods (e.g. IVF + PQ, or HNSW) with their memory and speed characteristics, and picks one for this scale.",
          "Level 3 plus how the methods combine (IVF-PQ with exact re-ranking), their parameters (nprobe, efSearch, code size) and update/deletion behaviour.",
        ],
      },
      {
        key: "recall-latency",
        title: "Recall/latency tradeoff and operations",
        description: "Measuring and tuning approximate search for production.",
        weight: 2,
        levels: [
          "Assumes approximate search returns exact answers.",
          "Acknowledges some loss of accuracy without saying how to measure it.",
          "Measures recall@k against exact search on a sample.",
          "Tunes index parameters against a latency budget and re-ranks a shortlist with exact distances.",
          "Level 3 plus sharding/replication, handling enrolment growth and deletions, and monitoring recall over time.",
        ],
      },
    ],
    lab: "nearest-face",
  },

  // ── 4. From the article ──────────────────────────────────────────────────────────
  {
    key: "ml-classification-metrics",
    title: "Is accuracy enough? Choosing classification metrics",
    prompt: [
      "For a classification model, can you rely on **accuracy** alone?",
      "",
      "Which metrics do you use instead or in addition, and how would you choose among them for, say, detecting fraudulent or malicious requests?",
    ].join("\n"),
    difficulty: "MEDIUM",
    tags: ["evaluation", "metrics", "classification", "class-imbalance"],
    minutes: 12,
    modelAnswer: [
      "**Why accuracy misleads.** Accuracy is correct predictions over all predictions. Under class imbalance it rewards ignoring the rare class: if one request in 100,000 is an attack, a model that never flags anything scores 99.999% while catching nothing. It also hides *which* errors happen, and the two kinds of error usually have very different costs.",
      "",
      "**Confusion matrix.** Count true positives, false positives, false negatives and true negatives (per class for multi-class). Every threshold-based metric comes from it:",
      "- **Precision** = TP / (TP + FP): of what we flagged, how much was real.",
      "- **Recall / TPR** = TP / (TP + FN): of the real positives, how many we caught.",
      "- **F1** = harmonic mean of precision and recall; **Fβ** weights recall β times as much.",
      "- **FPR** = FP / (FP + TN); specificity = 1 − FPR.",
      "",
      "**Threshold-free views.**",
      "- **ROC curve**: TPR against FPR as the decision threshold sweeps; a curve hugging the top-left corner is better, the diagonal is chance. **ROC-AUC** is the probability a random positive outranks a random negative.",
      "- With heavy imbalance ROC can look flattering because FPR's denominator is huge; the **precision–recall curve** and **average precision** reflect performance on the rare class much more honestly.",
      "",
      "**Choosing.** Start from the cost of each error: for intrusion detection, recall at a fixed, tolerable alert volume (precision or FPR) is what operators feel. Pick the operating threshold on validation data, report per-class metrics and macro vs micro averages for multi-class, check calibration if scores are used as probabilities, and remember the test-set prevalence must match production or precision will be off.",
    ].join("\n"),
    followUps: [
      "Your ROC-AUC is 0.98 but the security team says the alerts are useless. How can both be true?",
      "How do you pick the decision threshold once the model is trained?",
      "When would you report macro-averaged rather than micro-averaged F1?",
      "How would the evaluation change if positives are 1 in 100,000 in production but 1 in 10 in your labelled test set?",
    ],
    redFlags: [
      "Treats 99.9% accuracy on a heavily imbalanced problem as proof of a good model.",
      "Swaps the definitions of precision and recall.",
      "Picks the decision threshold on the test set.",
      "Cannot say what the axes of a ROC curve are.",
    ],
    criteria: [
      {
        key: "accuracy-pitfall",
        title: "Why accuracy can mislead",
        description: "Class imbalance and unequal error costs.",
        weight: 2,
        levels: [
          "Believes accuracy is always sufficient.",
          "Senses a problem with accuracy but cannot say when it arises.",
          "Explains the imbalance problem with a concrete majority-class example.",
          "Adds that accuracy hides the kind of error and that error costs differ by application.",
          "Level 3 plus prevalence shift between test and production and when accuracy is still a fine summary (balanced classes, symmetric costs).",
        ],
      },
      {
        key: "confusion-metrics",
        title: "Confusion matrix, precision, recall, F1",
        description: "Correct definitions and interpretation.",
        weight: 3,
        levels: [
          "Cannot describe a confusion matrix or any of its metrics.",
          "Names precision and recall but confuses or cannot define them.",
          "Correct confusion matrix and correct precision and recall definitions.",
          "Adds F1/Fβ and explains which metric matters when false positives or false negatives are costlier.",
          "Level 3 plus multi-class handling (per-class, macro vs micro averaging) and calibration when scores are used as probabilities.",
        ],
      },
      {
        key: "roc-pr",
        title: "ROC, AUC and precision–recall curves",
        description: "Threshold sweeps and what each curve shows.",
        weight: 3,
        levels: [
          "No knowledge of ROC or PR curves.",
          "Has heard of ROC/AUC but cannot say what is plotted.",
          "Correctly states ROC plots TPR vs FPR over thresholds and that top-left is better.",
          "Interprets AUC (ranking probability, 0.5 = chance) and explains why PR curves are more informative under heavy imbalance.",
          "Level 3 plus average precision, comparing models at a fixed operating point, and why ROC is insensitive to prevalence while precision is not.",
        ],
      },
      {
        key: "metric-choice",
        title: "Choosing the metric and threshold for the use case",
        description: "Turning business costs into an evaluation plan.",
        weight: 2,
        levels: [
          "No link between metric and application.",
          "Picks a metric without justification.",
          "Justifies a metric by the relative cost of false positives and false negatives.",
          "Sets an operating point (e.g. recall at a fixed alert budget) chosen on validation data.",
          "Level 3 plus monitoring after deployment, prevalence correction and cost-weighted evaluation.",
        ],
      },
    ],
    lab: "roc-imbalanced",
  },

  // ── 5 ────────────────────────────────────────────────────────────────────────────
  {
    key: "dl-vanishing-exploding-gradients",
    title: "Vanishing and exploding gradients",
    prompt: [
      "What are **vanishing** and **exploding** gradients?",
      "",
      "Why do they appear in deep or recurrent networks, how do you notice them in a training run, and what do you do about them?",
    ].join("\n"),
    difficulty: "MEDIUM",
    tags: ["optimization", "training", "rnn", "initialization"],
    minutes: 12,
    modelAnswer: [
      "**Cause.** Backpropagation multiplies one Jacobian per layer (or per time step in an RNN). If the typical gain of those factors is below 1 the product shrinks exponentially with depth — early layers barely learn (vanishing). If it is above 1 the product grows exponentially — updates become huge and the loss spikes or turns NaN (exploding). Saturating activations (sigmoid's derivative is at most 0.25) and poorly scaled weights make it worse; RNNs reuse the same weight matrix, so its largest singular value governs the whole sequence.",
      "",
      "**Symptoms.** Per-layer gradient norms that differ by orders of magnitude; early-layer weights that hardly move; loss plateaus from the start; or sudden loss spikes, overflow and NaNs.",
      "",
      "**Remedies.**",
      "- Initialization that preserves variance: Xavier/Glorot for tanh, He/Kaiming for ReLU; orthogonal init for recurrent weights.",
      "- Non-saturating activations (ReLU, GELU, leaky variants).",
      "- Residual connections: the identity path gives gradients a direct route, which is why very deep ResNets and transformers train.",
      "- Normalization layers (BatchNorm, LayerNorm) to keep activation scale steady.",
      "- Gated recurrent units (LSTM/GRU), whose additive cell state eases long-range gradient flow.",
      "- Gradient clipping by global norm for explosions; learning-rate warm-up; loss scaling care in mixed precision.",
    ].join("\n"),
    followUps: [
      "Why does He initialization use a variance of 2/fan_in rather than 1/fan_in?",
      "How exactly does a residual connection change the gradient that reaches an early layer?",
      "Clipping by value vs clipping by global norm — which do you prefer and why?",
      "Why do LSTMs handle long sequences better than a vanilla RNN, and where do they still struggle?",
    ],
    redFlags: [
      "Suggests lowering the learning rate as the fix for vanishing gradients.",
      "Thinks the problem only exists for sigmoid networks and disappears entirely with ReLU.",
      "Cannot connect the effect to repeated multiplication through the chain rule.",
    ],
    criteria: [
      {
        key: "cause",
        title: "Root cause",
        description: "Chain rule as a product of per-layer factors; role of activations and weight scale.",
        weight: 3,
        levels: [
          "No explanation, or a wrong one.",
          "Says gradients \"get small in deep networks\" without a mechanism.",
          "Explains repeated multiplication of factors smaller or larger than one across layers.",
          "Connects this to activation derivatives (e.g. sigmoid ≤ 0.25) and weight scale, and to weight sharing over time in RNNs.",
          "Level 3 plus the Jacobian/singular-value view and why the effect is exponential in depth or sequence length.",
        ],
      },
      {
        key: "detection",
        title: "Detecting it in practice",
        description: "Concrete signals in a training run.",
        weight: 1,
        levels: [
          "No idea how to detect it.",
          "Only \"the model does not learn\".",
          "Mentions NaN/spiking loss for explosions or stalled loss for vanishing.",
          "Monitors per-layer gradient and weight-update norms and interprets the pattern.",
          "Level 3 plus tooling (gradient histograms, update-to-weight ratios) and distinguishing this from a bad learning rate or data bug.",
        ],
      },
      {
        key: "remedies",
        title: "Remedies",
        description: "Initialization, activations, residuals, normalization, gating, clipping.",
        weight: 3,
        levels: [
          "No remedies, or harmful ones.",
          "One remedy with no explanation of why it works.",
          "Several correct remedies (e.g. ReLU, clipping, better initialization).",
          "Matches remedies to the problem (clipping for explosion, residuals/init/gating for vanishing) and explains the mechanism of each.",
          "Level 3 plus variance-preserving init derivation, residual gradient paths, and trade-offs such as warm-up and mixed-precision loss scaling.",
        ],
      },
    ],
  },

  // ── 6 ────────────────────────────────────────────────────────────────────────────
  {
    key: "dl-dropout",
    title: "Dropout: how it regularizes and how it behaves at inference",
    prompt: [
      "Explain **dropout**. What happens during training and at test time, why does it reduce overfitting, and when would you avoid it?",
    ].join("\n"),
    difficulty: "EASY",
    tags: ["regularization", "training"],
    minutes: 8,
    modelAnswer: [
      "**Mechanics.** During training each unit's output is zeroed independently with probability p (often 0.1–0.5). Modern frameworks use *inverted dropout*: surviving activations are multiplied by 1/(1−p) so their expected value is unchanged, and at inference dropout is simply switched off. (The original formulation instead scaled weights by (1−p) at test time — same expectation.)",
      "",
      "**Why it regularizes.**",
      "- Units cannot rely on specific partners being present, which discourages brittle co-adaptation and spreads information across features.",
      "- Each step trains a different thinned sub-network with shared weights; inference approximates averaging this exponentially large ensemble.",
      "- The injected noise acts somewhat like an adaptive L2 penalty.",
      "",
      "**Practicalities.** Typical placement is after fully connected layers or inside transformer blocks (attention and MLP outputs); for convolutional feature maps, spatial dropout (whole channels) works better than per-pixel masks. Dropout slows convergence, interacts awkwardly with BatchNorm (variance shift between train and test), and is often unnecessary with large datasets or strong augmentation. Keeping it on at test time and averaging several passes (MC dropout) gives a rough uncertainty estimate.",
    ].join("\n"),
    followUps: [
      "Why is inverted dropout preferred over scaling the weights at test time?",
      "What goes wrong if you put dropout right before a BatchNorm layer?",
      "How would you use dropout to get an uncertainty estimate?",
    ],
    redFlags: [
      "Believes neurons are permanently removed from the network.",
      "Leaves dropout active at inference without knowing it, or forgets the rescaling entirely.",
      "Recommends dropout as the fix for underfitting.",
    ],
    criteria: [
      {
        key: "mechanics",
        title: "Training and inference behaviour",
        description: "Random masking, rescaling, and turning it off at inference.",
        weight: 3,
        levels: [
          "Wrong or missing description.",
          "\"Randomly removes neurons\" with no detail about when or how.",
          "Random per-step masking during training, disabled at inference.",
          "Explains the scaling that keeps expected activations equal (inverted dropout or test-time weight scaling).",
          "Level 3 plus variants (spatial dropout, DropConnect, attention dropout) and where each fits.",
        ],
      },
      {
        key: "why-regularizes",
        title: "Why it reduces overfitting",
        description: "Co-adaptation, implicit ensemble, noise as regularizer.",
        weight: 3,
        levels: [
          "No reason given.",
          "\"It makes the model simpler\" with no mechanism.",
          "One correct mechanism, such as preventing co-adaptation.",
          "Explains both co-adaptation and the implicit ensemble of sub-networks.",
          "Level 3 plus the link to L2-like penalties or Bayesian approximation (MC dropout).",
        ],
      },
      {
        key: "when-to-use",
        title: "When to use it and when not",
        description: "Placement, rates, interactions and costs.",
        weight: 2,
        levels: [
          "Would apply it everywhere regardless of context.",
          "Knows it is a hyperparameter but has no guidance.",
          "Gives typical rates and placements.",
          "Discusses interactions with BatchNorm, slower convergence, and data regimes where it is unnecessary.",
          "Level 3 plus evidence-driven tuning (validation curves) and architecture-specific practice (CNN vs transformer).",
        ],
      },
    ],
  },

  // ── 7 ────────────────────────────────────────────────────────────────────────────
  {
    key: "dl-optimizers-momentum-adam",
    title: "Optimizers: SGD with momentum vs Adam",
    prompt: [
      "Compare **SGD with momentum** and **Adam**.",
      "",
      "Write down (or describe) their update rules, explain what problem each piece solves, and tell me how you decide which one to use.",
    ].join("\n"),
    difficulty: "MEDIUM",
    tags: ["optimization", "training"],
    minutes: 12,
    modelAnswer: [
      "**SGD.** θ ← θ − η·g, with g the mini-batch gradient. Noisy but cheap; one global step size.",
      "",
      "**Momentum.** v ← μ·v + g; θ ← θ − η·v (μ ≈ 0.9). Keeps a running velocity, so consistent gradient directions accumulate and oscillations across steep, narrow valleys cancel out. Nesterov evaluates the gradient at the look-ahead point for a slightly better correction.",
      "",
      "**Adam.** Keeps an exponential average of gradients m (β₁ ≈ 0.9) and of squared gradients v (β₂ ≈ 0.999), corrects both for their zero initialization (m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)), and steps θ ← θ − η·m̂/(√v̂ + ε). Each parameter gets its own effective step size: rarely updated or small-gradient parameters move relatively more. It combines momentum with RMSProp-style scaling.",
      "",
      "**Choosing.**",
      "- Adam/AdamW converges fast with little tuning and is the default for transformers, sparse features and embeddings.",
      "- Well-tuned SGD+momentum with a schedule often generalizes slightly better on vision benchmarks (ResNets) and uses less memory (one buffer instead of two).",
      "- Use **AdamW** (decoupled weight decay) rather than Adam with an L2 term in the loss: with adaptive scaling the L2 gradient is divided by √v̂, so heavily updated weights are barely regularized.",
      "- Either way the learning rate and its schedule matter more than the choice of optimizer; warm-up helps Adam early on, when v̂ is poorly estimated.",
    ].join("\n"),
    followUps: [
      "Why does Adam need bias correction, and what happens in the first steps without it?",
      "What is the difference between L2 regularization and decoupled weight decay in Adam?",
      "Your Adam-trained model generalizes worse than an SGD baseline. What would you try?",
      "How much optimizer state does each method keep for a 1-billion-parameter model?",
    ],
    redFlags: [
      "Claims Adam needs no learning-rate tuning at all.",
      "Describes momentum as a larger learning rate.",
      "Cannot describe what Adam's second-moment estimate is used for.",
    ],
    criteria: [
      {
        key: "update-rules",
        title: "Update rules",
        description: "Correct equations or precise verbal descriptions of SGD, momentum and Adam.",
        weight: 3,
        levels: [
          "Cannot describe any update rule.",
          "Describes plain SGD only.",
          "Correct momentum update and a roughly correct Adam update (first and second moments).",
          "Complete Adam including bias correction and ε, with typical hyperparameter values.",
          "Level 3 plus Nesterov momentum and how Adam relates to RMSProp and AdaGrad.",
        ],
      },
      {
        key: "intuition",
        title: "What each component fixes",
        description: "Why momentum damps oscillation; why per-parameter scaling helps.",
        weight: 3,
        levels: [
          "No intuition offered.",
          "\"Adam is faster\" with no reason.",
          "Explains momentum as averaging gradients to smooth noisy or oscillating directions.",
          "Also explains per-parameter step sizes from the second moment and why that helps with sparse or badly scaled gradients.",
          "Level 3 plus the ill-conditioned valley picture and the role of bias correction early in training.",
        ],
      },
      {
        key: "choice",
        title: "Choosing in practice",
        description: "Trade-offs in generalization, tuning effort, memory and weight decay.",
        weight: 2,
        levels: [
          "No criteria for choosing.",
          "Always uses one optimizer with no justification.",
          "Gives a sensible default per domain (e.g. AdamW for transformers, SGD for some CNNs).",
          "Discusses generalization differences, tuning effort, memory cost and the need for a schedule.",
          "Level 3 plus AdamW's decoupled weight decay and why L2 inside Adam behaves differently.",
        ],
      },
    ],
  },

  // ── 8 ────────────────────────────────────────────────────────────────────────────
  {
    key: "dl-transfer-learning",
    title: "Transfer learning and fine-tuning strategy",
    prompt: [
      "You need an image classifier for a specialized domain (for example, defects on circuit boards) and you have only **about 2,000 labelled images**.",
      "",
      "How would you use **transfer learning**? Which parts of a pretrained network do you reuse, freeze or retrain, and how does your plan change with more data or a very different domain?",
    ].join("\n"),
    difficulty: "MEDIUM",
    tags: ["transfer-learning", "cnn", "training"],
    minutes: 12,
    modelAnswer: [
      "**Why it works.** A network pretrained on a large dataset (ImageNet, or a self-supervised model such as a ViT/DINO backbone) has learned general features: edges and textures early, parts and shapes deeper. These transfer, so a small dataset only has to teach the task-specific top.",
      "",
      "**Plan for ~2k images.**",
      "1. Replace the classification head with one sized to the new classes.",
      "2. Freeze the backbone and train only the head (linear probe) — a quick, low-variance baseline.",
      "3. Unfreeze the top blocks (then possibly all) and fine-tune with a learning rate 10–100× smaller than for the head, or with discriminative per-layer rates, so pretrained features are adjusted rather than destroyed.",
      "4. Use the pretrained model's input normalization and resolution, strong augmentation, early stopping on a validation split; keep BN statistics frozen if batches are tiny.",
      "",
      "**How the plan shifts.**",
      "- Small data, similar domain → mostly frozen features.",
      "- Small data, very different domain (X-ray, spectrograms) → earlier layers still help, but fine-tune deeper; consider domain-specific pretraining or self-supervised pretraining on unlabelled in-domain images.",
      "- Large data → fine-tune everything; pretraining still speeds convergence.",
      "",
      "**Risks.** Catastrophic forgetting when the rate is too high; negative transfer when domains are unrelated; licensing and bias inherited from the source data; leakage if test images resemble pretraining data.",
    ].join("\n"),
    followUps: [
      "Why use a smaller learning rate for the pretrained layers than for the new head?",
      "The domain is grayscale thermal imagery. What changes in your plan?",
      "How would you use 50,000 unlabelled in-domain images?",
      "How do you tell whether fine-tuning the full backbone is actually helping?",
    ],
    redFlags: [
      "Fine-tunes the whole network from the start with the original, large learning rate.",
      "Feeds inputs without the preprocessing the pretrained model expects.",
      "Believes pretraining is useless whenever the domain differs at all.",
    ],
    criteria: [
      {
        key: "rationale",
        title: "Why pretrained features transfer",
        description: "Feature hierarchy and what generalizes across tasks.",
        weight: 2,
        levels: [
          "Cannot explain why reusing a network helps.",
          "\"It already knows things\" with no detail.",
          "Explains that lower layers learn generic features reusable across tasks.",
          "Describes the general-to-specific hierarchy and relates it to which layers to reuse.",
          "Level 3 plus self-supervised or domain-specific pretraining as alternatives and when each is preferable.",
        ],
      },
      {
        key: "strategy",
        title: "Concrete fine-tuning procedure",
        description: "Head replacement, freezing, staged unfreezing, learning rates, preprocessing.",
        weight: 3,
        levels: [
          "No workable procedure.",
          "\"Fine-tune the model\" without specifics.",
          "Replace the head, freeze the backbone, train the head.",
          "Staged unfreezing with reduced or per-layer learning rates, correct preprocessing, augmentation and early stopping.",
          "Level 3 plus BN handling, a linear-probe baseline for comparison, and a validation protocol that shows each stage helped.",
        ],
      },
      {
        key: "data-domain",
        title: "Adapting to data size and domain gap",
        description: "How the plan changes across the data-size / similarity grid.",
        weight: 2,
        levels: [
          "Same plan regardless of data or domain.",
          "Recognizes data size matters but cannot say how.",
          "Adjusts how much to fine-tune with data size.",
          "Covers both data size and domain similarity with sensible choices for each combination.",
          "Level 3 plus negative transfer, catastrophic forgetting and using unlabelled in-domain data.",
        ],
      },
    ],
  },

  // ── 9 ────────────────────────────────────────────────────────────────────────────
  {
    key: "cnn-receptive-field",
    title: "Convolutions and receptive fields",
    prompt: [
      "What is the **receptive field** of a unit in a convolutional network?",
      "",
      "Compute it for a stack of three 3×3 convolutions with stride 1, then explain how stride, pooling and dilation change it, and why receptive field matters when designing a network.",
    ].join("\n"),
    difficulty: "MEDIUM",
    tags: ["cnn", "computer-vision", "architecture"],
    minutes: 10,
    modelAnswer: [
      "**Definition.** The receptive field of a unit is the region of the input image that can influence its value.",
      "",
      "**Computation.** With kernel size kᵢ and stride sᵢ per layer, r₀ = 1 and rₗ = rₗ₋₁ + (kₗ − 1)·jₗ₋₁, where the jump jₗ = jₗ₋₁·sₗ (j₀ = 1) is the input-pixel spacing between adjacent units. Three 3×3 stride-1 layers: 1 + 2 + 2 + 2 = **7×7**.",
      "",
      "- **Stride/pooling** multiply the jump, so every later layer grows the field much faster.",
      "- **Dilation** d spaces kernel taps apart: effective kernel size d·(k−1)+1, growing the field without extra parameters or downsampling (used in segmentation, WaveNet).",
      "",
      "**Why stacks of small kernels.** Three 3×3 layers see 7×7 with 27C² weights versus 49C² for one 7×7 layer, and add two extra nonlinearities (the VGG argument).",
      "",
      "**Design relevance.** A detector or segmenter must see enough context to recognize the object: the receptive field at the output should cover the largest objects. The *effective* receptive field is smaller than the theoretical one — influence is roughly Gaussian and concentrated at the centre (Luo et al. 2016) — which motivates downsampling, dilation, feature pyramids or attention for global context.",
    ].join("\n"),
    followUps: [
      "What is the receptive field after conv3×3 (stride 2) followed by two conv3×3 (stride 1)?",
      "What is the difference between theoretical and effective receptive field?",
      "Why might dilated convolutions produce gridding artefacts, and how do you avoid them?",
    ],
    redFlags: [
      "Confuses receptive field with the kernel size of a single layer.",
      "Believes stride has no effect on the receptive field of later layers.",
      "Cannot carry out the three-layer computation even with hints.",
    ],
    criteria: [
      {
        key: "definition",
        title: "Definition",
        description: "What region of the input a unit depends on.",
        weight: 1,
        levels: [
          "No definition or a wrong one.",
          "Vague (\"what the network sees\").",
          "Correct definition as the input region influencing one unit.",
          "Correct definition and distinguishes it from kernel size and feature-map size.",
          "Level 3 plus the distinction between theoretical and effective receptive field.",
        ],
      },
      {
        key: "computation",
        title: "Computing the receptive field",
        description: "Correct arithmetic including stride, pooling and dilation.",
        weight: 3,
        levels: [
          "Cannot compute it.",
          "Attempts it but gets the stride-1 stack wrong.",
          "Gets 7×7 for three 3×3 stride-1 layers.",
          "Also handles stride/pooling (via the jump) and dilation correctly.",
          "Derives the general recurrence and applies it fluently to an unfamiliar stack.",
        ],
      },
      {
        key: "design",
        title: "Design implications",
        description: "Small-kernel stacks, context requirements and ways to widen context.",
        weight: 2,
        levels: [
          "No link to architecture design.",
          "Says \"bigger is better\" with no trade-off.",
          "Explains why stacks of small kernels are preferred (parameters, nonlinearities).",
          "Relates required receptive field to object size and task, and names ways to enlarge it.",
          "Level 3 plus effective receptive field findings and when attention or feature pyramids are the better tool.",
        ],
      },
    ],
  },

  // ── 10 ───────────────────────────────────────────────────────────────────────────
  {
    key: "nlp-attention-transformers",
    title: "Attention and the transformer block",
    prompt: [
      "Explain **scaled dot-product attention** and how it is used inside a **transformer** block.",
      "",
      "Why did transformers largely replace recurrent networks for sequence modelling, and what does attention cost as sequences get long?",
    ].join("\n"),
    difficulty: "HARD",
    tags: ["nlp", "transformers", "attention", "architecture"],
    minutes: 15,
    modelAnswer: [
      "**Attention.** Each token's vector is projected into a query, a key and a value. Scores are dot products of queries with all keys, divided by √d_k, passed through a softmax to give weights, and used to average the values: softmax(QKᵀ/√d_k)·V. The √d_k keeps the score variance near one so the softmax does not saturate into near one-hot outputs with vanishing gradients.",
      "",
      "**Multi-head.** Several heads with smaller projections attend in parallel, letting the model track different relations (syntax, coreference, position) at once; outputs are concatenated and projected.",
      "",
      "**Transformer block.** Multi-head self-attention and a position-wise MLP, each wrapped in a residual connection with layer normalization (pre-LN is more stable to train). Attention is permutation-invariant, so order enters through positional information — sinusoidal or learned absolute embeddings, or relative schemes such as RoPE/ALiBi. Decoders apply a causal mask so a position cannot see the future; encoder–decoder models add cross-attention.",
      "",
      "**Why it displaced RNNs.** Every position is processed in parallel during training (no sequential dependency), and any two tokens are one step apart, so long-range dependencies do not have to survive many recurrent steps. This scales well on GPUs and with data.",
      "",
      "**Costs.** Time and memory are O(n²) in sequence length for the score matrix. Mitigations: FlashAttention (exact, IO-aware), sparse/sliding-window attention, linear-attention approximations, and KV caching at inference (which makes generation O(n) per new token but costs memory).",
    ].join("\n"),
    followUps: [
      "What happens to training if you drop the 1/√d_k scaling?",
      "Why is a causal mask needed in a decoder, and how is it applied?",
      "What does the KV cache store during generation, and what limits its size?",
      "How do relative position schemes like RoPE differ from absolute position embeddings?",
    ],
    redFlags: [
      "Cannot say what queries, keys and values are.",
      "Believes transformers understand word order without any positional information.",
      "Claims attention cost grows linearly with sequence length in the standard formulation.",
    ],
    criteria: [
      {
        key: "attention-math",
        title: "Scaled dot-product attention",
        description: "Q/K/V, softmax weighting, scaling and masking.",
        weight: 3,
        levels: [
          "Cannot describe attention.",
          "\"The model focuses on important words\" with no mechanism.",
          "Correct Q/K/V computation with softmax over dot products.",
          "Explains the √d_k scaling and masking, and what multi-head adds.",
          "Level 3 plus derivation of why the scaling matters for gradients, and cross- vs self-attention.",
        ],
      },
      {
        key: "block",
        title: "The transformer block",
        description: "Residuals, normalization, MLP and position information.",
        weight: 2,
        levels: [
          "No idea what else is in a block.",
          "Names some components without their roles.",
          "Attention + MLP with residuals and layer normalization, plus positional encoding.",
          "Explains each component's role, encoder vs decoder differences and causal masking.",
          "Level 3 plus pre- vs post-LN stability and relative position schemes.",
        ],
      },
      {
        key: "vs-rnn",
        title: "Why transformers replaced RNNs",
        description: "Parallelism and path length for dependencies.",
        weight: 2,
        levels: [
          "No comparison offered.",
          "\"They are better\" without reasons.",
          "Mentions parallel training or better long-range dependencies.",
          "Explains both parallelism across positions and constant path length between tokens.",
          "Level 3 plus scaling behaviour with data and compute, and where recurrent or state-space models still compete.",
        ],
      },
      {
        key: "complexity",
        title: "Cost and long-context techniques",
        description: "Quadratic cost and how it is mitigated.",
        weight: 2,
        levels: [
          "Unaware of any cost issue.",
          "Knows long inputs are \"expensive\" without saying why.",
          "Identifies O(n²) time and memory in sequence length.",
          "Names mitigations such as FlashAttention, sparse or windowed attention and KV caching, with what each trades off.",
          "Level 3 plus distinguishing exact IO-aware kernels from approximations and reasoning about memory during inference.",
        ],
      },
    ],
  },

  // ── 11 ───────────────────────────────────────────────────────────────────────────
  {
    key: "ml-l1-vs-l2",
    title: "L1 vs L2 regularization",
    prompt: [
      "Compare **L1** and **L2** regularization.",
      "",
      "Why does one of them produce sparse weights and the other does not? When would you choose each, and how does L2 relate to weight decay in neural networks?",
    ].join("\n"),
    difficulty: "EASY",
    tags: ["regularization", "optimization", "fundamentals"],
    minutes: 10,
    modelAnswer: [
      "**Penalties.** L1 adds λ·Σ|wᵢ| to the loss; L2 adds λ·Σwᵢ² (often with a factor ½).",
      "",
      "**Sparsity.**",
      "- *Gradient view*: L2's pull on a weight is 2λw, which fades as w approaches zero, so weights shrink but rarely reach exactly zero. L1's pull is λ·sign(w), constant in size, so small weights are pushed all the way to zero (proximal/soft-thresholding updates make this exact).",
      "- *Geometric view*: the L1 constraint region is a diamond with corners on the axes, so the loss contours typically first touch it at a corner where some coordinates are zero; the L2 ball is round and has no such corners.",
      "- *Bayesian view*: L2 corresponds to a Gaussian prior on the weights, L1 to a Laplace prior (MAP estimation).",
      "",
      "**Choosing.** L1 (lasso) for feature selection and interpretable sparse models; L2 (ridge) when many features each contribute a little and for correlated features, where it spreads weight instead of picking one arbitrarily; elastic net combines both. Scale features first — both penalties depend on feature scale.",
      "",
      "**Neural networks.** L2 is usually applied as *weight decay*: each step multiplies weights by (1 − ηλ). With plain SGD this equals the L2 penalty; with adaptive optimizers it does not, hence AdamW's decoupled weight decay. Biases and normalization parameters are commonly excluded. L1 is rarely used for dense weights in deep nets; pruning and structured sparsity methods play that role.",
    ].join("\n"),
    followUps: [
      "Why is the L1 penalty awkward for plain gradient descent at zero, and how do solvers handle it?",
      "Two features are perfectly correlated. What do lasso and ridge do with them?",
      "Why is weight decay not equivalent to L2 regularization under Adam?",
    ],
    redFlags: [
      "Says L2 drives weights to exactly zero.",
      "Applies either penalty without standardizing features in a linear model and sees no problem.",
      "Cannot explain any reason why L1 yields sparsity.",
    ],
    criteria: [
      {
        key: "definitions",
        title: "Penalty definitions and effect",
        description: "What each term adds and how it shrinks weights.",
        weight: 2,
        levels: [
          "Cannot state either penalty.",
          "Knows both \"penalize large weights\" but not how they differ.",
          "Correct formulas for both.",
          "Correct formulas and the different shrinkage behaviour (constant vs proportional pull).",
          "Level 3 plus the MAP interpretation with Laplace and Gaussian priors.",
        ],
      },
      {
        key: "sparsity",
        title: "Why L1 gives sparse solutions",
        description: "Gradient, geometric or proximal explanation.",
        weight: 3,
        levels: [
          "No explanation, or claims L2 gives sparsity.",
          "States that L1 is sparse without reasoning.",
          "One correct explanation (gradient magnitude or diamond-shaped constraint region).",
          "Two consistent explanations, e.g. gradient and geometry.",
          "Level 3 plus soft-thresholding/proximal updates and the non-differentiability at zero.",
        ],
      },
      {
        key: "practice",
        title: "Choosing and applying in practice",
        description: "Use cases, elastic net, feature scaling, weight decay in deep nets.",
        weight: 2,
        levels: [
          "No practical guidance.",
          "Picks one without reasons.",
          "Gives use cases for each (feature selection vs many small effects).",
          "Adds correlated-feature behaviour, elastic net, feature scaling and how λ is tuned.",
          "Level 3 plus weight decay vs L2 under adaptive optimizers and excluding biases/normalization parameters.",
        ],
      },
    ],
  },

  // ── 12 ───────────────────────────────────────────────────────────────────────────
  {
    key: "dl-learning-rate-schedules",
    title: "Learning-rate schedules and warm-up",
    prompt: [
      "Why do we change the **learning rate** during training instead of keeping it fixed?",
      "",
      "Describe the schedules you have used (step decay, cosine, one-cycle, warm-up, …), how you would pick a starting learning rate, and how the schedule interacts with batch size.",
    ].join("\n"),
    difficulty: "MEDIUM",
    tags: ["optimization", "training", "hyperparameters"],
    minutes: 10,
    modelAnswer: [
      "**Why schedule.** Early on, a large rate makes fast progress and its noise helps escape sharp regions; later, the gradient noise keeps the parameters bouncing around the minimum, so lowering the rate lets them settle and usually improves final loss and generalization.",
      "",
      "**Common schedules.**",
      "- *Step decay*: divide by 10 at fixed epochs (classic ResNet recipe).",
      "- *Exponential / polynomial decay*: smooth versions of the same idea.",
      "- *Cosine annealing*: rate follows half a cosine from the peak to near zero; optional warm restarts (SGDR).",
      "- *One-cycle*: rise to a high peak then anneal well below the start, often with inverse momentum; trains quickly.",
      "- *Reduce on plateau*: adaptive, driven by the validation metric.",
      "- *Linear warm-up*: ramp from ~0 over the first few hundred to thousand steps. Vital for transformers and Adam (second-moment estimates are unreliable at first) and for large batches, where early large steps can diverge.",
      "",
      "**Picking the rate.** An LR range test: increase the rate exponentially over a short run, plot loss, and choose a value a bit below where loss falls fastest (before it blows up). Then sweep around it on a log scale.",
      "",
      "**Batch size.** Larger batches reduce gradient noise; the linear scaling rule (multiply the rate by k when the batch grows by k, with warm-up) works up to a point (Goyal et al. 2017), beyond which returns diminish. Always check the schedule's length matches the total number of steps, and log the rate so schedule bugs are visible.",
    ].join("\n"),
    followUps: [
      "Training diverges in the first 200 steps after you doubled the batch size. What do you change?",
      "How does a learning-rate range test work, and how do you read its plot?",
      "Why does warm-up matter more for Adam and transformers than for SGD on a small CNN?",
    ],
    redFlags: [
      "Believes adaptive optimizers such as Adam make schedules unnecessary in every case.",
      "Scales the batch size up by 8× with no change to learning rate or warm-up and expects identical results.",
      "Tunes the learning rate on a linear grid (0.1, 0.2, 0.3) only.",
    ],
    criteria: [
      {
        key: "rationale",
        title: "Why schedules help",
        description: "Exploration early, settling late, noise around the minimum.",
        weight: 2,
        levels: [
          "No reason given.",
          "\"Smaller learning rates are more accurate\" with no mechanism.",
          "Explains large steps for fast early progress and small steps to converge.",
          "Relates it to gradient noise and oscillation around the minimum, and to generalization.",
          "Level 3 plus the sharp vs flat minima argument and the role of warm-up for unstable early statistics.",
        ],
      },
      {
        key: "schedules",
        title: "Knowledge of schedules",
        description: "Step, cosine, one-cycle, plateau, warm-up and when each fits.",
        weight: 3,
        levels: [
          "Knows no schedule.",
          "Names one schedule without detail.",
          "Describes two or more schedules correctly, including warm-up.",
          "Explains when to choose each and why warm-up matters for Adam, transformers and large batches.",
          "Level 3 plus warm restarts, one-cycle momentum coupling and matching schedule length to total steps.",
        ],
      },
      {
        key: "tuning",
        title: "Choosing the rate and batch-size interaction",
        description: "Range test, log-scale search and scaling with batch size.",
        weight: 2,
        levels: [
          "No method for choosing the rate.",
          "Trial and error without structure.",
          "Log-scale search or an LR range test.",
          "Also applies the linear scaling rule with warm-up when changing batch size.",
          "Level 3 plus the limits of linear scaling and diagnosing schedule bugs from logged curves.",
        ],
      },
    ],
  },
];
