import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Panelist", template: "%s · Panelist" },
  description: "Structured technical interviews: question banks, anchored rubrics, live panel scoring, honest reports.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next puts the request's CSP nonce (proxy.ts) on its scripts
  // only while rendering, so a page prerendered at build time would carry no nonce and its
  // scripts would be blocked.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
