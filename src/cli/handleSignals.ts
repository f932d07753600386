import type { Logger } from '../log/Logger';

/** What the signal handlers act on. */
export interface SignalTargets {
  readonly logger: Logger;
  /** Stops polling at once (in-flight requests are aborted). */
  stopPolling(): void;
  /** Closes the server, connections and companions; settles when all are closed. */
  release(): Promise<unknown>;
  /** SIGHUP: reloads the config. */
  reload(): void;
}

/** How long a shutdown may take before the process leaves regardless. */
const HARD_STOP_MS = 10_000;

/**
 * Handles SIGTERM and SIGINT (a bounded shutdown) and SIGHUP (a config reload).
 * Resolves with the exit code once a shutdown has finished, or after 10 s at the latest.
 */
export function handleSignals(t: SignalTargets): Promise<number> {
  let stopping = false;
  return new Promise<number>((resolveExit) => {
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      t.logger.info('shutting down', { signal });
      t.stopPolling();
      const hardStop = setTimeout(() => resolveExit(0), HARD_STOP_MS);
      hardStop.unref();
      void t.release().then(() => {
        clearTimeout(hardStop);
        resolveExit(0);
      });
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGHUP', () => {
      if (!stopping) t.reload();
    });
  });
}
