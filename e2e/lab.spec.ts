// Demo labs end to end: launch the ROC lab, see AUC and the confusion matrix, move the
// threshold and watch the matrix change without a round trip; bad parameters get field
// errors; another organization's run is a 404; reviewers may not launch.
import { addMember, createUser, expect, signIn, test } from "./fixtures";

const count = async (text: Promise<string | null>) => Number((await text)?.replace(/[^0-9]/g, "") ?? NaN);

test.describe("labs", () => {
  test("run the ROC lab, read AUC beside the always-negative baseline, and move the threshold", async ({ page, request }) => {
    const owner = await createUser(request);
    await signIn(page, owner.email, owner.password);
    await page.goto("/lab");
    await page.getByRole("link", { name: "Is accuracy reliable?" }).click();
    await expect(page).toHaveURL(/\/lab\/roc-imbalanced$/);
    await page.getByRole("button", { name: "Run lab" }).click();
    await expect(page).toHaveURL(/\?run=/);
    await expect(page.getByTestId("lab-run-status")).toHaveText("Finished", { timeout: 60_000 });

    await expect(page.getByText("ROC AUC")).toBeVisible();
    await expect(page.getByText("Always “no attack”")).toBeVisible();
    const tp = page.getByTestId("cm-tp");
    const fp = page.getByTestId("cm-fp");
    const fn = page.getByTestId("cm-fn");
    const tn = page.getByTestId("cm-tn");
    const total = async () => (await count(tp.textContent())) + (await count(fp.textContent())) + (await count(fn.textContent())) + (await count(tn.textContent()));
    expect(await total()).toBe(100_000);
    const fpAtHalf = await count(fp.textContent());

    // The slider recomputes locally: no request is made while it moves (the header bell's event
    // stream, which opens a few seconds after a page settles, is not the slider's).
    let requests = 0;
    page.on("request", (r) => {
      if (r.url().includes("/api/") && !r.url().includes("/api/me/notifications/events")) requests++;
    });
    const slider = page.getByLabel("Decision threshold");
    await slider.fill("0.95");
    await expect(page.locator("output")).toHaveText("0.950");
    await expect.poll(() => count(fp.textContent())).toBeLessThan(fpAtHalf);
    await slider.fill("0");
    await expect.poll(() => count(fn.textContent())).toBe(0);
    expect(await total()).toBe(100_000);
    // On the keyboard: arrows move a visible 0.01, Page Up 0.1, Shift+arrow 0.001.
    await slider.focus();
    await page.keyboard.press("PageUp");
    await expect(page.locator("output")).toHaveText("0.100");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await expect(page.locator("output")).toHaveText("0.130");
    await page.keyboard.press("Shift+ArrowLeft");
    await expect(page.locator("output")).toHaveText("0.129");
    expect(requests).toBe(0);

    // A reload keeps the run (its id is in the URL) and its stored result.
    await page.reload();
    await expect(page.getByTestId("lab-run-status")).toHaveText("Finished");
  });

  test("out-of-range parameters are refused with field errors, in the form and from the API", async ({ page, request }) => {
    const owner = await createUser(request);
    await signIn(page, owner.email, owner.password);
    await page.goto("/lab/roc-imbalanced");
    await page.getByLabel("Held-out rows").fill("1000");
    await page.getByRole("button", { name: "Run lab" }).click();
    await expect(page.getByText("At least 100,000 held-out rows.")).toBeVisible();

    for (const [body, field] of [
      [{ lab: "roc-imbalanced", params: { threshold: 2 } }, "params.threshold"],
      [{ lab: "batch-norm", params: { epochs: 1000 } }, "params.epochs"],
      [{ lab: "batch-norm", params: { highLearningRate: -1 } }, "params.highLearningRate"],
      [{ lab: "nearest-face", params: { vectors: 5_000_000 } }, "params.vectors"],
    ] as const) {
      const res = await page.request.post("/api/lab-runs", { data: body });
      expect(res.status()).toBe(400);
      expect(Object.keys(((await res.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors)).toContain(field);
    }
  });

  test("another organization's run is a 404 and reviewers cannot launch labs", async ({ page, request, pageAs }) => {
    const owner = await createUser(request);
    await signIn(page, owner.email, owner.password);
    const started = await page.request.post("/api/lab-runs", { data: { lab: "bias-variance" } });
    expect(started.status()).toBe(202);
    const { id } = (await started.json()) as { id: string };

    const stranger = await createUser(request);
    const other = await pageAs(stranger.email, stranger.password);
    expect((await other.request.get(`/api/lab-runs/${id}`)).status()).toBe(404);
    expect((await other.request.get(`/api/lab-runs/${id}/events`)).status()).toBe(404);
    expect((await other.request.post(`/api/lab-runs/${id}/cancel`)).status()).toBe(404);

    const reviewer = await addMember(page, request, "REVIEWER");
    const reviewerPage = await pageAs(reviewer.email, reviewer.password);
    expect((await reviewerPage.request.post("/api/lab-runs", { data: { lab: "bias-variance" } })).status()).toBe(403);
    expect((await reviewerPage.request.get(`/api/lab-runs/${id}`)).status()).toBe(200);
  });
});
