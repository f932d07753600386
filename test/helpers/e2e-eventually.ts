const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `check` until it stops throwing, for at most `ms`; then rethrows its last error. Bounds waits, never asserts durations. */
export async function eventually<T>(check: () => Promise<T>, ms = 60_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await sleep(everyMs);
  }
}
