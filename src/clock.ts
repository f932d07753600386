/**
 * A source of the current time in epoch milliseconds, and timers on that time,
 * injected so tests can control both.
 */
export interface Clock {
  now(): number;
  /** Calls `fn` once `ms` have passed on this clock; the returned function cancels it (a no-op once it ran). */
  after(ms: number, fn: () => void): () => void;
}

/** setTimeout's longest delay; a longer one fires at once (with a warning). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A real timer. */
function realAfter(ms: number, fn: () => void): () => void {
  const t = setTimeout(fn, Math.min(ms, MAX_TIMER_MS));
  return () => clearTimeout(t);
}

/** The real wall clock and real timers. */
export const systemClock: Clock = { now: () => Date.now(), after: realAfter };

/** A clock that only moves when told to; for tests and simulations. */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
  /** Timers waiting on this clock (always 0 with real timers). */
  pendingTimers(): number;
}

/**
 * Creates a manual clock at `startMs`. Its timers are real ones by default, so
 * request timeouts and backoffs pass in real time while `now()` stands still;
 * with `timers: 'manual'` they fire only when `set` or `advance` moves the
 * clock past them, in time order (each callback sees `now()` at its own due
 * time), so a test can let minutes pass in no wall time.
 */
export function createManualClock(startMs: number, opts: { timers?: 'real' | 'manual' } = {}): ManualClock {
  let t = startMs;
  let seq = 0;
  const timers: { at: number; seq: number; fn: () => void }[] = [];
  const moveTo = (target: number) => {
    for (;;) {
      let next = -1;
      for (let i = 0; i < timers.length; i++)
        if (
          timers[i]!.at <= target &&
          (next < 0 ||
            timers[i]!.at < timers[next]!.at ||
            (timers[i]!.at === timers[next]!.at && timers[i]!.seq < timers[next]!.seq))
        )
          next = i;
      if (next < 0) break;
      const [due] = timers.splice(next, 1);
      t = Math.max(t, due!.at);
      due!.fn();
    }
    t = target;
  };
  const manualAfter = (ms: number, fn: () => void) => {
    const timer = { at: t + Math.max(0, ms), seq: seq++, fn };
    timers.push(timer);
    return () => {
      const i = timers.indexOf(timer);
      if (i >= 0) timers.splice(i, 1);
    };
  };
  return {
    now: () => t,
    after: opts.timers === 'manual' ? manualAfter : realAfter,
    set: moveTo,
    advance: (ms: number) => moveTo(t + ms),
    pendingTimers: () => timers.length,
  };
}
