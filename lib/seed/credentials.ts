// The demo accounts created by `npm run db:seed`. One list feeds the seed, the dev
// startup banner and the README, so the credentials people are told about always work.
// Demo only: never seed these into a production database.

import type { Role } from "@/lib/db/generated/enums";

export const DEMO_PASSWORD = "panelist-demo";

export const DEMO_ORGANIZATION = { name: "Acme Robotics (demo)", slug: "demo" } as const;

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "owner@panelist.dev", name: "Olivia Owner", role: "OWNER" },
  { email: "ivy@panelist.dev", name: "Ivy Interviewer", role: "INTERVIEWER" },
  { email: "ian@panelist.dev", name: "Ian Interviewer", role: "INTERVIEWER" },
  { email: "rita@panelist.dev", name: "Rita Reviewer", role: "REVIEWER" },
  { email: "recruiter@panelist.dev", name: "Remy Recruiter", role: "RECRUITER" },
];

/** Plain-text lines for banners and scripts, e.g. "  owner@panelist.dev  OWNER  Olivia Owner". */
export function demoCredentialLines(): string[] {
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  return [
    `Demo organization "${DEMO_ORGANIZATION.name}" — every account uses the password: ${DEMO_PASSWORD}`,
    ...DEMO_USERS.map((u) => `  ${u.email.padEnd(width)}  ${u.role.padEnd(11)}  ${u.name}`),
  ];
}
