// Reads a raw mail as the test SMTP server received it (tests/helpers/smtp.ts): headers
// unfolded with RFC 2047 words decoded, multipart bodies split into their leaf parts, each
// decoded from base64 or quoted-printable. Enough for the mails Panelist sends — not a general
// MIME parser.

export interface MailPart {
  contentType: string;
  disposition: string | null;
  filename: string | null;
  body: string;
}

export interface ParsedMail {
  headers: Record<string, string>;
  subject: string;
  parts: MailPart[];
  /** The text/plain part's body ("" if none). */
  text: string;
  /** The text/html part's body ("" if none). */
  html: string;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
    );
}

function splitHead(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? "" : raw.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? "").toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    case "quoted-printable":
      return Buffer.from(
        body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        "latin1",
      ).toString("utf8");
    default:
      return body;
  }
}

const param = (header: string | undefined, name: string): string | null => new RegExp(`${name}="?([^";]+)"?`, "i").exec(header ?? "")?.[1] ?? null;

function leaves(raw: string): MailPart[] {
  const { headers, body } = splitHead(raw);
  const contentType = headers["content-type"] ?? "text/plain";
  const boundary = /^multipart\//i.test(contentType) ? param(contentType, "boundary") : null;
  if (boundary) {
    const pieces = body.split(`--${boundary}`).slice(1);
    return pieces.filter((p) => !p.startsWith("--")).flatMap((p) => leaves(p.replace(/^\r?\n/, "")));
  }
  const disposition = headers["content-disposition"] ?? null;
  return [{ contentType, disposition, filename: param(disposition ?? undefined, "filename") ?? param(contentType, "name"), body: decodeBody(body, headers["content-transfer-encoding"]) }];
}

export function parseMail(raw: string): ParsedMail {
  const { headers } = splitHead(raw);
  const parts = leaves(raw);
  const first = (type: string) => parts.find((p) => p.contentType.toLowerCase().startsWith(type) && !p.disposition?.startsWith("attachment"))?.body ?? "";
  return { headers, subject: headers.subject ?? "", parts, text: first("text/plain"), html: first("text/html") };
}
