import type { Clock } from '../../src/clock';

/** A bounded cache whose entries expire `ttlMs` after they were computed (like Rocket.Chat's mem()). */
export interface TtlCache<V> {
  /** Returns the cached value for `key`, computing and storing it when missing or expired. */
  get(key: string, compute: () => V): V;
  clear(): void;
  readonly size: number;
}

/** Creates a TtlCache; ttlMs <= 0 disables caching. */
export function createTtlCache<V>(deps: { clock: Clock; ttlMs: number; maxEntries?: number }): TtlCache<V> {
  const { clock, ttlMs } = deps;
  const max = deps.maxEntries ?? 5000;
  let map = new Map<string, { at: number; value: V }>();
  return {
    get(key, compute) {
      if (ttlMs <= 0) return compute();
      const now = clock.now();
      const hit = map.get(key);
      if (hit && now - hit.at < ttlMs && now >= hit.at) return hit.value;
      const value = compute();
      if (map.size >= max) {
        const fresh = new Map<string, { at: number; value: V }>();
        for (const [k, v] of map) if (now - v.at < ttlMs) fresh.set(k, v);
        map = fresh.size >= max ? new Map<string, { at: number; value: V }>() : fresh;
      }
      map.set(key, { at: now, value });
      return value;
    },
    clear() {
      map = new Map();
    },
    get size() {
      return map.size;
    },
  };
}
