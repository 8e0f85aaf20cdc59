// Question bank end to end: write a question with a rubric, edit it into a new version while a
// kit keeps the old one, find it through search, see field errors and edit conflicts, and check
// that roles and other organizations get what the permission table says.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { addMember, createUser, expect, signIn, test } from "./fixtures";

/** A word no other test (or the seeded bank) contains, so search results are unambiguous. */
const uniqueWord = () => `zeta${randomBytes(4).toString("hex")}`;

async function fillNewQuestion(page: Page, opts: { title: string; word: string }) {
  await page.goto("/questions/new");
  await page.getByLabel("Title", { exact: true }).fill(opts.title);
  await page.getByLabel("Prompt (Markdown)").fill(`Explain **why** the ${opts.word} gradient vanishes.\n\n<img src=x onerror=alert(1)>`);
  await page.getByLabel("Tags").fill("deep-learning, e2e");
  await page.getByLabel("Expected minutes").fill("20");
  await page.getByLabel("Criterion 1 title").fill("Mechanism");
  await page.getByLabel("Criterion 1 weight").fill("2");
  for (const level of [0, 1, 2, 3, 4]) {
    await page.getByLabel(`Criterion 1, level ${level}`).fill(`Mechanism answer at level ${level}`);
  }
  await page.getByRole("button", { name: "Add criterion" }).click();
  await page.getByLabel("Criterion 2 title").fill("Remedies");
  for (const level of [0, 1, 2, 3, 4]) {
    await page.getByLabel(`Criterion 2, level ${level}`).fill(`Remedies answer at level ${level}`);
  }
  await page.getByRole("button", { name: "Add follow-up" }).click();
  await page.getByLabel("Follow-up 1", { exact: true }).fill("How do residual connections help?");
  await page.getByLabel("Model answer (Markdown, interviewers only)").fill("Products of small Jacobians shrink exponentially.");
}

test.describe("question bank", () => {
  test("create a question with a rubric, edit it into version 2 while a kit keeps version 1, and find it by search", async ({ page, request }) => {
    // Any alert() would mean injected script ran.
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const owner = await createUser(request);
    await signIn(page, owner.email, owner.password);
    const word = uniqueWord();
    const title = `Vanishing gradients ${word}`;

    await fillNewQuestion(page, { title, word });
    // Live preview renders Markdown and drops the injected HTML.
    const preview = page.getByRole("heading", { name: "Prompt preview" }).locator("..");
    await expect(preview.locator("strong", { hasText: "why" })).toBeVisible();
    await expect(preview.locator("img")).toHaveCount(0);

    await page.getByRole("button", { name: "Create question" }).click();
    await expect(page).toHaveURL(/\/questions\/[^/?]+\?saved=1/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Version 1", { exact: false }).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Mechanism" })).toBeVisible();
    await expect(page.getByRole("main").locator("img")).toHaveCount(0);
    const questionId = new URL(page.url()).pathname.split("/").pop()!;

    // A kit picks up version 1 (interviews scheduled from it will keep that version).
    const v1 = (await (await page.request.get(`/api/questions/${questionId}`)).json()) as { question: { latest: { id: string } } };
    const kitRes = await page.request.post("/api/kits", {
      data: { name: `Kit ${word}`, items: [{ questionVersionId: v1.question.latest.id, minutes: 20 }] },
    });
    expect(kitRes.status()).toBe(201);
    const kitId = ((await kitRes.json()) as { kit: { id: string } }).kit.id;

    // Edit: the save creates version 2.
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Edit: ${title}` })).toBeVisible();
    const newTitle = `Exploding and vanishing gradients ${word}`;
    await page.getByLabel("Title", { exact: true }).fill(newTitle);
    await page.getByLabel("Criterion 1, level 4").fill("Derives the Jacobian product and its spectral norm");
    await page.getByRole("button", { name: "Save new version" }).click();
    await expect(page.getByText("Saved as version 2.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: newTitle })).toBeVisible();

    // History lists both versions, version 1 still used by the kit, with a readable diff.
    await page.getByRole("link", { name: "History" }).click();
    const versions = page.getByRole("list", { name: "Versions" });
    await expect(versions.getByRole("listitem")).toHaveCount(2);
    await expect(versions.getByRole("listitem").filter({ hasText: "Version 1" })).toContainText("in 1 kit");
    await expect(page.getByRole("heading", { name: "Title", exact: true })).toBeVisible();
    await expect(page.locator("ins", { hasText: "Exploding" })).toBeVisible();

    const kit = (await (await page.request.get(`/api/kits/${kitId}`)).json()) as { kit: { items: { versionNumber: number; title: string; latestVersionNumber: number }[] } };
    expect(kit.kit.items[0]).toMatchObject({ versionNumber: 1, title, latestVersionNumber: 2 });

    // Search finds the latest version, with the match highlighted.
    await page.goto("/questions");
    await page.getByRole("searchbox", { name: "Search questions" }).fill(`exploding ${word}`);
    const result = page.getByRole("link", { name: newTitle });
    await expect(result).toBeVisible();
    await expect(result.locator("mark").first()).toBeVisible();
    await result.click();
    await expect(page).toHaveURL(new RegExp(`/questions/${questionId}$`));
    expect(dialogs).toEqual([]);
  });

  test("bad input shows field errors and saves nothing", async ({ page, request }) => {
    const owner = await createUser(request);
    await signIn(page, owner.email, owner.password);
    await page.goto("/questions/new");
    await page.getByLabel("Tags").fill("Not A Tag");
    await page.getByLabel("Criterion 1 weight").fill("0");
    await page.getByRole("button", { name: "Create question" }).click();

    await expect(page.getByText("Please fix the highlighted fields. Nothing was saved.")).toBeVisible();
    await expect(page.getByLabel("Title", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(/Tags are lowercase words/)).toBeVisible();
    await expect(page.getByText("Weights must be greater than zero.")).toBeVisible();
    await expect(page.getByLabel("Criterion 1, level 0")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/questions\/new$/);

    const api = await page.request.post("/api/questions", { data: { title: "", prompt: "x", difficulty: "EASY", tags: [], minutes: 5, criteria: [] } });
    expect(api.status()).toBe(400);
    const body = (await api.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(body.error.fieldErrors)).toEqual(expect.arrayContaining(["title", "criteria"]));
    const list = (await (await page.request.get("/api/questions")).json()) as { total: number };
    expect(list.total).toBe(0);
  });

  test("the second of two concurrent edits gets a conflict showing the other version", async ({ page, request, browser }) => {
    const owner = await createUser(request);
    await signIn(page, owner.email, owner.password);
    const word = uniqueWord();
    await fillNewQuestion(page, { title: `Dropout ${word}`, word });
    await page.getByRole("button", { name: "Create question" }).click();
    await expect(page).toHaveURL(/saved=1/);
    const editUrl = `${new URL(page.url()).pathname}/edit`;

    const other = await browser.newContext({ baseURL: new URL(page.url()).origin });
    const otherPage = await other.newPage();
    await signIn(otherPage, owner.email, owner.password);
    await otherPage.goto(editUrl);
    await page.goto(editUrl);

    await otherPage.getByLabel("Title", { exact: true }).fill(`Dropout, their edit ${word}`);
    await otherPage.getByRole("button", { name: "Save new version" }).click();
    await expect(otherPage.getByText("Saved as version 2.")).toBeVisible();

    await page.getByLabel("Title", { exact: true }).fill(`Dropout, my edit ${word}`);
    await page.getByRole("button", { name: "Save new version" }).click();
    const conflict = page.getByRole("alert").filter({ hasText: "saved version 2 while you were editing" });
    await expect(conflict).toBeVisible();
    await expect(conflict.locator("del", { hasText: "their" })).toBeVisible();
    await expect(conflict.locator("ins", { hasText: "my" })).toBeVisible();

    await conflict.getByRole("button", { name: "Discard my edits and load their version" }).click();
    await expect(page.getByLabel("Title", { exact: true })).toHaveValue(`Dropout, their edit ${word}`);
    await other.close();
  });

  test("reviewers read without model answers or edit controls; other organizations get 404", async ({ page, request, pageAs }) => {
    const owner = await createUser(request);
    await signIn(page, owner.email, owner.password);
    const word = uniqueWord();
    await fillNewQuestion(page, { title: `Attention ${word}`, word });
    await page.getByRole("button", { name: "Create question" }).click();
    await expect(page).toHaveURL(/saved=1/);
    const path = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { name: /Model answer/ })).toBeVisible();

    const reviewer = await addMember(page, request, "REVIEWER");
    const reviewerPage = await pageAs(reviewer.email, reviewer.password);
    await reviewerPage.goto(path);
    await expect(reviewerPage.getByRole("heading", { level: 1, name: `Attention ${word}` })).toBeVisible();
    await expect(reviewerPage.getByRole("heading", { name: /Model answer/ })).toHaveCount(0);
    await expect(reviewerPage.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
    expect((await reviewerPage.request.put(`/api${path}`, { data: {} })).status()).toBe(403);

    const stranger = await createUser(request);
    const strangerPage = await pageAs(stranger.email, stranger.password);
    expect((await strangerPage.request.get(`/api${path}`)).status()).toBe(404);
    expect((await strangerPage.request.get(`/api${path}/versions`)).status()).toBe(404);
    expect((await strangerPage.request.post(`/api${path}/archive`)).status()).toBe(404);
    const search = (await (await strangerPage.request.get(`/api/questions?q=${word}`)).json()) as { total: number };
    expect(search.total).toBe(0);
  });
});
