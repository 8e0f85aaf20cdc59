import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { loadQuestionDetailOrThrow } from "./question-view";
import type { QuestionDetail } from "./types";

/** A question of the actor's organization with its latest version; 404 for other tenants. */
export async function getQuestionOrThrow(actor: Actor, id: string): Promise<QuestionDetail> {
  assertCan(actor, "questions.read");
  return loadQuestionDetailOrThrow(actor, id);
}
