import { createServer, type Server } from 'node:http';
import { Agent } from 'undici';
import { systemClock } from '../../src/clock';
import type { Config } from '../../src/config/types';
import { createExporter, type Exporter } from '../../src/exporter/createExporter';
import { createProcessMetrics } from '../../src/exporter/createProcessMetrics';
import { createNullLogger } from '../../src/log/createLogger';
import { createApp } from '../../src/server/createApp';
import { catalogue } from '../../src/sources/catalogue';
import { SOURCE_KINDS } from '../../src/sources/sourceKinds';
import { createSnapshotStore } from '../../src/snapshot/createSnapshotStore';
import { VERSION } from '../../src/version';

/** A scheduled exporter on the system clock, served on a loopback port, for end-to-end tests. */
export interface ServedExporter {
  readonly exporter: Exporter;
  /** `127.0.0.1:<port>`, for a scrape config. */
  readonly address: string;
  close(): Promise<void>;
}

/** Wires the exporter much as src/exporter/createPolling.ts does, applies `config` and serves /metrics. */
export async function serveExporter(config: Config): Promise<ServedExporter> {
  const store = createSnapshotStore(catalogue);
  const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 64 });
  const processMetrics = createProcessMetrics({ version: VERSION });
  const exporter = createExporter({
    kinds: SOURCE_KINDS,
    store,
    dispatcher,
    clock: systemClock,
    logger: createNullLogger(),
    schedule: true,
    retryBaseMs: 50,
  });
  const server: Server = createServer(createApp({ store, processMetrics, ready: exporter.ready }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await exporter.apply(config);
  processMetrics.reloaded(true, Date.now());
  return {
    exporter,
    address: `127.0.0.1:${port}`,
    async close() {
      exporter.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await dispatcher.destroy();
    },
  };
}
