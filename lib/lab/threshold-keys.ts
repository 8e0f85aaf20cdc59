// The ROC lab's threshold slider on the keyboard: a native range input moves one `step`
// (0.001, so a pointer and "Jump there" can reach any threshold) per arrow key — ten presses
// change nothing visible. These are the steps a person can see move the matrix.

/** Arrow keys: this much per press (with Shift: FINE). Page Up/Down: COARSE. */
export const THRESHOLD_STEP = 0.01;
export const THRESHOLD_FINE_STEP = 0.001;
export const THRESHOLD_COARSE_STEP = 0.1;

/** The threshold after a key press on the slider, or null when the key is not the slider's. */
export function thresholdAfterKey(value: number, key: string, shift: boolean): number | null {
  const step = shift ? THRESHOLD_FINE_STEP : THRESHOLD_STEP;
  let next: number;
  switch (key) {
    case "ArrowRight":
    case "ArrowUp":
      next = value + step;
      break;
    case "ArrowLeft":
    case "ArrowDown":
      next = value - step;
      break;
    case "PageUp":
      next = value + THRESHOLD_COARSE_STEP;
      break;
    case "PageDown":
      next = value - THRESHOLD_COARSE_STEP;
      break;
    case "Home":
      next = 0;
      break;
    case "End":
      next = 1;
      break;
    default:
      return null;
  }
  // Round to the slider's resolution so repeated steps do not drift (0.1 + 0.2 …).
  return Math.min(1, Math.max(0, Math.round(next * 1000) / 1000));
}
