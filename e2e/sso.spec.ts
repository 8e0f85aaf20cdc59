// Single sign-on in the browser (#18): an owner sets up the organization's identity provider in
// Settings → Single sign-on (a real OpenID Connect provider, oidc-provider, started by this test
// on 127.0.0.1 — the e2e server runs with PANELIST_SSO_PRIVATE_NETWORK=1, which admits a provider
// on the company's network and plain http on loopback only), proves the email domain with the DNS
// TXT record the page shows (a real DNS server, started by this test on the port scripts/e2e.ts
// gave the app in PANELIST_DNS_SERVERS), then a new colleague
// chooses "Sign in with SSO" on the sign-in page, signs in on the provider's own login and
// consent pages, and lands in Panelist as a member with the default role. Then "Require SSO"
// refuses a member's password with a pointer to SSO, while the owner's still works.
import { randomBytes } from "node:crypto";
import { type TestDnsServer, startDnsServer } from "../tests/helpers/dns-server";
import { type TestOidcProvider, startOidcProvider } from "../tests/helpers/oidc-provider";
import { TEST_PASSWORD, createUser, expect, postCredentials, signIn, test } from "./fixtures";

const CLIENT = { clientId: "panelist-e2e", clientSecret: `e2e-secret-${randomBytes(8).toString("hex")}` };

let idp: TestOidcProvider | undefined;
let dns: TestDnsServer | undefined;
test.afterEach(async () => {
  await idp?.close();
  await dns?.close();
  idp = undefined;
  dns = undefined;
});

test("an owner sets up SSO; a colleague signs in through the provider's login page and joins with the default role", async ({ browser, request, baseURL }) => {
  const domain = `sso-${randomBytes(4).toString("hex")}.e2e-panelist.test`;
  const owner = await createUser(request, { email: `owner@${domain}` });
  idp = await startOidcProvider({
    clients: [{ ...CLIENT, redirectUris: [`${baseURL}/api/auth/callback/sso-${owner.organizationId}`] }],
    accounts: { nia: { email: `nia@${domain}`, email_verified: true, name: "Nia Newcomer" } },
  });

  // The owner configures it in the settings page.
  const ownerContext = await browser.newContext({ baseURL });
  await signIn(ownerContext, owner.email, owner.password);
  const settings = await ownerContext.newPage();
  await settings.goto("/settings/sso");
  await expect(settings.getByRole("heading", { name: "Single sign-on" })).toBeVisible();
  await expect(settings.getByLabel("Redirect URI")).toHaveValue(`${baseURL}/api/auth/callback/sso-${owner.organizationId}`);
  await settings.getByLabel("Issuer URL").fill(idp.issuer);
  await settings.getByRole("button", { name: "Test connection" }).click();
  await expect(settings.locator("#main").getByRole("status")).toContainText("Connected");
  await settings.getByLabel("Client ID").fill(CLIENT.clientId);
  await settings.getByLabel("Client secret").fill(CLIENT.clientSecret);
  await settings.getByLabel("Email domains").fill(domain);
  await settings.getByLabel("Role of new members").selectOption("REVIEWER");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.locator("#main").getByRole("status")).toContainText("Saved");
  // The secret is never sent back.
  await settings.reload();
  await expect(settings.getByLabel("Client secret")).toHaveValue("");
  expect(await settings.content()).not.toContain(CLIENT.clientSecret);

  // The domain signs nobody in until the TXT record the page shows is published and verified.
  dns = await startDnsServer(Number(process.env.E2E_DNS_PORT));
  const record = settings.locator("li", { hasText: domain }).locator("dd.font-mono");
  await settings.getByRole("button", { name: `Verify ${domain}` }).click();
  await expect(settings.locator("#main").getByRole("alert").first()).toContainText(/TXT/);
  dns.setTxt(await record.nth(0).innerText(), [await record.nth(1).innerText()]);
  await settings.getByRole("button", { name: `Verify ${domain}` }).click();
  await expect(settings.locator("#main").getByRole("status")).toContainText(`${domain} is verified`);
  await expect(settings.getByText(/^Verified /)).toBeVisible();

  // A new colleague signs in through the provider.
  const colleague = await (await browser.newContext({ baseURL })).newPage();
  await colleague.goto("/sign-in");
  await colleague.getByRole("link", { name: "Sign in with SSO" }).click();
  await colleague.getByLabel("Work email").fill(`nia@${domain}`);
  await colleague.getByRole("button", { name: "Continue with SSO" }).click();
  await colleague.waitForURL((url) => url.href.startsWith(idp!.issuer));
  await colleague.locator("input[name=login]").fill("nia");
  await colleague.locator("input[name=password]").fill("anything");
  await colleague.getByRole("button", { name: "Sign-in" }).click();
  await colleague.getByRole("button", { name: "Continue" }).click();
  await colleague.waitForURL((url) => url.href.startsWith(`${baseURL}/`) && !url.pathname.startsWith("/sign-in"));
  const me = await colleague.request.get("/api/me");
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { actor: { organizationId: string; role: string } }).actor).toMatchObject({ organizationId: owner.organizationId, role: "REVIEWER" });

  // "Require SSO": the owner turns it on; a member's password is refused with where to go, the owner's still works.
  await settings.getByLabel(/Require SSO/).check();
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.locator("#main").getByRole("status")).toContainText("Saved");
  const passwordHolder = `pat@${domain}`;
  const invite = await ownerContext.request.post("/api/organizations/invitations", { data: { email: passwordHolder, role: "INTERVIEWER" } });
  const token = new URL(((await invite.json()) as { link: string }).link).pathname.split("/").pop() ?? "";
  expect((await request.post("/api/invitations/accept", { data: { token, name: "Pat", password: TEST_PASSWORD } })).status()).toBe(200);
  const signInPage = await (await browser.newContext({ baseURL })).newPage();
  await signInPage.goto("/sign-in");
  await signInPage.getByLabel("Email").fill(passwordHolder);
  await signInPage.getByLabel("Password").fill(TEST_PASSWORD);
  await signInPage.getByRole("button", { name: "Sign in" }).click();
  await expect(signInPage.getByRole("alert").filter({ hasText: /single sign-on/ })).toContainText("Sign in with SSO");
  expect((await postCredentials(await browser.newContext({ baseURL }), owner.email, owner.password)).status()).toBe(200);
});

test("an email domain without SSO is told to use a password", async ({ page }) => {
  await page.goto("/sign-in/sso");
  await page.getByLabel("Work email").fill(`someone@nobody-${randomBytes(3).toString("hex")}.test`);
  await page.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(page.getByText("does not sign in with single sign-on")).toBeVisible();
});
