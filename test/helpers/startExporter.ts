import { Agent } from 'undici';
import { stringify } from 'yaml';
import type { Clock } from '../../src/clock';
import { parseConfig } from '../../src/config/loadConfig';
import type { Config } from '../../src/config/types';
import { createExporter, type Exporter } from '../../src/exporter/createExporter';
import type { Shard } from '../../src/exporter/Shard';
import type { Limiter } from '../../src/poll/createLimiter';
import { createNullLogger } from '../../src/log/createLogger';
import type { Logger } from '../../src/log/Logger';
import { catalogue } from '../../src/sources/catalogue';
import { createSnapshotStore, type SnapshotStore } from '../../src/snapshot/createSnapshotStore';
import { SOURCE_KINDS } from '../../src/sources/sourceKinds';
import { parseExposition, type ParsedExposition } from './parseExposition';

/** Env vars the config helpers point secrets at. */
export type SecretEnv = Record<string, string>;

/**
 * A `kind: rocketchat` target as a plain object (turned into YAML by `configOf`).
 * Credentials are read from env vars named after the target, which `configOf` fills in.
 */
export function rcTarget(
  name: string,
  url: string,
  user: { userId: string; token: string },
  extra: Record<string, unknown> = {},
): { target: Record<string, unknown>; env: SecretEnv } {
  const key = name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return {
    target: {
      name,
      kind: 'rocketchat',
      url,
      auth: { user_id: { env: `${key}_USER_ID` }, token: { env: `${key}_TOKEN` } },
      ...extra,
    },
    env: { [`${key}_USER_ID`]: user.userId, [`${key}_TOKEN`]: user.token },
  };
}

/** Validates a config built from objects, exactly as a YAML file would be (through parseConfig). */
export function configOf(
  targets: readonly { target: Record<string, unknown>; env: SecretEnv }[],
  defaults?: Record<string, unknown>,
): Config {
  const doc = { ...(defaults && { defaults }), targets: targets.map((t) => t.target) };
  const env = Object.assign({}, ...targets.map((t) => t.env)) as SecretEnv;
  return parseConfig(stringify(doc), { env, kinds: SOURCE_KINDS, file: '/virtual/livechat-exporter.yml' });
}

/** An exporter driven by hand (schedule: false) with its own store and HTTP dispatcher. */
export interface ExporterHarness {
  readonly exporter: Exporter;
  readonly store: SnapshotStore;
  /** The store's text exposition (no process metrics). */
  text(): string;
  /** The store's exposition parsed into series. */
  scrape(): ParsedExposition;
  close(): Promise<void>;
}

/** Creates a hand-driven exporter on `clock`; retries back off by at most `retryBaseMs` (default 1 ms) so failing tests stay fast. */
export function startExporter(
  clock: Clock,
  opts: { retryBaseMs?: number; firstCycleLimiter?: Limiter; shard?: Shard; logger?: Logger } = {},
): ExporterHarness {
  const store = createSnapshotStore(catalogue);
  const dispatcher = new Agent({ keepAliveTimeout: 1_000, connections: 16 });
  const exporter = createExporter({
    kinds: SOURCE_KINDS,
    store,
    dispatcher,
    clock,
    logger: opts.logger ?? createNullLogger(),
    schedule: false,
    retryBaseMs: opts.retryBaseMs ?? 1,
    ...(opts.firstCycleLimiter && { firstCycleLimiter: opts.firstCycleLimiter }),
    ...(opts.shard && { shard: opts.shard }),
  });
  const text = () => store.render('text').body.toString('utf8');
  return {
    exporter,
    store,
    text,
    scrape: () => parseExposition(text()),
    async close() {
      exporter.stop();
      await dispatcher.destroy();
    },
  };
}
