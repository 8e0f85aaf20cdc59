// The starter question bank seeded into the demo organization, kept as data in Panelist's own
// question export format (question-bank.json: what Questions → Export writes, and what the
// import reads). The demo seed loads it through the import service (lib/seed/demo.ts), so a
// seeded question obeys exactly the rules an imported one does.
//
// The first four questions cover the topics of the shared interview article (paraphrased, never
// quoted — tests/unit/question-bank.test.ts enforces that); the other eight round out a
// deep-learning onsite loop. Level descriptors describe what an interviewer can observe in the
// answer, so two panelists hearing the same answer land on the same level.
import { exportedQuestionSchema, importFileSchema, type ExportedQuestion } from "@/lib/questions/schemas";
import file from "./question-bank.json";

/** The file as the import service receives it. */
export const QUESTION_BANK_FILE: unknown = file;

const envelope = importFileSchema.parse(file);

/** The bank's questions, checked against the export format (a malformed edit fails on load). */
export const QUESTION_BANK: ExportedQuestion[] = envelope.questions.map((q) => exportedQuestionSchema.parse(q));

/** The rubric scale the bank's levels are written for. */
export const QUESTION_BANK_SCALE = envelope.scale;
