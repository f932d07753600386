import type { Sample } from '../../metrics/Sample';
import type { ApiVersion } from './apiVersions';
import { lc } from './metrics';

/** The API lifecycle stage a response header announces the end of. */
export type LifecycleStage = 'legacy' | 'deprecation';

/** Remembers the `Legacy` / `Deprecation` dates of a target's API version. */
export interface LifecycleTracker {
  /** Reads the headers of any response, error responses included. */
  observe(headers: Readonly<Record<string, string | undefined>>): void;
  /** One sample per announced stage: its end as Unix seconds. */
  samples(): Sample[];
}

/**
 * `YYYY-MM-DD` (what LiveChat sends) → Unix seconds at 00:00 UTC. RFC 9745's
 * `@<seconds>` and an HTTP date are accepted too, in case the header is ever
 * brought in line with the standard; anything else is ignored.
 */
export function parseLifecycleDate(value: string): number | undefined {
  const v = value.trim();
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (ymd) {
    const [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    const ms = Date.UTC(y, m - 1, d);
    // Date.UTC rolls 2026-02-31 over into March; such a date is malformed, not a different day.
    return new Date(ms).getUTCDate() === d && m >= 1 && m <= 12 ? ms / 1000 : undefined;
  }
  const at = /^@(-?\d+)$/.exec(v);
  if (at) return Number(at[1]);
  if (/[A-Za-z]{3}/.test(v)) {
    const ms = Date.parse(v);
    if (Number.isFinite(ms)) return Math.floor(ms / 1000);
  }
  return undefined;
}

/**
 * Creates a tracker for `version`. A response naming one stage replaces what was
 * known (a version moves from legacy to deprecated); a response naming none
 * changes nothing, since error pages from proxies carry no such header.
 */
export function createLifecycleTracker(version: ApiVersion): LifecycleTracker {
  let known = new Map<LifecycleStage, number>();
  return {
    observe(headers) {
      const next = new Map<LifecycleStage, number>();
      for (const stage of ['legacy', 'deprecation'] as const) {
        const raw = headers[stage];
        const t = raw === undefined ? undefined : parseLifecycleDate(raw);
        if (t !== undefined) next.set(stage, t);
      }
      if (next.size > 0) known = next;
    },
    samples: () => [...known].map(([stage, t]) => ({ metric: lc.apiSunset, labels: { version, stage }, value: t })),
  };
}
