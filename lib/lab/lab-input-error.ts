/**
 * A lab failure whose message is meant for the interviewer (e.g. "no attacks at this
 * prevalence"). Any other error inside a worker is logged and reported generically, never
 * shown raw (it may carry paths or internals).
 */
export class LabInputError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = "LabInputError";
  }
}
