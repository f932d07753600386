import type { Clock } from '../../src/clock';

/** Rack::Attack's rules as Chatwoot configures them (docs/upstream/chatwoot.md §13); per minute. */
export interface RackAttackLimits {
  /** req/ip: every request per client IP (RACK_ATTACK_LIMIT, default 3000). */
  readonly perIp: number;
  /** /reports per token and account (RATE_LIMIT_REPORTS_API_USER_LEVEL, default 100). */
  readonly reportsUser: number;
  /** /reports per account (RATE_LIMIT_REPORTS_API_ACCOUNT_LEVEL, default 1000). */
  readonly reportsAccount: number;
  /** conversations/meta per token and account (RATE_LIMIT_CONVERSATIONS_META, default 30; v4.11.2). */
  readonly meta: number;
  /** Loopback is safelisted on a real server; off by default here, since the simulator stands for a remote one. */
  readonly safelistLoopback?: boolean;
}

/** The code defaults. */
export const RACK_ATTACK_DEFAULTS: RackAttackLimits = { perIp: 3000, reportsUser: 100, reportsAccount: 1000, meta: 30 };

const REPORTS = /^\/api\/v2\/accounts\/(\d+)\/reports/;
const META = /^\/api\/v1\/accounts\/(\d+)\/conversations\/meta(\.json)?$/;

/** A request as Rack::Attack sees it, before routing and authentication. */
export interface RackRequest {
  readonly ip: string;
  readonly method: string;
  readonly path: string;
  readonly token: string | undefined;
}

/**
 * Creates the throttle: fixed windows keyed on floor(now / 60 s), so every window starts at :00 of a UTC minute.
 * Each matching rule counts the request in turn; the first whose count passes its limit blocks it, and the
 * rules after it do not count it. `/health` and (optionally) loopback are never counted.
 */
export function createRackAttack(clock: Clock, limits: RackAttackLimits) {
  const counts = new Map<string, number>();
  let minute = -1;
  const hit = (key: string, limit: number): boolean => {
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n <= limit;
  };
  return {
    /** True when the request may go on; false: answer 429 `Retry later`. */
    admit(r: RackRequest): boolean {
      const now = Math.floor(clock.now() / 60_000);
      if (now !== minute) {
        counts.clear();
        minute = now;
      }
      if (r.path === '/health') return true;
      if (limits.safelistLoopback && (r.ip === '127.0.0.1' || r.ip === '::1')) return true;
      if (!hit(`ip|${r.ip}`, limits.perIp)) return false;
      const reports = REPORTS.exec(r.path);
      if (reports && r.token !== undefined) {
        if (!hit(`reports-user|${r.token}:${reports[1]}`, limits.reportsUser)) return false;
        if (!hit(`reports-account|${reports[1]}`, limits.reportsAccount)) return false;
      }
      const meta = META.exec(r.path);
      if (meta && r.method === 'GET' && r.token !== undefined)
        if (!hit(`meta|${r.token}:${meta[1]}`, limits.meta)) return false;
      return true;
    },
    reset: () => counts.clear(),
  };
}
