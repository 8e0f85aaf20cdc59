// DNS TXT look-ups (node:dns/promises), for proving domain ownership (lib/sso/verify-sso-domain.ts).
// PANELIST_DNS_SERVERS ("127.0.0.1:5353", comma-separated) points them at given servers instead
// of the system's: the tests' own DNS server, or a resolver of the operator's choosing.
// No "server-only": tests import it outside Next.
import { Resolver } from "node:dns/promises";

const TIMEOUT_MS = 3_000;

export type TxtLookup = { found: true; records: string[] } | { found: false; reason: "no-record" | "failed" };

function resolver(): Resolver {
  const r = new Resolver({ timeout: TIMEOUT_MS, tries: 2 });
  const servers = (process.env.PANELIST_DNS_SERVERS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (servers.length) r.setServers(servers);
  return r;
}

/** The TXT records at `name`, each with its character-strings joined (RFC 7208 §3.3 style). */
export async function lookupTxt(name: string): Promise<TxtLookup> {
  try {
    return { found: true, records: (await resolver().resolveTxt(name)).map((chunks) => chunks.join("")) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { found: false, reason: code === "ENODATA" || code === "ENOTFOUND" ? "no-record" : "failed" };
  }
}
