import "server-only";
import { QUESTION_BANK } from "@/prisma/seed/question-bank";
import { labForQuestionKey } from "./catalog";
import type { LabName } from "./schemas";

/** Seeded questions are stored with externalKey = the bank's `key`; their `lab` tag names the lab. */
const LAB_KEY_BY_EXTERNAL_KEY = new Map<string, string>(QUESTION_BANK.flatMap((q) => (q.lab ? [[q.key, q.lab] as const] : [])));

/** The demo lab a stored question launches in the room, from its externalKey; null when none. */
export function labForExternalKey(externalKey: string | null | undefined): LabName | null {
  return externalKey ? labForQuestionKey(LAB_KEY_BY_EXTERNAL_KEY.get(externalKey)) : null;
}
