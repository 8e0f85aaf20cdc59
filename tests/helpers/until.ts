/** Polls `fn` (sync or async) until it returns something truthy (then returns it), or throws after `timeoutMs`. */
export async function until<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5_000, what = "condition"): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
