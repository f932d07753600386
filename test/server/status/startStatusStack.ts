import { Registry } from 'prom-client';
import { createManualClock } from '../../../src/clock';
import { parseConfig } from '../../../src/config/loadConfig';
import type { Exporter } from '../../../src/exporter/createExporter';
import { createApp } from '../../../src/server/createApp';
import { createStatusRouter } from '../../../src/server/status/createStatusRouter';
import type { RocketChatSimulator } from '../../../simulator/rocketchat/createRocketChatSimulator';
import { SOURCE_KINDS } from '../../../src/sources/sourceKinds';
import { serveApp } from '../../helpers/serveApp';
import { startExporter } from '../../helpers/startExporter';
import { startRocketChat, T0 } from '../../helpers/startRocketChat';

/** A department name that must reach the page as text, never as markup. */
export const HOSTILE_DEPARTMENT_NAME = '<script>document.title="pwned"</script> Поддержка "VIP"';

/** Credential values the pages must never show. */
export const SECRET_VALUES = ['demo-token', 'wrong-token-value-1234', 'demo-user'];

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
 * wrong token (`broken-chat`, 401 → auth), runs their first cycles, and serves
 * createApp with the status router on 127.0.0.1. The shared manual clock is
 * then moved 12 s on, so the page shows ages.
 */
export async function startStatusStack(): Promise<StatusStack> {
  const clock = createManualClock(T0);
  const rc = await startRocketChat({ clock });
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
`;
  const config = parseConfig(yaml, {
    env: { RC_USER: 'demo-user', RC_TOKEN: 'demo-token', BAD_TOKEN: 'wrong-token-value-1234' },
    kinds: SOURCE_KINDS,
    file: '/virtual/status-test.yml',
  });
  const harness = startExporter(clock);
  const { exporter, store } = harness;
  await exporter.apply(config);
  await exporter.firstCycles();
  clock.advance(12_000);

  const app = createApp({
    store,
    processMetrics: { registry: new Registry() },
    ready: () => exporter.ready(),
    extend: (a) =>
      void a.use(
        createStatusRouter({
          states: () => exporter.states(),
          config: () => exporter.config(),
          now: () => clock.now(),
          version: 'test',
        }),
      ),
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
    },
  };
}
