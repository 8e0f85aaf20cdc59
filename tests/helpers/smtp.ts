// A real SMTP server for tests (smtp-server, in-process, on a free loopback port): what it
// receives lands in `inbox`; `failNext` makes it refuse the next mails with a 451, as a mail
// server that fails mid-send would. `start` points SMTP_URL, APP_URL and MAIL_FROM at it.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { closeMailTransport } from "@/lib/mail/send-mail";

export interface ReceivedMail {
  to: string[];
  raw: string;
  at: number;
}

export function testSmtp() {
  const inbox: ReceivedMail[] = [];
  const control = { failNext: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (control.failNext > 0) {
          control.failNext--;
          return callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
        }
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
        callback();
      });
    },
  });
  const saved = { SMTP_URL: process.env.SMTP_URL, APP_URL: process.env.APP_URL, MAIL_FROM: process.env.MAIL_FROM };
  return {
    inbox,
    control,
    async start(appUrl: string): Promise<void> {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      // Read at the first env() of the test file (each test file has its own modules).
      process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
      process.env.APP_URL = appUrl;
      process.env.MAIL_FROM = "Panelist <no-reply@panelist.example>";
    },
    async stop(): Promise<void> {
      closeMailTransport();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // A later file in the same worker must not find a mail server that is gone.
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
    mailsTo: (email: string) => inbox.filter((m) => m.to.includes(email)),
  };
}
