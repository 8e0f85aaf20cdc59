// Accounts and organizations end to end: sign-up, sign-in, sign-out, the sign-in redirect,
// invitations, role changes that apply on the next request, and tenant isolation.
import { addMember, createUser, demoUser, expect, inviteMember, signIn, test, TEST_PASSWORD, uniqueEmail } from "./fixtures";

test.describe("sign-up, sign-in and sign-out", () => {
  test("sign-up creates the organization and lands on its dashboard", async ({ page }) => {
    const org = `Sign-up Labs ${Date.now().toString(36)}`;
    await page.goto("/sign-up");
    await page.getByLabel("Your name").fill("Sam Signup");
    await page.getByLabel("Work email").fill(uniqueEmail("signup"));
    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByLabel("Organization name").fill(org);
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL("/");
    await expect(page.getByRole("banner").getByText(org)).toBeVisible();
    await expect(page.getByRole("button", { name: "Sam Signup" })).toBeVisible();
  });

  test("a wrong password shows the same alert as an unknown account, and the right one signs in", async ({ page, request }) => {
    const user = await createUser(request);
    await page.goto("/sign-in");

    const submit = async () => {
      const answered = page.waitForResponse((r) => r.url().endsWith("/api/auth/callback/credentials"));
      await page.getByRole("button", { name: "Sign in" }).click();
      await answered;
    };

    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not-the-password-1");
    await submit();
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toBeVisible();
    const wrongPasswordMessage = (await alert.textContent())?.trim();

    await page.getByLabel("Email").fill(uniqueEmail("nobody"));
    await submit();
    await expect(alert).toHaveText(wrongPasswordMessage ?? "");
    expect(wrongPasswordMessage).toBeTruthy();
    expect(wrongPasswordMessage).not.toMatch(/no account|not found|not exist|unknown|wrong password/i);
    await expect(page).toHaveURL(/\/sign-in/);

    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("banner").getByText(user.organizationName)).toBeVisible();
  });

  test("sign-out from the user menu ends the session", async ({ page, request }) => {
    const user = await createUser(request);
    await signIn(page, user.email, user.password);
    await page.goto("/");

    await page.getByRole("button", { name: user.name }).click();
    await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    // The session is really gone, not just the page: the dashboard and the API refuse.
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F$/);
    expect((await page.request.get("/api/me")).status()).toBe(401);
  });

  test("a signed-out visit to a protected page goes to sign-in and back after signing in", async ({ page, request }) => {
    const user = await createUser(request);
    await page.goto("/questions");
    await expect(page).toHaveURL("/sign-in?callbackUrl=%2Fquestions");

    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/questions");
    await expect(page.getByRole("banner").getByText(user.organizationName)).toBeVisible();
  });

  test("anonymous API requests get 401 JSON, not a redirect", async ({ request }) => {
    const res = await request.get("/api/organizations/members", { maxRedirects: 0 });
    expect(res.status()).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
  });
});

test.describe("invitations", () => {
  test("an owner invites by link; the invitee sets a password and joins; the link then says it was used", async ({ page, request, browser }) => {
    const owner = await createUser(request);
    await signIn(page, owner.email, owner.password);
    const inviteeEmail = uniqueEmail("invitee");

    await page.goto("/settings/members");
    await page.getByLabel("Email").fill(inviteeEmail);
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Interviewer" });
    await page.getByRole("button", { name: "Send invite" }).click();
    const linkField = page.getByLabel("Invite link");
    await expect(linkField).toBeVisible();
    await expect(linkField).not.toBeEditable();
    const link = await linkField.inputValue();
    expect(link).toMatch(/\/invite\/[\w-]{20,}$/);

    const invitee = await browser.newContext();
    try {
      const invitePage = await invitee.newPage();
      await invitePage.goto(link);
      await invitePage.getByLabel("Your name").fill("Ivan Invitee");
      await invitePage.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
      await invitePage.getByRole("button", { name: "Accept invitation" }).click();
      await expect(invitePage).toHaveURL(new URL("/", link).toString());
      await expect(invitePage.getByRole("banner").getByText(owner.organizationName)).toBeVisible();
      await expect(invitePage.getByRole("button", { name: "Ivan Invitee" })).toBeVisible();

      // Single use: the same link, even for the person who used it, is spent.
      await invitePage.goto(link);
      await expect(invitePage.getByRole("main").getByRole("alert")).toContainText(/already been used/i);
      await expect(invitePage.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
    } finally {
      await invitee.close();
    }

    await page.reload();
    await expect(page.getByRole("cell", { name: inviteeEmail })).toBeVisible();
  });
});

test.describe("roles", () => {
  test("promoting an interviewer to admin opens the invite form on their next request", async ({ page, request, pageAs }) => {
    const owner = await createUser(request);
    await signIn(page, owner.email, owner.password);
    const member = await addMember(page, request, "INTERVIEWER");
    const memberPage = await pageAs(member.email, member.password);

    await memberPage.goto("/settings/members");
    await expect(memberPage.getByRole("heading", { name: "Members" }).first()).toBeVisible();
    await expect(memberPage.getByRole("button", { name: "Send invite" })).toHaveCount(0);
    expect((await memberPage.request.post("/api/organizations/invitations", { data: { email: uniqueEmail("x"), role: "REVIEWER" } })).status()).toBe(403);

    await page.goto("/settings/members");
    const roleSelect = page.getByLabel(`Role for ${member.name}`);
    const saved = page.waitForResponse((r) => r.url().includes(`/api/organizations/members/${member.membershipId}`) && r.request().method() === "PATCH");
    await roleSelect.selectOption({ label: "Admin" });
    expect((await saved).status()).toBe(200);

    // Same session cookie, no sign-out: the role is read from the database per request.
    await memberPage.reload();
    await expect(memberPage.getByRole("button", { name: "Send invite" })).toBeVisible();
    const me = (await (await memberPage.request.get("/api/me")).json()) as { actor: { role: string } };
    expect(me.actor.role).toBe("ADMIN");
  });

  test("a demoted admin is refused at once, even from a page loaded while still admin", async ({ page, request, pageAs }) => {
    const owner = await createUser(request);
    await signIn(page, owner.email, owner.password);
    const admin = await addMember(page, request, "ADMIN");
    const adminPage = await pageAs(admin.email, admin.password);
    await adminPage.goto("/settings/members");
    await expect(adminPage.getByRole("button", { name: "Send invite" })).toBeVisible();

    const demoted = await page.request.patch(`/api/organizations/members/${admin.membershipId}`, { data: { role: "INTERVIEWER" } });
    expect(demoted.status()).toBe(200);

    // The stale form is still on screen; submitting it is refused by the server.
    await adminPage.getByLabel("Email").fill(uniqueEmail("late"));
    await adminPage.getByRole("button", { name: "Send invite" }).click();
    await expect(adminPage.getByRole("main").getByRole("alert")).toContainText("You do not have permission");
    await expect(adminPage.getByLabel("Invite link")).toHaveCount(0);

    const api = await adminPage.request.post("/api/organizations/invitations", { data: { email: uniqueEmail("late"), role: "REVIEWER" } });
    expect(api.status()).toBe(403);
    expect(((await api.json()) as { error: { message: string } }).error.message).toMatch(/You do not have permission/);

    await adminPage.reload();
    await expect(adminPage.getByRole("button", { name: "Send invite" })).toHaveCount(0);
  });
});

test.describe("tenant isolation", () => {
  test("a member of another organization gets 404 for this organization's members and questions", async ({ page, request, pageAs }) => {
    const ownerA = await createUser(request);
    await signIn(page, ownerA.email, ownerA.password);
    const memberA = await addMember(page, request, "INTERVIEWER");
    const ownerB = await createUser(request);
    const pageB = await pageAs(ownerB.email, ownerB.password);

    // Control: org A itself can read its member.
    expect((await page.request.get(`/api/organizations/members/${memberA.membershipId}`)).status()).toBe(200);

    const read = await pageB.request.get(`/api/organizations/members/${memberA.membershipId}`);
    expect(read.status()).toBe(404);
    const change = await pageB.request.patch(`/api/organizations/members/${memberA.membershipId}`, { data: { role: "ADMIN" } });
    expect(change.status()).toBe(404);
    const remove = await pageB.request.delete(`/api/organizations/members/${memberA.membershipId}`);
    expect(remove.status()).toBe(404);
    const after = (await (await page.request.get(`/api/organizations/members/${memberA.membershipId}`)).json()) as { member: { role: string } };
    expect(after.member.role).toBe("INTERVIEWER");

    // A question of the demo organization is just as invisible to org B.
    const demoOwner = await pageAs(demoUser("OWNER").email);
    const questions = (await (await demoOwner.request.get("/api/questions")).json()) as { items: { id: string }[] };
    const questionId = questions.items[0]?.id;
    expect(questionId, "the demo bank has questions").toBeTruthy();
    expect((await demoOwner.request.get(`/api/questions/${questionId}`)).status()).toBe(200);
    expect((await pageB.request.get(`/api/questions/${questionId}`)).status()).toBe(404);
  });
});

test("an admin may invite members but not owners", async ({ page, request, playwright }) => {
  const owner = await createUser(request);
  await signIn(page, owner.email, owner.password);
  const admin = await addMember(page, request, "ADMIN");
  const adminApi = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    await signIn(adminApi, admin.email, admin.password);
    const res = await adminApi.post("/api/organizations/invitations", { data: { email: uniqueEmail("o"), role: "OWNER" } });
    expect(res.status()).toBe(403);
    expect(await inviteMember(adminApi, uniqueEmail("r"), "REVIEWER")).toMatch(/\/invite\//);
  } finally {
    await adminApi.dispose();
  }
});
