import type { Sample } from '../../metrics/Sample';
import type { TargetNotice } from '../Source';
import { DEFAULT_API_VERSION, type ApiVersion } from './apiVersions';
import { lc } from './metrics';

/** The API lifecycle stage a response header announces the end of. */
export type LifecycleStage = 'legacy' | 'deprecation';

/** Remembers the `Legacy` / `Deprecation` dates of a target's API version. */
export interface LifecycleTracker {
  /** Reads the headers of any response, error responses included. */
  observe(headers: Readonly<Record<string, string | undefined>>): void;
  /** One sample per announced stage: its end as Unix seconds. */
  samples(): Sample[];
  /** What the operator should do about the announced stage at `now` (epoch ms): nothing while stable. */
  notices(now: number): TargetNotice[];
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
 * Creates a tracker for `version` of `api` (its name in notices). A response
 * naming one stage replaces what was known (a version moves from legacy to
 * deprecated); a response naming none changes nothing, since error pages from
 * proxies carry no such header.
 */
export function createLifecycleTracker(version: ApiVersion, api = 'Reports API'): LifecycleTracker {
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
    notices: (now) =>
      [...known].map(([stage, t]) => lifecycleNotice(`LiveChat ${api} v${version}`, version, stage, t * 1000, now)),
  };
}

/**
 * The status page's notice for a version in `stage` until `endMs` (docs/upstream/livechat.md §2): a
 * deprecated version is switched off when its stage ends, a legacy one becomes deprecated.
 */
function lifecycleNotice(
  api: string,
  version: ApiVersion,
  stage: LifecycleStage,
  endMs: number,
  now: number,
): TargetNotice {
  const day = new Date(endMs).toISOString().slice(0, 10);
  const newest = version === DEFAULT_API_VERSION;
  const move = newest
    ? 'Upgrade livechat-exporter to a release that supports a newer API version.'
    : `Move api_version to ${DEFAULT_API_VERSION} (docs/livechat.md).`;
  const past = endMs <= now;
  if (stage === 'deprecation')
    return past
      ? {
          level: 'error',
          at: endMs,
          message: `${api} is switched off: its deprecation stage ended on ${day} (Deprecation header), so it may stop answering at any time. ${move}`,
        }
      : {
          level: 'warning',
          at: endMs,
          message: `${api} is deprecated: LiveChat switches it off on ${day} (Deprecation header). ${move}`,
        };
  return past
    ? {
        level: 'warning',
        at: endMs,
        message: `${api} left its legacy stage on ${day} (Legacy header): deprecation and then switch-off come next. ${move}`,
      }
    : {
        level: 'info',
        at: endMs,
        message: `${api} is legacy (critical fixes only) until ${day} (Legacy header), then deprecated and later switched off. ${newest ? 'Plan an upgrade of livechat-exporter.' : `Plan the move to ${DEFAULT_API_VERSION}.`}`,
      };
}
