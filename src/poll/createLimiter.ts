/** A weighted semaphore: work runs while the weights in flight fit the capacity, in the order it asked. */
export interface Limiter {
  /**
   * Runs `work` once `weight` units are free (a weight above the capacity is
   * counted as the whole capacity, so it runs alone rather than never), and
   * frees them when it settles, whether it resolved or threw.
   */
  run<T>(weight: number, work: () => Promise<T>): Promise<T>;
  /** Units in use now. */
  readonly inUse: () => number;
  /** Calls waiting for their turn. */
  readonly waiting: () => number;
}

/**
 * Creates a limiter of `capacity` units. First come, first served: a heavy
 * call at the head of the queue is not overtaken by lighter ones behind it,
 * so nothing waits forever.
 */
export function createLimiter(capacity: number): Limiter {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError(`limiter capacity must be a positive integer, got ${capacity}`);
  let used = 0;
  const queue: { weight: number; go: () => void }[] = [];

  const drain = () => {
    while (queue.length > 0 && used + queue[0]!.weight <= capacity) {
      const next = queue.shift()!;
      used += next.weight;
      next.go();
    }
  };

  return {
    async run<T>(weight: number, work: () => Promise<T>): Promise<T> {
      const w = Number.isFinite(weight) ? Math.min(capacity, Math.max(1, Math.ceil(weight))) : capacity;
      if (queue.length === 0 && used + w <= capacity) used += w;
      else await new Promise<void>((go) => queue.push({ weight: w, go }));
      try {
        return await work();
      } finally {
        used -= w;
        drain();
      }
    },
    inUse: () => used,
    waiting: () => queue.length,
  };
}
