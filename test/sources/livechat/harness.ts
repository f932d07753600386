import { createManualClock } from '../../../src/clock';
import { parseConfig } from '../../../src/config/loadConfig';
import type { Config } from '../../../src/config/types';
import type { Exporter } from '../../../src/exporter/createExporter';
import type { LiveChatSimulator, LiveChatSimulatorOptions } from '../../../simulator/livechat/createLiveChatSimulator';
import { SOURCE_KINDS } from '../../../src/sources/sourceKinds';
import { startExporter } from '../../helpers/startExporter';
import { startLiveChat } from '../../helpers/startLiveChat';
import { T0, type ManualClock } from '../../helpers/startRocketChat';

/** Credentials the tests pass as environment variables (the simulator's demo account). */
export const ENV = { LC_ACCOUNT: 'demo-account', LC_PAT: 'demo-pat', LC_BEARER: 'dal:demo-bearer-token' };

/** Parses a config text with the real kinds and the test environment. */
export function parse(yaml: string, env: Record<string, string> = ENV): Config {
  return parseConfig(yaml, { env, kinds: SOURCE_KINDS, file: '/virtual/livechat-test.yml' });
}

/** A LiveChat simulator plus an exporter polling it by hand, sharing one manual clock. */
export interface Harness {
  readonly sim: LiveChatSimulator;
  readonly clock: ManualClock;
  readonly exporter: Exporter;
  /** Applies a config (YAML; `{{url}}` is replaced by the simulator's base URL) and runs the first cycle. */
  start(yaml: string): Promise<void>;
  /** The rendered text exposition. */
  text(): string;
  close(): Promise<void>;
}

/** Starts a simulator (no report cache, so every cycle asks again) at T0 and an unscheduled exporter. */
export async function startHarness(options: Omit<LiveChatSimulatorOptions, 'clock'> = {}): Promise<Harness> {
  const lc = await startLiveChat({ cacheTtlMs: 0, ...options, clock: createManualClock(T0) });
  const ex = startExporter(lc.clock);
  return {
    sim: lc.sim,
    clock: lc.clock,
    exporter: ex.exporter,
    async start(yaml) {
      await ex.exporter.apply(parse(yaml.replaceAll('{{url}}', lc.url)));
      await ex.exporter.firstCycles();
    },
    text: () => ex.text(),
    async close() {
      await ex.close();
      await lc.sim.close();
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
