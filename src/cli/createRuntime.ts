import { Agent } from 'undici';
import { systemClock } from '../clock';
import { createExporter, type Exporter } from '../exporter/createExporter';
import { createProcessMetrics, type ProcessMetrics } from '../exporter/createProcessMetrics';
import { createLogger } from '../log/createLogger';
import type { Logger } from '../log/Logger';
import { catalogue } from '../sources/catalogue';
import { createSnapshotStore, type SnapshotStore } from '../snapshot/createSnapshotStore';
import { SOURCE_KINDS } from '../sources/sourceKinds';
import { VERSION } from '../version';
import type { Shard } from '../exporter/Shard';
import type { Flags } from './parseFlags';

/** The process' logger, redacting the secrets of whatever config runs. */
export interface Logging {
  readonly logger: Logger;
  /** Makes the logger redact these values (the running config's secrets) from now on. */
  redact(secrets: readonly string[]): void;
}

/** Creates the logger the flags ask for, writing whole lines to `write`. */
export function createLogging(flags: Pick<Flags, 'logLevel' | 'logFormat'>, write: (line: string) => void): Logging {
  let secrets: readonly string[] = [];
  const logger = createLogger({ level: flags.logLevel, format: flags.logFormat, write, redact: () => secrets });
  return { logger, redact: (s) => void (secrets = s) };
}

/** The exporter and what it renders into, shared by `--once` and the server. */
export interface Runtime {
  readonly logger: Logger;
  readonly store: SnapshotStore;
  readonly dispatcher: Agent;
  readonly processMetrics: ProcessMetrics;
  readonly exporter: Exporter;
  /** Points log redaction at the secrets of the config just applied. */
  readonly refreshSecrets: () => void;
}

/** Creates the snapshot store, the upstream HTTP agent, the process metrics and the exporter of `shard`. */
export function createRuntime(logging: Logging, schedule: boolean, shard: Shard): Runtime {
  const { logger } = logging;
  const store = createSnapshotStore(catalogue);
  // Connections are reused within a cycle; between cycles (1 minute apart by default) each idle one would hold
  // a socket and its buffers per origin, about 30 MiB for 2,000 of them. A server's `Keep-Alive: timeout=N` hint
  // overrides keepAliveTimeout, so keepAliveMaxTimeout caps it (undici's default cap is 10 minutes).
  const dispatcher = new Agent({ keepAliveTimeout: 5_000, keepAliveMaxTimeout: 5_000, connections: 64 });
  const exporter = createExporter({
    kinds: SOURCE_KINDS,
    store,
    dispatcher,
    clock: systemClock,
    logger,
    schedule,
    shard,
  });
  const processMetrics = createProcessMetrics({ version: VERSION, shard: () => exporter.shard() });
  return {
    logger,
    store,
    dispatcher,
    processMetrics,
    exporter,
    refreshSecrets: () => logging.redact(exporter.secrets()),
  };
}
