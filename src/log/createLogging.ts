import { createLogger } from './createLogger';
import type { Logger, LogFormat, LogLevel } from './Logger';

/** The process' logger, redacting the secrets of whatever config runs. */
export interface Logging {
  readonly logger: Logger;
  /** Makes the logger redact these values (the running config's secrets) from now on. */
  redact(secrets: readonly string[]): void;
}

/** Creates the logger the flags ask for, writing whole lines to `write`. */
export function createLogging(
  flags: { readonly logLevel: LogLevel; readonly logFormat: LogFormat },
  write: (line: string) => void,
): Logging {
  let secrets: readonly string[] = [];
  const logger = createLogger({ level: flags.logLevel, format: flags.logFormat, write, redact: () => secrets });
  return { logger, redact: (s) => void (secrets = s) };
}
