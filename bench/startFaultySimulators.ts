import { systemClock } from '../src/clock';
import { createLiveChatSimulator, type LiveChatSimulator } from '../simulator/livechat/createLiveChatSimulator';
import { demoLiveChatAccount } from '../simulator/livechat/liveChatCredentials';
import { createRocketChatSimulator, type RocketChatSimulator } from '../simulator/rocketchat/createRocketChatSimulator';
import { BENCH_USER } from './benchWorld';

/** A Rocket.Chat and a LiveChat simulator on loopback, on the real clock, whose faults the caller sets. */
export interface FaultySimulators {
  readonly rc: RocketChatSimulator;
  readonly lc: LiveChatSimulator;
  readonly rcUrl: string;
  readonly lcUrl: string;
  /** Env vars for the exporter config's secrets (rcConfigYaml / lcConfigYaml read these). */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * Starts both simulators in this process (they only serve; the exporter under
 * test runs in its own), without rate limits and with a small request log, so
 * that a long run keeps nothing but its faults.
 */
export async function startFaultySimulators(): Promise<FaultySimulators> {
  const rc = createRocketChatSimulator({ clock: systemClock, rateLimit: false, users: [BENCH_USER], maxRequestLog: 0 });
  const lc = createLiveChatSimulator({ clock: systemClock, rateLimit: false, cacheTtlMs: 0, maxRequestLog: 0 });
  const [rcUrl, lcUrl] = await Promise.all([rc.listen(0, '127.0.0.1'), lc.listen(0, '127.0.0.1')]);
  return {
    rc,
    lc,
    rcUrl,
    lcUrl,
    env: {
      BENCH_RC_USER_ID: BENCH_USER.userId,
      BENCH_RC_TOKEN: BENCH_USER.token,
      BENCH_LC_ACCOUNT: demoLiveChatAccount.accountId,
      BENCH_LC_PAT: demoLiveChatAccount.pat,
    },
    close: async () => void (await Promise.all([rc.close(), lc.close()])),
  };
}

/** A config of one Rocket.Chat target (discovered departments) and one LiveChat target, polled every `scheduleSeconds`. */
export function faultySimulatorsConfig(s: FaultySimulators, scheduleSeconds: number): string {
  const common = [
    `    schedule: "*/${scheduleSeconds} * * * * *"`,
    `    live_schedule: "*/${scheduleSeconds} * * * * *"`,
    `    timeout: ${Math.max(100, scheduleSeconds * 1000 - 500)}ms`,
    '    budget: unlimited',
    '    max_staleness: 1m',
  ];
  return [
    'targets:',
    '  - name: rc',
    '    kind: rocketchat',
    `    url: ${s.rcUrl}`,
    '    auth: {user_id: {env: BENCH_RC_USER_ID}, token: {env: BENCH_RC_TOKEN}}',
    '    departments: {discover: true, schedule: "* * * * *"}',
    ...common,
    '  - name: lc',
    '    kind: livechat',
    `    url: ${s.lcUrl}`,
    '    api_version: "3.6"',
    '    auth: {type: pat, account_id: {env: BENCH_LC_ACCOUNT}, token: {env: BENCH_LC_PAT}}',
    ...common,
    '',
  ].join('\n');
}
