/** Structured log fields; values are rendered by the chosen format (logfmt or JSON). */
export type LogFields = Record<string, string | number | boolean | undefined | null>;

/** A structured logger; `child` adds fields to every line. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
  /** Whether lines of `level` are written: lets a hot path skip building fields nobody reads. */
  enabled(level: LogLevel): boolean;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** How log lines are written: logfmt (default) or one JSON object per line. */
export type LogFormat = 'logfmt' | 'json';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
