import { Agent } from 'undici';
import { createManualClock } from '../../../src/clock';
import { parseConfig } from '../../../src/config/loadConfig';
import type { Config } from '../../../src/config/types';
import { createExporter, type Exporter } from '../../../src/exporter/createExporter';
import { createNullLogger } from '../../../src/log/createLogger';
import { catalogue } from '../../../src/sources/catalogue';
import {
  createLiveChatSimulator,
  type LiveChatSimulator,
  type LiveChatSimulatorOptions,
} from '../../../src/simulator/livechat/createLiveChatSimulator';
import { createSnapshotStore, type SnapshotStore } from '../../../src/snapshot/createSnapshotStore';
import { SOURCE_KINDS } from '../../../src/sources/sourceKinds';

/** Wednesday 2024-05-15 14:30 UTC: business hours, so the simulated world has traffic. */
export const T0 = Date.UTC(2024, 4, 15, 14, 30, 0);

/** Credentials the tests pass as environment variables (the simulator's demo account). */
export const ENV = { LC_ACCOUNT: 'demo-account', LC_PAT: 'demo-pat', LC_BEARER: 'dal:demo-bearer-token' };

/** `Basic base64(demo-account:demo-pat)`, computed independently of the source. */
export const DEMO_BASIC = `Basic ${Buffer.from('demo-account:demo-pat').toString('base64')}`;

/** Parses a config text with the real kinds and the test environment. */
export function parse(yaml: string, env: Record<string, string> = ENV): Config {
  return parseConfig(yaml, { env, kinds: SOURCE_KINDS, file: '/virtual/livechat-test.yml' });
}

/** A LiveChat simulator plus an exporter polling it by hand, sharing one manual clock. */
export interface Harness {
  readonly sim: LiveChatSimulator;
  readonly base: string;
  readonly clock: ReturnType<typeof createManualClock>;
  readonly store: SnapshotStore;
  readonly exporter: Exporter;
  /** Applies a config (YAML; `{{url}}` is replaced by the simulator's base URL) and runs the first cycle. */
  start(yaml: string): Promise<void>;
  /** The rendered text exposition. */
  text(): string;
  close(): Promise<void>;
}

/** Starts a simulator on port 0 and an unscheduled exporter. */
export async function startHarness(options: LiveChatSimulatorOptions = {}, at = T0): Promise<Harness> {
  const clock = createManualClock(at);
  const sim = createLiveChatSimulator({ clock, cacheTtlMs: 0, ...options });
  const base = await sim.listen(0, '127.0.0.1');
  const dispatcher = new Agent();
  const store = createSnapshotStore(catalogue);
  const exporter = createExporter({
    kinds: SOURCE_KINDS,
    store,
    dispatcher,
    clock,
    logger: createNullLogger(),
    schedule: false,
    retryBaseMs: 1,
  });
  return {
    sim,
    base,
    clock,
    store,
    exporter,
    async start(yaml) {
      await exporter.apply(parse(yaml.replaceAll('{{url}}', base)));
      await exporter.firstCycles();
    },
    text: () => store.render('text').body.toString('utf8'),
    async close() {
      exporter.stop();
      await dispatcher.close();
      await sim.close();
    },
  };
}

/** A one-target config; `extra` is indented under the target. */
export function targetYaml(
  extra: string,
  opts: { version?: string; windows?: string; name?: string; retries?: number } = {},
): string {
  return [
    'targets:',
    `  - name: ${opts.name ?? 'lc'}`,
    '    kind: livechat',
    '    url: "{{url}}"',
    `    api_version: "${opts.version ?? '3.6'}"`,
    `    windows: ${opts.windows ?? '[1h]'}`,
    '    budget: unlimited',
    `    retries: ${opts.retries ?? 0}`,
    '    auth: {type: pat, account_id: {env: LC_ACCOUNT}, token: {env: LC_PAT}}',
    ...extra
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => `    ${l}`),
  ].join('\n');
}

/** Every sample line of a metric as [labels text, value]. */
export function series(text: string, metric: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric + '{') && !line.startsWith(metric + ' ')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(metric.length, i), Number(line.slice(i + 1)));
  }
  return out;
}

/** The value of the one sample of `metric` whose label text contains every `parts` entry. */
export function valueOf(text: string, metric: string, ...parts: string[]): number | undefined {
  for (const [labels, v] of series(text, metric)) if (parts.every((p) => labels.includes(p))) return v;
  return undefined;
}
