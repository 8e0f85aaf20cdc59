// Labels of the question bank's enums, without zod, for client bundles (the room) that need only these.
export const DIFFICULTY_LABELS: Record<"EASY" | "MEDIUM" | "HARD", string> = { EASY: "Easy", MEDIUM: "Medium", HARD: "Hard" };
