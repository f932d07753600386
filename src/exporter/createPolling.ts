import { Agent } from 'undici';
import { systemClock } from '../clock';
import type { Logger } from '../log/Logger';
import type { SnapshotSink } from '../snapshot/createSnapshotStore';
import { SOURCE_KINDS } from '../sources/sourceKinds';
import { createExporter, type Exporter } from './createExporter';
import type { Shard } from './Shard';

/** The pollers and their upstream connections. */
export interface Polling {
  readonly exporter: Exporter;
  /** Stops every poller and closes upstream connections (in-flight requests are aborted). */
  close(): Promise<void>;
}

/** Creates the exporter of `shard` with its own upstream HTTP agent, publishing into `sink`. */
export function createPolling(o: {
  readonly logger: Logger;
  readonly sink: SnapshotSink;
  readonly shard: Shard;
  /** False for --once: nothing is put on a schedule. */
  readonly schedule: boolean;
}): Polling {
  // Connections are reused within a cycle; between cycles (1 minute apart by default) each idle one would hold
  // a socket and its buffers per origin, about 30 MiB for 2,000 of them. A server's `Keep-Alive: timeout=N` hint
  // overrides keepAliveTimeout, so keepAliveMaxTimeout caps it (undici's default cap is 10 minutes).
  const dispatcher = new Agent({ keepAliveTimeout: 5_000, keepAliveMaxTimeout: 5_000, connections: 64 });
  const exporter = createExporter({
    kinds: SOURCE_KINDS,
    store: o.sink,
    dispatcher,
    clock: systemClock,
    logger: o.logger,
    schedule: o.schedule,
    shard: o.shard,
  });
  return {
    exporter,
    async close() {
      exporter.stop();
      await dispatcher.destroy();
    },
  };
}
