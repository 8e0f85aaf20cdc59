import type { TrainingProgress, PanelWarning } from "./panel-rules";
import type { PoolStage } from "./schemas";

/** One member of a kit's pool as the kit page and the schedule form see it. */
export interface PoolMemberView {
  userId: string;
  name: string;
  email: string;
  stage: PoolStage;
  /** ISO instant the member entered the stage. */
  stageSince: string;
  progress: TrainingProgress;
  /** The member's own limit, or null for the organization's default. */
  weeklyLimit: number | null;
  /** What applies: own limit or the default. */
  effectiveLimit: number;
  /** Interviews (scheduled, in progress, completed) starting in the week shown. */
  load: number;
}

export interface KitPool {
  kitId: string;
  kitName: string;
  shadowsRequired: number;
  reverseShadowsRequired: number;
  defaultWeeklyLimit: number;
  week: { start: string; end: string };
  members: PoolMemberView[];
}

export interface PanelAdviceWarning {
  warning: PanelWarning;
  name: string;
  message: string;
}

export interface PanelAdvice {
  week: { start: string; end: string };
  /** The pool, qualified first, then by load this week (lowest first). */
  suggestions: PoolMemberView[];
  warnings: PanelAdviceWarning[];
}

/** One pool the viewer is in, for their own progress. */
export interface MyPool {
  kitId: string;
  kitName: string;
  stage: PoolStage;
  progress: TrainingProgress;
  effectiveLimit: number;
  load: number;
}
