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

/**
 * The interviewers of the demo history (lib/seed/history-plan.ts plants each one's severity and
 * zone): same password, so anyone can sign in as one and see their own calibration.
 */
export const DEMO_HISTORY_INTERVIEWERS: readonly DemoUser[] = [
  { email: "hana@panelist.dev", name: "Hana Sato", role: "INTERVIEWER" },
  { email: "marco@panelist.dev", name: "Marco Ferri", role: "INTERVIEWER" },
  { email: "priya@panelist.dev", name: "Priya Raman", role: "INTERVIEWER" },
  { email: "tomas@panelist.dev", name: "Tomás Ortega", role: "INTERVIEWER" },
  { email: "grace@panelist.dev", name: "Grace Liu", role: "INTERVIEWER" },
  { email: "olu@panelist.dev", name: "Olu Adeyemi", role: "INTERVIEWER" },
  { email: "freya@panelist.dev", name: "Freya Nilsson", role: "INTERVIEWER" },
  { email: "zofia@panelist.dev", name: "Zofia Nowak", role: "INTERVIEWER" },
];

/** Every account the seed creates: the walk-through's and the history's interviewers. */
export const ALL_DEMO_USERS: readonly DemoUser[] = [...DEMO_USERS, ...DEMO_HISTORY_INTERVIEWERS];

/** Plain-text lines for banners and scripts, e.g. "  owner@panelist.dev  OWNER  Olivia Owner". */
export function demoCredentialLines(): string[] {
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  return [
    `Demo organization "${DEMO_ORGANIZATION.name}" — every account uses the password: ${DEMO_PASSWORD}`,
    ...DEMO_USERS.map((u) => `  ${u.email.padEnd(width)}  ${u.role.padEnd(11)}  ${u.name}`),
    `  and the history's ${DEMO_HISTORY_INTERVIEWERS.length} interviewers: ${DEMO_HISTORY_INTERVIEWERS.map((u) => u.email.split("@")[0]).join(", ")} (@panelist.dev)`,
  ];
}
