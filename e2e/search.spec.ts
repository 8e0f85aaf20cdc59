// Search end to end (issue 14): the bank finds what recruiters type (partial words,
// abbreviations, the other spelling, typos) and marks what matched; the kit editor's picker
// finds the same; an organization's own synonym takes effect at once; people search folds
// accents and tolerates a wrong letter.
import { createUser, demoUser, expect, signIn, test } from "./fixtures";

const BN = "Batch normalization: what it does and why it helps";
const FACE = "Finding a new face among 10 million face vectors";
const BIAS = "Bias, variance and the tradeoff between them";

test.describe("search", () => {
  test("the bank finds partial words, abbreviations, the other spelling and typos, and the kit editor agrees", async ({ page }) => {
    await signIn(page, demoUser("RECRUITER").email);
    await page.goto("/questions");
    const box = page.getByLabel("Search questions");
    const results = page.getByRole("region", { name: "Questions" }).getByRole("listitem");
    const first = results.first().getByRole("heading");

    await box.fill("batch norm");
    await expect(first).toHaveText(BN);
    await expect(first.locator("mark")).toHaveText(["Batch", "normalization"]);
    await expect(page).toHaveURL(/[?&]q=batch\+norm/);

    await box.fill("BN");
    await expect(first).toHaveText(BN);
    await box.fill("nearest neighbor");
    await expect(first).toHaveText(FACE);
    await box.fill("bias varience");
    await expect(first).toHaveText(BIAS);
    await expect(results.first().getByText("Close spelling")).toBeVisible();

    await page.goto("/kits/new");
    const picker = page.getByLabel("Add questions from the bank");
    for (const [q, title] of [["bias variance", BIAS], ["batchnorm", BN], ["ROC", "Is accuracy enough? Choosing classification metrics"]] as const) {
      await picker.fill(q);
      await expect(page.getByRole("button", { name: `Add ${title}` })).toBeVisible();
    }
  });

  test("an organization's own synonym works at once, and people search folds accents and tolerates a typo", async ({ page }) => {
    const owner = await createUser(page.request);
    await signIn(page, owner.email, owner.password);
    const levels = [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `Level ${level}` }));
    const created = await page.request.post("/api/questions", {
      data: { title: "Subword tokenizers", prompt: "How do they split rare words?", difficulty: "EASY", tags: ["nlp"], minutes: 10, status: "ACTIVE", criteria: [{ title: "Depth", weight: 1, levels }] },
    });
    expect(created.status()).toBe(201);

    await page.goto("/settings/search");
    await expect(page.getByRole("list", { name: "Synonym groups" }).getByRole("listitem").first()).toBeVisible();
    const terms = page.getByLabel("Terms that mean the same");
    await terms.fill("WordPiece");
    await page.getByRole("button", { name: "Add group" }).click();
    await expect(page.getByText("A group needs at least two terms that mean the same.")).toBeVisible();
    await terms.fill("WordPiece, subword");
    await page.getByRole("button", { name: "Add group" }).click();
    await expect(terms).toHaveValue("");

    await page.goto("/questions");
    await page.getByLabel("Search questions").fill("wordpiece");
    await expect(page.getByRole("region", { name: "Questions" }).getByRole("heading", { name: "Subword tokenizers" })).toBeVisible();

    for (const name of ["Zoë Łukasiewicz-Åström", "Lucas Weber"]) expect((await page.request.post("/api/candidates", { data: { name, email: null } })).ok()).toBe(true);
    await page.goto("/candidates");
    const search = page.getByLabel("Search by name, email or role");
    for (const q of ["lukasiewicz", "Łukas", "lukasiewisz"]) {
      await search.fill(q);
      await expect(page.getByRole("link", { name: "Zoë Łukasiewicz-Åström" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Lucas Weber" })).toHaveCount(0);
    }
  });
});
