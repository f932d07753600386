import { Registry } from 'prom-client';
import { createManualClock } from '../../../src/clock';
import { parseConfig } from '../../../src/config/loadConfig';
import type { Exporter } from '../../../src/exporter/createExporter';
import { createProcessMetrics } from '../../../src/exporter/createProcessMetrics';
import { createReloader } from '../../../src/exporter/createReloader';
import { createNullLogger } from '../../../src/log/createLogger';
import { createApp } from '../../../src/server/createApp';
import { mountReload } from '../../../src/server/mountReload';
import { createStatusRouter } from '../../../src/server/status/createStatusRouter';
import type { RocketChatSimulator } from '../../../simulator/rocketchat/createRocketChatSimulator';
import { SOURCE_KINDS } from '../../../src/sources/sourceKinds';
import { serveApp } from '../../helpers/serveApp';
import { startExporter } from '../../helpers/startExporter';
import { startLiveChat } from '../../helpers/startLiveChat';
import { startRocketChat, T0 } from '../../helpers/startRocketChat';

/** A department name that must reach the page as text, never as markup. */
export const HOSTILE_DEPARTMENT_NAME = '<script>document.title="pwned"</script> Поддержка "VIP"';

/** Credential values the pages must never show. */
export const SECRET_VALUES = ['demo-token', 'wrong-token-value-1234', 'demo-user', 'demo-account', 'demo-pat'];

/** The problem the stack's config file has once it is reloaded: POST /-/reload fails with it. */
export const RELOAD_PROBLEM = 'defaults.timeout: invalid duration "10 seconds" (use e.g. 30s, 15m, 1h, 7d)';

/** The exporter, the simulator it polls, and the HTTP server with the status pages. */
export interface StatusStack {
  /** The status pages' base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly exporter: Exporter;
  readonly sim: RocketChatSimulator;
  close(): Promise<void>;
}

/**
 * Starts a Rocket.Chat simulator, an exporter with two targets on it, one
 * healthy (`healthy-chat`, with a hostile department name) and one with a
 * wrong token (`broken-chat`, 401 → auth), and a LiveChat simulator with a
 * target on the switched-off API v3.2 (`old-livechat`); runs their first cycles,
 * and serves createApp with the status router and /-/reload on 127.0.0.1 (a
 * reload fails: the file has become invalid). The shared manual clock is then
 * moved 12 s on, so the page shows ages.
 */
export async function startStatusStack(): Promise<StatusStack> {
  const clock = createManualClock(T0);
  const rc = await startRocketChat({ clock });
  const lc = await startLiveChat({ clock });
  const yaml = `
defaults:
  windows: [1h]
targets:
  - name: healthy-chat
    kind: rocketchat
    url: ${rc.url}
    auth: {user_id: {env: RC_USER}, token: {env: RC_TOKEN}}
    departments:
      ids:
        - {id: CAJioQNAvLnYWTy8i, name: ${JSON.stringify(HOSTILE_DEPARTMENT_NAME)}}
        - {id: hG7yKd2MfQw9ZtPxC, name: 客服}
  - name: broken-chat
    kind: rocketchat
    url: ${rc.url}
    auth: {user_id: {env: RC_USER}, token: {env: BAD_TOKEN}}
  - name: old-livechat
    kind: livechat
    url: ${lc.url}
    api_version: "3.2"
    reports: {duration: false}
    auth: {type: pat, account_id: {env: LC_ACCOUNT}, token: {env: LC_PAT}}
`;
  const env = {
    RC_USER: 'demo-user',
    RC_TOKEN: 'demo-token',
    BAD_TOKEN: 'wrong-token-value-1234',
    LC_ACCOUNT: 'demo-account',
    LC_PAT: 'demo-pat',
  };
  const config = parseConfig(yaml, { env, kinds: SOURCE_KINDS, file: '/virtual/status-test.yml' });
  const harness = startExporter(clock);
  const { exporter, store } = harness;
  await exporter.apply(config);
  await exporter.firstCycles();
  clock.advance(12_000);

  const reloader = createReloader({
    // The file on disk has since been edited into something invalid.
    load: () =>
      new Promise((resolve) => {
        const edited = yaml.replace('windows: [1h]', 'windows: [1h]\n  timeout: 10 seconds');
        resolve(parseConfig(edited, { env, kinds: SOURCE_KINDS, file: '/virtual/status-test.yml' }));
      }),
    exporter,
    metrics: createProcessMetrics({ version: 'test', defaultMetrics: false }),
    logger: createNullLogger(),
    clock,
  });
  const app = createApp({
    store,
    processMetrics: { registry: new Registry() },
    ready: () => exporter.ready(),
    extend: (a) => {
      mountReload(a, reloader);
      a.use(
        createStatusRouter({
          states: () => exporter.states(),
          config: () => exporter.config(),
          now: () => clock.now(),
          version: 'test',
          lastReload: () => reloader.last(),
        }),
      );
    },
  });
  const served = await serveApp(app);
  return {
    url: served.url,
    exporter,
    sim: rc.sim,
    async close() {
      await served.close();
      await harness.close();
      await rc.sim.close();
      await lc.sim.close();
    },
  };
}
