// npm run user:create-owner -- --email ada@example.com --name "Ada Lovelace" --organization "Analytical Engines" [--password-stdin]
//
// Creates a user, a new organization, and makes the user its owner: how the first owner of a
// production install gets in (a start against DATABASE_URL never loads demo data). It goes
// through the same service as sign-up (lib/organizations/create-account.ts), so the same
// rules apply: a valid email not yet taken, a password of 10–1,024 characters mixing letters
// with a digit or symbol.
//
// The password: with --password-stdin, read from standard input (one line; e.g.
// `printf '%s' "$OWNER_PASSWORD" | npm run user:create-owner -- … --password-stdin`); without
// it, a random one is generated and printed once — it is stored nowhere but as its hash.
//
// The database: DATABASE_URL (which must already be migrated: `npm run db:migrate`), or the
// embedded dev database when it is unset (migrated here). Runs under tsx with the react-server
// condition, so the services' "server-only" marker resolves to its empty module.
import { randomInt } from "node:crypto";
import { parseArgs } from "node:util";
import { newPasswordSchema } from "../lib/auth/schemas";
import { getDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { AppError } from "../lib/errors";
import { createAccount } from "../lib/organizations/create-account";
import { openDatabase } from "./lib/database";

const USAGE =
  'Usage: npm run user:create-owner -- --email <email> --name "<full name>" --organization "<organization name>" [--password-stdin]';

// No look-alikes (0/o, 1/l/i); groups joined by "-": 25 characters from 32, about 125 bits.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function generatePassword(): string {
  for (;;) {
    const groups = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""));
    const password = groups.join("-");
    if (newPasswordSchema.safeParse(password).success) return password;
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Type the password, then press Enter and Ctrl-D:\n");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function main(): Promise<number> {
  let values: { email?: string; name?: string; organization?: string; "password-stdin"?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: "string" },
        name: { type: "string" },
        organization: { type: "string" },
        "password-stdin": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.email || !values.name || !values.organization) {
    console.error(`--email, --name and --organization are required.\n${USAGE}`);
    return 2;
  }
  const generated = !values["password-stdin"];
  const password = generated ? generatePassword() : await readStdin();

  const database = await openDatabase();
  // The services' client (lib/db/client.ts) connects on first use, to this URL.
  process.env.DATABASE_URL = database.url;
  try {
    if (database.embedded) await migrate(database.url, { log: () => {} });
    const { userId, organizationId } = await createAccount({
      email: values.email,
      name: values.name,
      organizationName: values.organization,
      password,
    });
    const base = process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
    console.log(`Created ${values.name} <${values.email.trim().toLowerCase()}>, owner of "${values.organization}".`);
    console.log(`  user ${userId}, organization ${organizationId}, database: ${database.description}`);
    if (generated) console.log(`  Password (shown only this once): ${password}`);
    console.log(`  Sign in at ${base.replace(/\/+$/, "")}/sign-in`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fields = Object.entries(err.fieldErrors ?? {}).map(([field, messages]) => `  --${field === "organizationName" ? "organization" : field || "input"}: ${messages.join(" ")}`);
    console.error(err.code === "VALIDATION" ? ["Could not create the owner:", ...fields].join("\n") : `Could not create the owner: ${err.message}`);
    return err.code === "VALIDATION" ? 2 : 1;
  } finally {
    await getDb().$disconnect().catch(() => {});
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error("user:create-owner failed:", err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
