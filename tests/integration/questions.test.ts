import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { archiveQuestion } from "@/lib/questions/archive-question";
import { deleteQuestion } from "@/lib/questions/delete-question";
import { getQuestionOrThrow } from "@/lib/questions/get-question";
import { getQuestionVersionOrThrow } from "@/lib/questions/get-question-version";
import { importQuestions } from "@/lib/questions/import-questions";
import { importQuestionsCsv } from "@/lib/questions/import-questions-csv";
import { listQuestionTags } from "@/lib/questions/list-question-tags";
import { listQuestionVersions } from "@/lib/questions/list-question-versions";
import { restoreQuestion } from "@/lib/questions/archive-question";
import type { CreateQuestionInput, QuestionExportFile } from "@/lib/questions/schemas";
import type { QuestionConflictDetails, QuestionDetail } from "@/lib/questions/types";
import { makeOrg } from "../helpers/factories";
import { expectAppError } from "../helpers/app-errors";
import { makeActor } from "../helpers/room-factories";
import { createQuestion, diffQuestionVersions, exportQuestions, searchQuestions, updateQuestion } from "../helpers/boundary";

const levels = (prefix = "") => [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `${prefix}Level ${level} answer` }));

function questionInput(overrides: Partial<CreateQuestionInput> = {}): CreateQuestionInput {
  return {
    title: "Vanishing gradients in deep networks",
    prompt: "Why do gradients vanish when training deep networks with sigmoid activations?",
    difficulty: "MEDIUM",
    tags: ["deep-learning", "optimization"],
    minutes: 15,
    status: "ACTIVE",
    followUps: ["How do residual connections help?"],
    redFlags: ["Says more layers always help"],
    modelAnswer: "Repeated multiplication by Jacobians with small norms shrinks the gradient exponentially.",
    criteria: [
      { title: "Mechanism", description: "Explains the chain rule product", weight: 2, levels: levels() },
      { title: "Remedies", description: "Names remedies", weight: 1, levels: levels() },
    ],
    ...overrides,
  };
}

const editOf = (q: QuestionDetail, patch: Partial<CreateQuestionInput> = {}) => ({
  title: q.latest.title,
  prompt: q.latest.prompt,
  difficulty: q.latest.difficulty,
  tags: q.latest.tags,
  minutes: q.latest.minutes,
  status: q.status === "ACTIVE" ? ("ACTIVE" as const) : ("DRAFT" as const),
  followUps: q.latest.followUps,
  redFlags: q.latest.redFlags,
  modelAnswer: q.latest.modelAnswer ?? "",
  criteria: q.latest.criteria.map((c) => ({ key: c.key, title: c.title, description: c.description, weight: c.weight, levels: c.levels })),
  lockVersion: q.lockVersion,
  ...patch,
});

let orgA: string;
let owner: Actor;
let recruiter: Actor;
let interviewer: Actor;
let reviewer: Actor;
let otherOrgOwner: Actor;

beforeAll(async () => {
  orgA = (await makeOrg({ name: "Org A" })).id;
  owner = await makeActor(orgA, "OWNER");
  recruiter = await makeActor(orgA, "RECRUITER");
  interviewer = await makeActor(orgA, "INTERVIEWER");
  reviewer = await makeActor(orgA, "REVIEWER");
  otherOrgOwner = await makeActor((await makeOrg({ name: "Org B" })).id, "OWNER");
});

describe("creating questions", () => {
  it("creates version 1 with its rubric, derived criterion keys, a search vector and an audit event", async () => {
    const q = await createQuestion(recruiter, questionInput());
    expect(q.latestVersionNo).toBe(1);
    expect(q.latest.criteria.map((c) => c.key)).toEqual(["mechanism", "remedies"]);
    expect(q.latest.scale).toEqual({ min: 0, max: 4 });
    const [row] = await db.$queryRaw<{ has: boolean }[]>`SELECT search_vector IS NOT NULL AS has FROM questions WHERE id = ${q.id}`;
    expect(row?.has).toBe(true);
    expect(await db.auditEvent.count({ where: { targetId: q.id, action: "question.created" } })).toBe(1);
  });

  it("rejects bad input with field errors and writes nothing", async () => {
    const before = await db.question.count();
    const err = await expectAppError(
      createQuestion(
        owner,
        questionInput({
          title: "",
          tags: ["Not A Tag"],
          criteria: [{ title: "Only", weight: 0, levels: levels().slice(0, 3) }],
        }),
      ),
      "VALIDATION",
    );
    expect(Object.keys(err.fieldErrors ?? {})).toEqual(expect.arrayContaining(["title", "tags.0", "criteria.0.weight", "criteria.0.levels"]));
    expect(await db.question.count()).toBe(before);
  });

  it("validates levels against the organization's own scale", async () => {
    const org = await makeOrg({ scaleMin: 1, scaleMax: 3 });
    const a = await makeActor(org.id, "ADMIN");
    await expectAppError(createQuestion(a, questionInput()), "VALIDATION");
    const ok = await createQuestion(
      a,
      questionInput({ criteria: [{ title: "Depth", weight: 1, levels: [1, 2, 3].map((level) => ({ level, descriptor: `L${level}` })) }] }),
    );
    expect(ok.latest.scale).toEqual({ min: 1, max: 3 });
  });

  it("lets only owners, admins and recruiters write", async () => {
    await expectAppError(createQuestion(interviewer, questionInput()), "FORBIDDEN");
    await expectAppError(createQuestion(reviewer, questionInput()), "FORBIDDEN");
  });

  it("shows model answers to interviewers but not to reviewers", async () => {
    const q = await createQuestion(owner, questionInput());
    expect((await getQuestionOrThrow(interviewer, q.id)).latest.modelAnswer).toMatch(/Jacobians/);
    expect((await getQuestionOrThrow(reviewer, q.id)).latest.modelAnswer).toBeNull();
    const exported = JSON.parse((await exportQuestions(reviewer, { format: "json", ids: [q.id] })).body) as QuestionExportFile;
    expect(exported.questions[0]).not.toHaveProperty("modelAnswer");
  });
});

describe("versioning", () => {
  it("appends immutable versions and keeps the history a kit points at", async () => {
    const v1 = await createQuestion(owner, questionInput({ title: "Dropout as regularization" }));
    const kit = await db.kit.create({
      data: { organizationId: orgA, name: "ML kit", items: { create: [{ questionVersionId: v1.latest.id, position: 0, minutes: 15 }] } },
      include: { items: true },
    });

    const v2 = await updateQuestion(owner, v1.id, editOf(v1, { title: "Dropout and co-adaptation" }));
    const v3 = await updateQuestion(recruiter, v1.id, editOf(v2, { prompt: "Explain dropout at training and inference time." }));
    expect([v2.latestVersionNo, v3.latestVersionNo]).toEqual([2, 3]);
    expect(v3.latest.criteria.map((c) => c.key)).toEqual(v1.latest.criteria.map((c) => c.key));

    // The kit still shows version 1, unchanged.
    const item = await db.kitItem.findUniqueOrThrow({ where: { id: kit.items[0]!.id }, include: { questionVersion: true } });
    expect(item.questionVersion.number).toBe(1);
    expect(item.questionVersion.title).toBe("Dropout as regularization");
    expect((await getQuestionVersionOrThrow(owner, v1.id, 1)).title).toBe("Dropout as regularization");

    const versions = await listQuestionVersions(owner, v1.id);
    expect(versions.map((v) => [v.number, v.usedBy.kitItems])).toEqual([
      [3, 0],
      [2, 0],
      [1, 1],
    ]);
    expect(await db.auditEvent.count({ where: { targetId: v1.id, action: "question.version_created" } })).toBe(2);

    const cmp = await diffQuestionVersions(owner, v1.id, { from: 1, to: 3 });
    expect(cmp.diff.fields.map((f) => f.field)).toEqual(["title", "prompt"]);
  });

  it("creates no version for a save without content changes", async () => {
    const q = await createQuestion(owner, questionInput());
    const same = await updateQuestion(owner, q.id, editOf(q));
    expect(same.latestVersionNo).toBe(1);
    expect(same.lockVersion).toBe(q.lockVersion);
    const published = await updateQuestion(owner, q.id, editOf(q, { status: "DRAFT" }));
    expect(published.latestVersionNo).toBe(1);
    expect(published.status).toBe("DRAFT");
  });

  it("rejects a save based on a stale lock version with a 409 carrying the other person's version", async () => {
    const q = await createQuestion(owner, questionInput());
    const theirs = await updateQuestion(recruiter, q.id, editOf(q, { title: "Recruiter's title" }));
    const err = await expectAppError(updateQuestion(owner, q.id, editOf(q, { title: "Owner's title" })), "CONFLICT");
    expect(err.status).toBe(409);
    const current = (err.details as QuestionConflictDetails).current;
    expect(current.latestVersionNo).toBe(2);
    expect(current.latest.title).toBe("Recruiter's title");
    expect(current.lockVersion).toBe(theirs.lockVersion);
    expect((await getQuestionOrThrow(owner, q.id)).latest.title).toBe("Recruiter's title");
    expect(await db.questionVersion.count({ where: { questionId: q.id } })).toBe(2);
  });

  it("lets exactly one of two simultaneous saves from the same base win", async () => {
    const q = await createQuestion(owner, questionInput());
    const results = await Promise.allSettled([
      updateQuestion(owner, q.id, editOf(q, { title: "First racer" })),
      updateQuestion(recruiter, q.id, editOf(q, { title: "Second racer" })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe("CONFLICT");
    expect(await db.questionVersion.count({ where: { questionId: q.id } })).toBe(2);
  });

  it("archives and restores, deletes only never-used drafts", async () => {
    const active = await createQuestion(owner, questionInput());
    await expectAppError(deleteQuestion(owner, active.id), "CONFLICT");
    const archived = await archiveQuestion(owner, active.id);
    expect(archived.status).toBe("ARCHIVED");
    await expectAppError(updateQuestion(owner, active.id, editOf(archived, { title: "x" })), "UNPROCESSABLE");
    expect((await restoreQuestion(owner, active.id)).status).toBe("ACTIVE");

    const usedDraft = await createQuestion(owner, questionInput({ status: "DRAFT" }));
    await db.kit.create({
      data: { organizationId: orgA, name: "Kit", items: { create: [{ questionVersionId: usedDraft.latest.id, position: 0, minutes: 5 }] } },
    });
    await expectAppError(deleteQuestion(owner, usedDraft.id), "CONFLICT");

    const draft = await createQuestion(owner, questionInput({ status: "DRAFT" }));
    await deleteQuestion(owner, draft.id);
    expect(await db.question.count({ where: { id: draft.id } })).toBe(0);
    expect(await db.questionVersion.count({ where: { questionId: draft.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { targetId: draft.id, action: "question.deleted" } })).toBe(1);
  });
});

describe("full-text search", () => {
  let org: string;
  let a: Actor;
  beforeAll(async () => {
    org = (await makeOrg()).id;
    a = await makeActor(org, "ADMIN");
    const make = (title: string, prompt: string, extra: Partial<CreateQuestionInput> = {}) =>
      createQuestion(a, questionInput({ title, prompt, criteria: [{ title: "Depth", weight: 1, levels: levels() }], ...extra }));
    await make("Self-attention in transformers", "Walk through scaled dot-product attention.", { tags: ["nlp"], difficulty: "HARD" });
    await make("Sequence models", "Compare recurrent networks with attention mechanisms.", { tags: ["nlp"], difficulty: "MEDIUM" });
    await make("Convolution receptive fields", "How does the receptive field grow with depth?", { tags: ["cv"], difficulty: "EASY" });
    await make("Learning-rate schedules", "Warmup and cosine decay.", {
      tags: ["optimization"],
      criteria: [{ title: "Warmup", description: "Relates warmup to attention instabilities", weight: 1, levels: levels() }],
    });
    const archived = await make("Attention (old)", "Outdated attention question.");
    await archiveQuestion(a, archived.id);
  });

  it("ranks a title match above a prompt match above a rubric-only match", async () => {
    const r = await searchQuestions(a, { q: "attention" });
    expect(r.sort).toBe("relevance");
    expect(r.items.map((i) => i.title)).toEqual(["Self-attention in transformers", "Sequence models", "Learning-rate schedules"]);
    expect(r.total).toBe(3);
    const ranks = r.items.map((i) => i.rank ?? 0);
    expect(ranks[0]).toBeGreaterThan(ranks[1]!);
    expect(ranks[1]).toBeGreaterThan(ranks[2]!);
  });

  it("returns highlights as segments, matching stemmed words", async () => {
    const r = await searchQuestions(a, { q: "attention" });
    expect(r.items[0]!.titleHighlight.filter((s) => s.match).map((s) => s.text.toLowerCase())).toContain("attention");
    expect(r.items[1]!.snippet.some((s) => s.match && /attention/i.test(s.text))).toBe(true);
  });

  it("supports web-search syntax: phrases and exclusions", async () => {
    expect((await searchQuestions(a, { q: '"receptive field"' })).items.map((i) => i.title)).toEqual(["Convolution receptive fields"]);
    expect((await searchQuestions(a, { q: "attention -transformers" })).items.map((i) => i.title)).not.toContain("Self-attention in transformers");
  });

  it("filters by tag, difficulty and status, and pages", async () => {
    expect((await searchQuestions(a, { tags: ["nlp"], difficulty: ["HARD"] })).items.map((i) => i.title)).toEqual(["Self-attention in transformers"]);
    expect((await searchQuestions(a, { status: ["ARCHIVED"] })).items.map((i) => i.title)).toEqual(["Attention (old)"]);
    const page2 = await searchQuestions(a, { sort: "title", pageSize: 2, page: 2 });
    expect(page2.total).toBe(4);
    expect(page2.items.map((i) => i.title)).toEqual(["Self-attention in transformers", "Sequence models"]);
    expect((await listQuestionTags(a)).find((t) => t.tag === "nlp")?.count).toBe(2);
  });

  it("searches the latest version only", async () => {
    const q = await createQuestion(a, questionInput({ title: "Batch normalization", prompt: "Explain batchnorm." }));
    await updateQuestion(a, q.id, editOf(q, { title: "Layer normalization", prompt: "Explain layernorm." }));
    expect((await searchQuestions(a, { q: "batch" })).items.map((i) => i.id)).not.toContain(q.id);
    expect((await searchQuestions(a, { q: "layer normalization" })).items.map((i) => i.id)).toContain(q.id);
  });
});

describe("import and export", () => {
  function fileOf(questions: unknown[]): unknown {
    return { format: "panelist.questions", version: 1, scale: { min: 0, max: 4 }, questions };
  }
  const row = (key: string, title: string) => ({
    key,
    title,
    prompt: `Prompt for ${title}`,
    difficulty: "EASY",
    tags: ["imported"],
    minutes: 10,
    status: "ACTIVE",
    criteria: [{ key: "depth", title: "Depth", description: "", weight: 1, levels: levels() }],
  });

  it("reports row-level errors and imports nothing when any row is bad", async () => {
    const org = (await makeOrg()).id;
    const a = await makeActor(org, "ADMIN");
    const bad = { ...row("q-2", ""), criteria: [{ key: "depth", title: "Depth", weight: -1, levels: levels().slice(1) }] };
    const err = await expectAppError(importQuestions(a, fileOf([row("q-1", "One"), bad, row("q-1", "Dup"), row("q-4", "Four")])), "VALIDATION");
    const rows = (err.details as { rows: { row: number; key: string; fieldErrors: Record<string, string[]> }[] }).rows;
    expect(rows.map((r) => r.row)).toEqual([1, 2]);
    expect(Object.keys(rows[0]!.fieldErrors)).toEqual(expect.arrayContaining(["title", "criteria.0.weight", "criteria.0.levels"]));
    expect(rows[1]!.fieldErrors.key?.[0]).toMatch(/already uses this key/);
    expect(err.fieldErrors?.["questions.1.title"]).toBeDefined();
    expect(await db.question.count({ where: { organizationId: org } })).toBe(0);
  });

  it("rolls back every row when a write fails midway", async () => {
    const org = (await makeOrg()).id;
    const a = await makeActor(org, "ADMIN");
    // Both rows pass validation; a trigger makes the database refuse the second insert, so the
    // first row's writes (question, version, criteria, search vector) must roll back with it.
    await db.$executeRawUnsafe(`
      CREATE FUNCTION fail_on_boom() RETURNS trigger AS $$
      BEGIN IF NEW.title = 'Boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER fail_on_boom BEFORE INSERT ON questions FOR EACH ROW EXECUTE FUNCTION fail_on_boom()`);
    try {
      await expect(importQuestions(a, fileOf([row("ok-1", "Fine"), row("ok-2", "Boom")]))).rejects.toThrow();
      expect(await db.question.count({ where: { organizationId: org } })).toBe(0);
      expect(await db.auditEvent.count({ where: { organizationId: org, action: "questions.imported" } })).toBe(0);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER fail_on_boom ON questions`);
      await db.$executeRawUnsafe(`DROP FUNCTION fail_on_boom()`);
    }
  });

  it("dry-runs without writing, imports, re-imports as a no-op, and versions changed rows", async () => {
    const org = (await makeOrg()).id;
    const a = await makeActor(org, "RECRUITER");
    const file = fileOf([row("k-1", "One"), row("k-2", "Two")]);
    const dry = await importQuestions(a, file, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, created: 2 });
    expect(await db.question.count({ where: { organizationId: org } })).toBe(0);

    expect(await importQuestions(a, file)).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(await importQuestions(a, file)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = fileOf([{ ...row("k-1", "One, revised") }, row("k-2", "Two")]);
    expect(await importQuestions(a, changed)).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const q = await db.question.findFirstOrThrow({ where: { organizationId: org, externalKey: "k-1" } });
    expect(q.latestVersionNo).toBe(2);
    expect(await db.auditEvent.count({ where: { organizationId: org, action: "questions.imported" } })).toBe(3);
  });

  it("refuses a file written for another scale", async () => {
    const a = await makeActor((await makeOrg()).id, "ADMIN");
    const err = await expectAppError(importQuestions(a, { ...(fileOf([row("x", "X")]) as object), scale: { min: 1, max: 5 } }), "VALIDATION");
    expect(err.fieldErrors?.scale?.[0]).toMatch(/1–5/);
  });

  it("round-trips JSON losslessly between organizations", async () => {
    const src = await makeActor((await makeOrg()).id, "OWNER");
    const q = await createQuestion(src, questionInput({ title: "Transfer learning", tags: ["cv", "transfer"] }));
    await updateQuestion(src, q.id, editOf(q, { redFlags: ["Fine-tunes everything with a huge LR"] }));
    await createQuestion(src, questionInput({ title: "Optimizers", status: "DRAFT", followUps: [], modelAnswer: "" }));
    const first = JSON.parse((await exportQuestions(src, { format: "json" })).body) as QuestionExportFile;

    const dst = await makeActor((await makeOrg()).id, "ADMIN");
    expect(await importQuestions(dst, first)).toMatchObject({ created: 2 });
    const second = JSON.parse((await exportQuestions(dst, { format: "json" })).body) as QuestionExportFile;
    expect(second.questions).toEqual(first.questions);
    expect(second.scale).toEqual(first.scale);
  });

  it("keeps a question's demo lab on its versions: edits and imports that leave it out keep it, a change is a new version", async () => {
    const owner = await makeActor((await makeOrg()).id, "OWNER");
    const q = await createQuestion(owner, questionInput({ title: "Imbalanced metrics", lab: "roc-imbalanced" }));
    expect(q.latest.lab).toBe("roc-imbalanced");
    // An edit without the field (an older client, the CSV path) keeps the lab on the new version.
    const edit = editOf(q, { redFlags: ["Reports accuracy alone"] });
    expect("lab" in edit).toBe(false);
    const v2 = await updateQuestion(owner, q.id, edit);
    expect(v2.latest).toMatchObject({ number: 2, lab: "roc-imbalanced" });
    // Changing only the lab is a content change: version 3, and the diff names it.
    const v3 = await updateQuestion(owner, q.id, { ...editOf(v2), lab: "nearest-face" });
    expect(v3.latest).toMatchObject({ number: 3, lab: "nearest-face" });
    const diff = await diffQuestionVersions(owner, q.id, { from: 2, to: 3 });
    expect(diff.diff.fields.map((f) => [f.field, f.parts.map((p) => p.value)])).toEqual([["lab", ["Is accuracy reliable?", "A face among millions"]]]);
    // Export carries it; an import without it keeps it, with null clears it.
    const file = JSON.parse((await exportQuestions(owner, { format: "json" })).body) as QuestionExportFile;
    expect(file.questions[0]!.lab).toBe("nearest-face");
    const { lab: _l, ...noLab } = file.questions[0]!;
    expect(await importQuestions(owner, { ...file, questions: [{ ...noLab, redFlags: ["Changed"] }] })).toMatchObject({ updated: 1 });
    expect((await getQuestionOrThrow(owner, q.id)).latest).toMatchObject({ number: 4, lab: "nearest-face" });
    expect(await importQuestions(owner, { ...file, questions: [{ ...file.questions[0]!, redFlags: ["Changed"], lab: null }] })).toMatchObject({ updated: 1 });
    expect((await getQuestionOrThrow(owner, q.id)).latest).toMatchObject({ number: 5, lab: null });
    // Older versions keep theirs (versions are immutable).
    expect((await getQuestionVersionOrThrow(owner, q.id, 1)).lab).toBe("roc-imbalanced");
    // Only lab names are accepted.
    await expectAppError(updateQuestion(owner, q.id, { ...editOf(await getQuestionOrThrow(owner, q.id)), lab: "mnist" }), "VALIDATION");
  });

  it("exports CSV with formula-looking cells neutralized, and Markdown", async () => {
    const a = await makeActor((await makeOrg()).id, "OWNER");
    await createQuestion(a, questionInput({ title: "=HYPERLINK(\"https://evil\")", prompt: "Line one,\nline \"two\"" }));
    const csv = (await exportQuestions(a, { format: "csv" })).body;
    expect(csv.split("\r\n")[0]).toBe(
      "key,title,status,difficulty,minutes,tags,prompt,follow_ups,red_flags,model_answer,version," +
        ["criterion_1", "criterion_2"].map((c) => `${c}_key,${c}_title,${c}_description,${c}_weight,${[0, 1, 2, 3, 4].map((l) => `${c}_level_${l}`).join(",")}`).join(","),
    );
    expect(csv).toContain(`"'=HYPERLINK(""https://evil"")"`);
    expect(csv).toContain(`"Line one,\nline ""two"""`);
    const md = (await exportQuestions(a, { format: "markdown" })).body;
    expect(md).toContain("### Rubric");
    expect(md).toContain("| 4 | Level 4 answer |");
  });
});

describe("CSV import", () => {
  const csvOf = async (a: Actor) => (await exportQuestions(a, { format: "csv" })).body;

  it("round-trips the CSV export between organizations", async () => {
    const src = await makeActor((await makeOrg()).id, "OWNER");
    const q = await createQuestion(src, questionInput({ title: "Transfer learning", tags: ["cv", "transfer"], prompt: "Which layers, and why?\n\n- freeze, \"thaw\"" }));
    await updateQuestion(src, q.id, editOf(q, { redFlags: ["Fine-tunes everything with a huge LR", "Ignores domain shift"] }));
    await createQuestion(
      src,
      questionInput({
        title: "Optimizers",
        status: "DRAFT",
        followUps: [],
        modelAnswer: "",
        criteria: [{ title: "Adam", description: "Moments,\nbias correction", weight: 0.5, levels: levels("Adam ") }],
      }),
    );
    const first = await csvOf(src);
    const firstJson = JSON.parse((await exportQuestions(src, { format: "json" })).body) as QuestionExportFile;

    const dst = await makeActor((await makeOrg()).id, "ADMIN");
    const dry = await importQuestionsCsv(dst, first, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, created: 2 });
    expect(dry.questions.map((r) => r.sourceRow)).toEqual([2, 3]);
    expect(await db.question.count({ where: { organizationId: dst.organizationId } })).toBe(0);

    expect(await importQuestionsCsv(dst, first)).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const second = await csvOf(dst);
    // The version column restarts at 1 in the new organization; every other cell is equal.
    const withoutVersion = (csv: string) => (parse(csv) as string[][]).map((r) => r.map((c, i) => (i === 10 ? "" : c)));
    expect(withoutVersion(second)).toEqual(withoutVersion(first));
    expect(second).not.toBe(first);
    const secondJson = JSON.parse((await exportQuestions(dst, { format: "json" })).body) as QuestionExportFile;
    expect(secondJson.questions).toEqual(firstJson.questions);
    // Re-importing the same CSV is a no-op.
    expect(await importQuestionsCsv(dst, second)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await db.auditEvent.count({ where: { organizationId: dst.organizationId, action: "questions.imported" } })).toBe(2);
  });

  it("reports errors by CSV row and field, and writes nothing", async () => {
    const src = await makeActor((await makeOrg()).id, "OWNER");
    await createQuestion(src, questionInput({ title: "Good one" }));
    await createQuestion(src, questionInput({ title: "Bad one" }));
    await createQuestion(src, questionInput({ title: "Good two" }));
    const records = (await csvOf(src)).split("\r\n");
    // Row 3 (the second question): weight of its second criterion is not a number, and its title is empty.
    records[2] = records[2]!.replace(/,Bad one,/, ",,").replace(/,1,(Level 0 answer)/, ",heavy,$1");
    const dst = await makeActor((await makeOrg()).id, "ADMIN");
    const err = await expectAppError(importQuestionsCsv(dst, records.join("\r\n")), "VALIDATION");
    expect(err.message).toMatch(/1 of 3 rows have problems\. Nothing was imported/);
    expect(Object.keys(err.fieldErrors ?? {})).toEqual(expect.arrayContaining(["Row 3, title", "Row 3, criteria[1].weight"]));
    expect(err.fieldErrors?.["Row 3, criteria[1].weight"]?.[0]).toMatch(/Weights are numbers/);
    const rows = (err.details as { rows: { row: number; sourceRow?: number }[] }).rows;
    expect(rows.map((r) => r.sourceRow)).toEqual([3]);
    expect(await db.question.count({ where: { organizationId: dst.organizationId } })).toBe(0);
    expect(await db.auditEvent.count({ where: { organizationId: dst.organizationId, action: "questions.imported" } })).toBe(0);
  });

  it("un-escapes formula-looking cells, so they round-trip exactly", async () => {
    const src = await makeActor((await makeOrg()).id, "OWNER");
    const nasty = {
      title: "=HYPERLINK(\"https://evil\",\"x\")",
      prompt: "+cmd|' /C calc'!A0",
      followUps: ["-2+3", "@SUM(A1)", "'=already quoted"],
      redFlags: ["'plain apostrophe"],
      modelAnswer: "=1+1",
      criteria: [{ title: "-negative", description: "@mention", weight: 1, levels: levels("=") }],
    };
    await createQuestion(src, questionInput(nasty));
    const csv = await csvOf(src);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil"",""x"")"`);
    expect(csv).toContain(`'+cmd|' /C calc'!A0`);
    expect(csv).toContain(`'=Level 0 answer`);

    const dst = await makeActor((await makeOrg()).id, "ADMIN");
    expect(await importQuestionsCsv(dst, csv)).toMatchObject({ created: 1 });
    const [imported] = (JSON.parse((await exportQuestions(dst, { format: "json" })).body) as QuestionExportFile).questions;
    expect(imported).toMatchObject({ ...nasty, criteria: [{ ...nasty.criteria[0], levels: levels("=") }] });
    expect(await csvOf(dst)).toBe(csv);
  });
});

describe("tenant isolation", () => {
  it("answers NOT_FOUND to another organization on every question service", async () => {
    const q = await createQuestion(owner, questionInput({ title: "Org A secret question" }));
    const b = otherOrgOwner;
    await expectAppError(getQuestionOrThrow(b, q.id), "NOT_FOUND");
    await expectAppError(updateQuestion(b, q.id, editOf(q)), "NOT_FOUND");
    await expectAppError(archiveQuestion(b, q.id), "NOT_FOUND");
    await expectAppError(restoreQuestion(b, q.id), "NOT_FOUND");
    await expectAppError(deleteQuestion(b, q.id), "NOT_FOUND");
    await expectAppError(listQuestionVersions(b, q.id), "NOT_FOUND");
    await expectAppError(getQuestionVersionOrThrow(b, q.id, 1), "NOT_FOUND");
    await expectAppError(diffQuestionVersions(b, q.id, { from: 1, to: 1 }), "NOT_FOUND");
    expect((await searchQuestions(b, { q: "secret" })).total).toBe(0);
    expect((await listQuestionTags(b)).length).toBe(0);
    const exported = JSON.parse((await exportQuestions(b, { format: "json", ids: [q.id] })).body) as QuestionExportFile;
    expect(exported.questions).toEqual([]);

    // Importing a row keyed with A's question id creates B's own question; A's is untouched.
    const result = await importQuestions(b, {
      format: "panelist.questions",
      version: 1,
      scale: { min: 0, max: 4 },
      questions: [{ key: q.id, title: "Hijack", prompt: "x", difficulty: "EASY", tags: [], minutes: 5, criteria: [{ key: "k", title: "K", weight: 1, levels: levels() }] }],
    });
    expect(result.created).toBe(1);
    expect((await getQuestionOrThrow(owner, q.id)).latest.title).toBe("Org A secret question");
  });
});

describe("search index", () => {
  it("indexes rubric descriptors as text, not the JSON keys around them", async () => {
    const a = await makeActor((await makeOrg()).id, "ADMIN");
    const q = await createQuestion(
      a,
      questionInput({ criteria: [{ title: "Depth", weight: 1, levels: levels("Mentions eigenvalues. ") }] }),
    );
    expect((await searchQuestions(a, { q: "eigenvalues" })).items.map((i) => i.id)).toEqual([q.id]);
    expect((await searchQuestions(a, { q: "descriptor" })).total).toBe(0);
  });
});
