import type { LogFields, LogFormat, Logger, LogLevel } from './Logger';
import { LOG_LEVELS } from './Logger';

/** Options for createLogger. `write` receives whole lines (newline included). */
export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  write: (line: string) => void;
  now?: () => number;
  /** Strings that must never appear in a log line (secrets); each occurrence is replaced. */
  redact?: () => readonly string[];
}

function logfmtValue(v: string): string {
  return /^[^\s"=\\]+$/.test(v) && v !== '' ? v : JSON.stringify(v);
}

/** Creates a logfmt or JSON logger, Prometheus-style (`ts=… level=… msg=…`). */
export function createLogger(opts: LoggerOptions, base: LogFields = {}): Logger {
  const min = LOG_LEVELS.indexOf(opts.level);
  const now = opts.now ?? Date.now;
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (LOG_LEVELS.indexOf(level) < min) return;
    const all: LogFields = { ts: new Date(now()).toISOString(), level, msg, ...base, ...fields };
    let line: string;
    if (opts.format === 'json') {
      const clean: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(all)) if (v !== undefined) clean[k] = v;
      line = JSON.stringify(clean);
    } else {
      line = Object.entries(all)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${logfmtValue(String(v))}`)
        .join(' ');
    }
    for (const secret of opts.redact?.() ?? []) if (secret.length >= 4) line = line.split(secret).join('<redacted>');
    opts.write(line + '\n');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(opts, { ...base, ...fields }),
    enabled: (level) => LOG_LEVELS.indexOf(level) >= min,
  };
}

/** A logger that drops everything; for tests. */
export function createNullLogger(): Logger {
  const l: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => l, enabled: () => false };
  return l;
}
