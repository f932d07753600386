import { Agent, Pool } from 'undici';
import { systemClock } from '../clock';
import type { Config } from '../config/types';
import type { Logger } from '../log/Logger';
import type { SnapshotSink } from '../snapshot/createSnapshotStore';
import { SOURCE_KINDS } from '../sources/sourceKinds';
import { createExporter, type Exporter } from './createExporter';
import type { Shard } from './Shard';
import { DEFAULT_POOL_SIZING, upstreamPoolSizing, type PoolSizing } from './upstreamPoolSizing';

/** The pollers and their upstream connections. */
export interface Polling {
  readonly exporter: Exporter;
  /** Stops every poller and closes upstream connections (in-flight requests are aborted). */
  close(): Promise<void>;
}

/**
 * An agent whose pool per origin is sized by `sizingOf` when the origin's pool is created: undici drops an
 * origin's pool once its last socket closes, so a reloaded config's sizing applies from its next connection.
 */
function createUpstreamAgent(sizingOf: (origin: string) => PoolSizing): Agent {
  return new Agent({
    factory(origin, opts) {
      const s = sizingOf(new URL(String(origin)).origin);
      // A server's `Keep-Alive: timeout=N` hint overrides keepAliveTimeout; keepAliveMaxTimeout caps it.
      return new Pool(origin, {
        ...opts,
        connections: s.connections,
        keepAliveTimeout: s.keepAliveMs,
        keepAliveMaxTimeout: s.keepAliveMs,
      });
    },
  });
}

/** Creates the exporter of `shard` with its own upstream HTTP agent, publishing into `sink`. */
export function createPolling(o: {
  readonly logger: Logger;
  readonly sink: SnapshotSink;
  readonly shard: Shard;
  /** False for --once: nothing is put on a schedule. */
  readonly schedule: boolean;
}): Polling {
  // Connections are kept from one cycle to the next (a keep-alive a little longer than the schedule's interval),
  // and each origin's pool holds at most the sockets its targets' concurrency can use, so idle sockets are bounded
  // by the concurrency the config asks for, not by a fixed per-origin cap.
  let sizing = new Map<string, PoolSizing>();
  const dispatcher = createUpstreamAgent((origin) => sizing.get(origin) ?? DEFAULT_POOL_SIZING);
  const exporter = createExporter({
    kinds: SOURCE_KINDS,
    store: o.sink,
    dispatcher,
    clock: systemClock,
    logger: o.logger,
    schedule: o.schedule,
    shard: o.shard,
  });
  const usesLiveCycle = (t: Config['targets'][number]) => SOURCE_KINDS.get(t.kind)?.usesLiveCycle?.(t.options) ?? false;
  return {
    exporter: {
      ...exporter,
      apply(config) {
        sizing = upstreamPoolSizing(config.targets, usesLiveCycle);
        return exporter.apply(config);
      },
    },
    async close() {
      exporter.stop();
      await dispatcher.destroy();
    },
  };
}
