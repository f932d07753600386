import cron from 'node-cron';
import { memoizePure } from './memoizePure';
import { parsePrometheusDuration } from './prometheusDuration';

const isValidCron = memoizePure((expression) => cron.validate(expression));

/** Joins a YAML path and a key the way error messages print them: `targets[0].auth.token`. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Names a JSON/YAML value's type for error messages. */
export function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/**
 * Reads one YAML mapping strictly. Every accessor records the key as known and
 * pushes a one-line problem (with the YAML path) instead of throwing, so that a
 * single validation pass reports every problem. `finish()` reports unknown keys.
 */
export class ObjectReader {
  private readonly known = new Set<string>();

  private constructor(
    private readonly obj: Record<string, unknown>,
    readonly path: string,
    readonly problems: string[],
  ) {}

  /** Wraps `value` if it is a mapping; otherwise records a problem and returns undefined. */
  static of(value: unknown, path: string, problems: string[]): ObjectReader | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${path || '(top level)'}: expected a mapping, got ${describeType(value)}`);
      return undefined;
    }
    return new ObjectReader(value as Record<string, unknown>, path, problems);
  }

  /** Records a problem at `key` (or at this mapping when key is omitted). */
  problem(key: string | undefined, message: string): void {
    this.problems.push(`${key === undefined ? this.path || '(top level)' : joinPath(this.path, key)}: ${message}`);
  }

  /** True when the key is present (and not null). Marks it known. */
  has(key: string): boolean {
    this.known.add(key);
    return Object.prototype.hasOwnProperty.call(this.obj, key) && this.obj[key] !== null && this.obj[key] !== undefined;
  }

  /** The raw value of a key (undefined if absent). Marks it known. */
  raw(key: string): unknown {
    return this.has(key) ? this.obj[key] : undefined;
  }

  /** Marks keys as known without reading them (e.g. keys handled elsewhere). */
  allow(...keys: string[]): void {
    for (const k of keys) this.known.add(k);
  }

  string(
    key: string,
    opts: { required?: boolean; pattern?: RegExp; patternHint?: string; oneOf?: readonly string[] } = {},
  ): string | undefined {
    if (!this.has(key)) {
      if (opts.required) this.problem(key, 'is required');
      return undefined;
    }
    const v = this.obj[key];
    const s = typeof v === 'number' ? String(v) : v;
    if (typeof s !== 'string') {
      this.problem(key, `expected a string, got ${describeType(v)}`);
      return undefined;
    }
    if (opts.oneOf && !opts.oneOf.includes(s)) {
      this.problem(key, `must be one of ${opts.oneOf.join(', ')}, got ${JSON.stringify(s)}`);
      return undefined;
    }
    if (opts.pattern && !opts.pattern.test(s)) {
      this.problem(key, `${opts.patternHint ?? `does not match ${opts.pattern}`}, got ${JSON.stringify(s)}`);
      return undefined;
    }
    return s;
  }

  number(key: string, opts: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
    if (!this.has(key)) return undefined;
    const v = this.obj[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.problem(key, `expected a number, got ${describeType(v)}`);
      return undefined;
    }
    if (opts.integer && !Number.isInteger(v)) return void this.problem(key, `expected a whole number, got ${v}`);
    if (opts.min !== undefined && v < opts.min) return void this.problem(key, `must be at least ${opts.min}, got ${v}`);
    if (opts.max !== undefined && v > opts.max) return void this.problem(key, `must be at most ${opts.max}, got ${v}`);
    return v;
  }

  boolean(key: string): boolean | undefined {
    if (!this.has(key)) return undefined;
    const v = this.obj[key];
    if (typeof v !== 'boolean') {
      this.problem(key, `expected true or false, got ${describeType(v)}`);
      return undefined;
    }
    return v;
  }

  /** A duration string such as "30s" or "15m", in milliseconds. */
  duration(key: string, opts: { min?: number; allowZero?: boolean } = {}): number | undefined {
    const s = this.string(key);
    if (s === undefined) return undefined;
    const ms = s === '0' ? 0 : parsePrometheusDuration(s);
    if (ms === undefined)
      return void this.problem(key, `invalid duration ${JSON.stringify(s)} (use e.g. 30s, 15m, 1h, 7d)`);
    if (ms === 0 && !opts.allowZero) return void this.problem(key, 'must be greater than zero');
    if (opts.min !== undefined && ms < opts.min)
      return void this.problem(key, `must be at least ${opts.min} ms, got ${s}`);
    return ms;
  }

  /** A node-cron expression (5 fields, or 6 with seconds). */
  cron(key: string): string | undefined {
    const s = this.string(key);
    if (s === undefined) return undefined;
    if (!isValidCron(s))
      return void this.problem(
        key,
        `invalid cron expression ${JSON.stringify(s)} (e.g. "*/1 * * * *", or "*/30 * * * * *" with seconds)`,
      );
    return s;
  }

  /** A nested mapping. */
  object(key: string): ObjectReader | undefined {
    if (!this.has(key)) return undefined;
    return ObjectReader.of(this.obj[key], joinPath(this.path, key), this.problems);
  }

  /** A list; returns the items with their paths. */
  list(key: string): { value: unknown; path: string }[] | undefined {
    if (!this.has(key)) return undefined;
    const v = this.obj[key];
    if (!Array.isArray(v)) {
      this.problem(key, `expected a list, got ${describeType(v)}`);
      return undefined;
    }
    return (v as unknown[]).map((value, i) => ({ value, path: joinPath(joinPath(this.path, key), i) }));
  }

  /** A list of strings. */
  stringList(key: string): string[] | undefined {
    const items = this.list(key);
    if (!items) return undefined;
    const out: string[] = [];
    for (const { value, path } of items) {
      if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
      else this.problems.push(`${path}: expected a string, got ${describeType(value)}`);
    }
    return out;
  }

  /** The keys present in this mapping (all treated as known). */
  keys(): string[] {
    const ks = Object.keys(this.obj);
    for (const k of ks) this.known.add(k);
    return ks;
  }

  /** Reports every key that no accessor asked for. Call after reading. */
  finish(): void {
    for (const k of Object.keys(this.obj)) {
      if (!this.known.has(k)) this.problem(k, 'unknown key');
    }
  }
}
