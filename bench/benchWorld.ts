import type { RocketChatUser } from '../simulator/rocketchat/RocketChatUser';

/**
 * The shape every benchmark polls: five departments (plus the `all` aggregate
 * the exporter always adds) and four windows, as a typical deployment has.
 */
export const BENCH_DEPARTMENTS: readonly { id: string; name: string }[] = [
  { id: 'dSales00000000001', name: 'Sales' },
  { id: 'dSupport000000002', name: 'Support' },
  { id: 'dBilling000000003', name: 'Billing' },
  { id: 'dOnboarding00004', name: 'Onboarding' },
  { id: 'dPartners0000005', name: 'Partners' },
];

/** The windows of every benchmark target. */
export const BENCH_WINDOWS: readonly string[] = ['15m', '1h', '24h', 'today'];

/** The exporter's service account in the simulator: bypasses the rate limiter, as `budget: unlimited` requires. */
export const BENCH_USER: RocketChatUser = {
  userId: 'bench-user',
  token: 'bench-token-0123456789',
  bypassRateLimit: true,
};

/** Env vars the generated configs read the credentials from. */
export const BENCH_SECRET_ENV: Readonly<Record<string, string>> = {
  BENCH_RC_USER_ID: BENCH_USER.userId,
  BENCH_RC_TOKEN: BENCH_USER.token,
};

/**
 * The live routes (their own live_schedule): the benchmarks measure the windowed analytics, which
 * docs/performance.md reports; a live cycle adds its own requests on another schedule.
 */
const LIVE_OFF = { 'livechat-rooms': false, 'livechat-users-agent': false, 'livechat-config': false };

/**
 * Endpoints of the scrape benchmark's targets: the conversation totalizers
 * (5 gauges per department × window), agent status per department and chats
 * per department. With 5 departments and 4 windows that is about 220 series
 * per target, so 500 targets hold about 110,000 series.
 */
export const SCRAPE_ENDPOINTS: Readonly<Record<string, boolean>> = {
  'conversation-totalizers': true,
  'chats-totalizers': false,
  'productivity-totalizers': false,
  'agents-productivity-totalizers': false,
  'charts-chats': false,
  'charts-agents-status': true,
  'charts-timings': false,
  'charts-chats-per-department': true,
  'charts-chats-per-agent': false,
  ...LIVE_OFF,
};

/**
 * Every default dashboard endpoint (154 requests per target and analytics cycle with 5 departments and 4
 * windows). The live routes are off, as in SCRAPE_ENDPOINTS, so the figures stay those of docs/performance.md.
 */
export const DEFAULT_ENDPOINTS: Readonly<Record<string, boolean>> = { ...LIVE_OFF };
