// A real OpenID Connect provider for the SSO tests (the `oidc-provider` package, the certified
// implementation), on 127.0.0.1: discovery, JWKS, the authorization code flow with PKCE, its own
// login and consent pages (devInteractions: any login name that is a known account, any
// password). `tamper` rewrites the ID token its token endpoint answers with, re-signed with the
// provider's own key (or any other), so a test can hand the app exactly one thing wrong.
import type { Server } from "node:http";
import { SignJWT, decodeJwt, exportJWK, generateKeyPair, type KeyLike } from "jose";
import Provider from "oidc-provider";
// Relative, not "@/": Playwright (e2e/sso.spec.ts) loads this file too.
import { freePort } from "../../lib/net/free-port";

export interface TestAccount {
  email: string;
  email_verified: boolean;
  name?: string;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export type IdTokenClaims = Record<string, unknown>;

export interface TestOidcProvider {
  issuer: string;
  /** Rewrite the next ID tokens: receives the genuine token's claims, returns the token to send instead. */
  tamper(fn: ((claims: IdTokenClaims, sign: SignWith) => Promise<string>) | null): void;
  close(): Promise<void>;
}

export type SignWith = (claims: IdTokenClaims, key?: "provider" | "stranger") => Promise<string>;

const KID = "test-key-1";

export async function startOidcProvider(opts: { clients: TestClient[]; accounts: Record<string, TestAccount> }): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const own = await generateKeyPair("RS256", { extractable: true });
  // Another key with the same key id: a token it signs looks like the provider's until checked.
  const stranger = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(own.privateKey)), kid: KID, alg: "RS256", use: "sig" };

  const provider = new Provider(issuer, {
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [jwk] },
    cookies: { keys: ["oidc-test-cookie-key-0123456789"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The claims of the granted scopes go in the ID token itself (next-auth reads only the token).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx: unknown, id: string) => {
      const account = opts.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
  } as ConstructorParameters<typeof Provider>[1]);

  let tamperer: ((claims: IdTokenClaims, sign: SignWith) => Promise<string>) | null = null;
  const sign: SignWith = (claims, key = "provider") =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: KID, typ: "JWT" })
      .sign((key === "provider" ? own.privateKey : stranger.privateKey) as KeyLike);
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (tamperer && ctx.path === "/token" && body && typeof body.id_token === "string") {
      ctx.body = { ...body, id_token: await tamperer(decodeJwt(body.id_token), sign) };
    }
  });

  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(port, "127.0.0.1", () => resolve(s));
  });
  return {
    issuer,
    tamper: (fn) => {
      tamperer = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
