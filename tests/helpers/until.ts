/** Polls `fn` every 10 ms until it returns something truthy (then returns it), or throws after `timeoutMs`. */
export async function until<T>(fn: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}
