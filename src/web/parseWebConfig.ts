import { resolve } from 'node:path';
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { bcryptCost } from './bcryptHash';
import { GO_CIPHER_SUITES, GO_CURVES } from './goTlsNames';
import { parseGoDuration } from './parseGoDuration';
import {
  CLIENT_AUTH_TYPES,
  TLS_VERSIONS,
  type ClientAuthType,
  type HttpServerConfig,
  type RateLimitConfig,
  type TlsServerConfig,
  type WebConfig,
} from './WebConfig';
import { WebConfigError } from './WebConfigError';

/**
 * Parses the text of an exporter-toolkit web config strictly, without touching the
 * file system: relative `*_file` paths are resolved against `baseDir` (the config
 * file's directory, as exporter-toolkit does) but not read. Throws a
 * {@link WebConfigError} listing every problem found.
 */
export function parseWebConfig(text: string, baseDir: string): WebConfig {
  const { config, problems } = checkWebConfig(text, baseDir);
  if (problems.length > 0) throw new WebConfigError(problems);
  return config;
}

/**
 * Like {@link parseWebConfig} but returns the problems instead of throwing, together
 * with a best-effort config, so a loader can add its own problems (unreadable files)
 * and report everything at once.
 */
export function checkWebConfig(text: string, baseDir: string): { config: WebConfig; problems: string[] } {
  const problems: string[] = [];
  const lines = new LineCounter();
  // YAML 1.1 because exporter-toolkit uses Go's yaml.v2 (yes/no booleans etc.).
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  const empty: WebConfig = { http: { http2: true, headers: {} }, basicAuthUsers: new Map() };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const { line, col } = lines.linePos(e.pos[0]);
      problems.push(`yaml (line ${line}, column ${col}): ${firstLine(e.message)}`);
    }
    return { config: empty, problems };
  }
  const r = new Reader(doc, problems);
  const root = r.map(doc.contents, '');
  if (!root) return { config: empty, problems };
  r.onlyKeys(root, '', ['tls_server_config', 'http_server_config', 'basic_auth_users', 'rate_limit']);

  // Sections are read in the documented order so problems come out in that order.
  const tls = readTls(r, root.get('tls_server_config'), baseDir);
  const config: WebConfig = {
    http: readHttp(r, root.get('http_server_config')),
    basicAuthUsers: readUsers(r, root.get('basic_auth_users')),
  };
  if (tls) config.tls = tls;
  const rateLimit = readRateLimit(r, root.get('rate_limit'));
  if (rateLimit) config.rateLimit = rateLimit;
  return { config, problems };
}

const TLS_KEYS = [
  'cert',
  'key',
  'client_ca',
  'cert_file',
  'key_file',
  'client_auth_type',
  'client_ca_file',
  'client_allowed_sans',
  'min_version',
  'max_version',
  'cipher_suites',
  'prefer_server_cipher_suites',
  'curve_preferences',
];

function readTls(r: Reader, node: Node | undefined, baseDir: string): TlsServerConfig | undefined {
  const m = r.map(node, 'tls_server_config');
  // An empty section leaves TLS off, as in exporter-toolkit.
  if (!m || m.size === 0) return undefined;
  const p = 'tls_server_config';
  r.onlyKeys(m, p, TLS_KEYS);
  const file = (key: string): string | undefined => {
    const v = r.string(m.get(key), `${p}.${key}`);
    return v ? resolve(baseDir, v) : undefined;
  };
  const text = (key: string): string | undefined => r.string(m.get(key), `${p}.${key}`) || undefined;

  const tls: TlsServerConfig = {
    clientAuthType:
      r.oneOf(m.get('client_auth_type'), `${p}.client_auth_type`, CLIENT_AUTH_TYPES, LEGACY_CLIENT_AUTH) ??
      'NoClientCert',
    minVersion: r.oneOf(m.get('min_version'), `${p}.min_version`, TLS_VERSIONS) ?? 'TLS12',
    maxVersion: r.oneOf(m.get('max_version'), `${p}.max_version`, TLS_VERSIONS) ?? 'TLS13',
    cipherSuites: r.names(m.get('cipher_suites'), `${p}.cipher_suites`, 'cipher suite', [...GO_CIPHER_SUITES.keys()]),
    preferServerCipherSuites: r.bool(m.get('prefer_server_cipher_suites'), `${p}.prefer_server_cipher_suites`) ?? true,
    curvePreferences: r.names(m.get('curve_preferences'), `${p}.curve_preferences`, 'curve', [...GO_CURVES.keys()]),
  };
  const assign = <K extends keyof TlsServerConfig>(k: K, v: TlsServerConfig[K] | undefined): void => {
    if (v !== undefined) tls[k] = v;
  };
  assign('certFile', file('cert_file'));
  assign('keyFile', file('key_file'));
  assign('clientCaFile', file('client_ca_file'));
  assign('cert', text('cert'));
  assign('key', text('key'));
  assign('clientCa', text('client_ca'));
  if (m.has('client_allowed_sans'))
    tls.clientAllowedSans = r.strings(m.get('client_allowed_sans'), `${p}.client_allowed_sans`);

  if (!tls.cert && !tls.certFile) r.problem(`${p}: missing one of cert or cert_file`);
  if (!tls.key && !tls.keyFile) r.problem(`${p}: missing one of key or key_file`);
  if (tls.cert && tls.certFile) r.problem(`${p}: cert and cert_file are mutually exclusive`);
  if (tls.key && tls.keyFile) r.problem(`${p}: key and key_file are mutually exclusive`);
  if (tls.clientCa && tls.clientCaFile) r.problem(`${p}: client_ca and client_ca_file are mutually exclusive`);
  const hasCa = Boolean(tls.clientCa || tls.clientCaFile);
  if (hasCa && tls.clientAuthType === 'NoClientCert') {
    r.problem(`${p}: client_ca_file / client_ca is set but client_auth_type is NoClientCert`);
  }
  // Go would fall back to the system roots here, i.e. accept any publicly issued
  // certificate; that is never what an exporter operator means, so refuse it.
  if (
    !hasCa &&
    (tls.clientAuthType === 'VerifyClientCertIfGiven' || tls.clientAuthType === 'RequireAndVerifyClientCert')
  ) {
    r.problem(`${p}.client_auth_type: ${tls.clientAuthType} needs client_ca_file or client_ca`);
  }
  if (
    tls.clientAllowedSans &&
    tls.clientAuthType !== 'RequireAnyClientCert' &&
    tls.clientAuthType !== 'RequireAndVerifyClientCert'
  ) {
    r.problem(`${p}.client_allowed_sans: requires client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert`);
  }
  if (TLS_VERSIONS.indexOf(tls.minVersion) > TLS_VERSIONS.indexOf(tls.maxVersion)) {
    r.problem(`${p}: min_version ${tls.minVersion} is greater than max_version ${tls.maxVersion}`);
  }
  return tls;
}

// exporter-toolkit still accepts this pre-1.0 spelling.
const LEGACY_CLIENT_AUTH: Readonly<Record<string, ClientAuthType>> = { RequireClientCert: 'RequireAnyClientCert' };

/** exporter-toolkit's allow list; values of enumerated headers are checked too. */
const ALLOWED_HEADERS: Readonly<Record<string, readonly string[] | undefined>> = {
  'Content-Security-Policy': undefined,
  'X-Frame-Options': ['deny', 'sameorigin'],
  'X-Content-Type-Options': ['nosniff'],
  'X-XSS-Protection': undefined,
  'Strict-Transport-Security': undefined,
};

function readHttp(r: Reader, node: Node | undefined): HttpServerConfig {
  const p = 'http_server_config';
  const http: HttpServerConfig = { http2: true, headers: {} };
  const m = r.map(node, p);
  if (!m) return http;
  r.onlyKeys(m, p, ['http2', 'headers']);
  http.http2 = r.bool(m.get('http2'), `${p}.http2`) ?? true;
  const hm = r.map(m.get('headers'), `${p}.headers`);
  if (!hm) return http;
  const headers: Record<string, string> = {};
  for (const [name, valueNode] of hm.entries) {
    const path = `${p}.headers.${name}`;
    if (!Object.hasOwn(ALLOWED_HEADERS, name)) {
      r.problem(`${path}: header can not be configured (allowed: ${Object.keys(ALLOWED_HEADERS).join(', ')})`);
      continue;
    }
    const value = r.string(valueNode, path);
    // Blank means unset, per exporter-toolkit's documentation.
    if (!value) continue;
    const allowed = ALLOWED_HEADERS[name];
    if (allowed && !allowed.includes(value)) {
      r.problem(`${path}: must be one of ${allowed.join(', ')}, got "${value}"`);
      continue;
    }
    headers[name] = value;
  }
  http.headers = headers;
  return http;
}

function readUsers(r: Reader, node: Node | undefined): Map<string, string> {
  const users = new Map<string, string>();
  const m = r.map(node, 'basic_auth_users');
  if (!m) return users;
  for (const [user, hashNode] of m.entries) {
    const path = `basic_auth_users.${user}`;
    const hash = r.string(hashNode, path);
    if (hash === undefined) {
      r.problem(`${path}: missing bcrypt hash`);
      continue;
    }
    // The hash itself stays out of the message: it is a secret.
    if (bcryptCost(hash) === undefined) {
      r.problem(`${path}: not a valid bcrypt hash (generate one with: htpasswd -nBC 10 "" | tr -d ':\\n')`);
      continue;
    }
    if (user.includes(':')) {
      r.problem(`${path}: a basic auth user name cannot contain ":"`);
      continue;
    }
    users.set(user, hash);
  }
  return users;
}

function readRateLimit(r: Reader, node: Node | undefined): RateLimitConfig | undefined {
  const p = 'rate_limit';
  const m = r.map(node, p);
  if (!m) return undefined;
  r.onlyKeys(m, p, ['interval', 'burst']);
  // Read as text so the documented `interval: 0` (a YAML integer) reads as Go's "0".
  const interval = r.string(m.get('interval'), `${p}.interval`);
  let intervalMs = 0;
  if (interval !== undefined) {
    const parsed = parseGoDuration(interval);
    if (parsed === undefined) r.problem(`${p}.interval: must be a duration such as 1s or 500ms`);
    else intervalMs = parsed;
  }
  const burst = r.int(m.get('burst'), `${p}.burst`) ?? 0;
  if (burst < 0) r.problem(`${p}.burst: must not be negative`);
  if (intervalMs === 0) return undefined;
  // A Go rate.Limiter with burst 0 rejects every request; surely not what was meant.
  if (burst < 1) {
    r.problem(`${p}.burst: must be at least 1 when interval is set`);
    return undefined;
  }
  return { intervalMs, burst };
}

/** A YAML map's entries by string key, in file order. */
interface Fields {
  get(key: string): Node | undefined;
  has(key: string): boolean;
  readonly size: number;
  readonly entries: ReadonlyArray<readonly [string, Node | undefined]>;
}

/** Typed access to YAML nodes that records a one-line problem for every mismatch. */
class Reader {
  constructor(
    private readonly doc: Document,
    private readonly problems: string[],
  ) {}

  problem(message: string): void {
    this.problems.push(message);
  }

  private deref(node: unknown): Node | undefined {
    if (isAlias(node)) return this.deref(node.resolve(this.doc));
    return node as Node | undefined;
  }

  private isNull(node: Node | undefined): boolean {
    return node == null || (isScalar(node) && node.value === null);
  }

  /** The map at `path`, or undefined when absent/null (a problem if it is something else). */
  map(raw: unknown, path: string): Fields | undefined {
    const node = this.deref(raw);
    if (this.isNull(node)) return undefined;
    if (!isMap(node)) {
      this.problem(`${path || 'top level'}: must be a map`);
      return undefined;
    }
    const entries: Array<readonly [string, Node | undefined]> = [];
    for (const pair of node.items) {
      const key = this.deref(pair.key);
      if (!isScalar(key) || key.value === null || typeof key.value === 'object') {
        this.problem(`${path || 'top level'}: keys must be strings`);
        continue;
      }
      entries.push([scalarText(key), this.deref(pair.value)]);
    }
    const byKey = new Map(entries);
    return { get: (k) => byKey.get(k), has: (k) => byKey.has(k), size: byKey.size, entries };
  }

  /** Records `<path>.<key>: unknown key` for every key outside `allowed`, like yaml.v2's UnmarshalStrict. */
  onlyKeys(fields: Fields, path: string, allowed: readonly string[]): void {
    for (const [key] of fields.entries) {
      if (!allowed.includes(key)) this.problem(`${path ? `${path}.` : ''}${key}: unknown key`);
    }
  }

  /** A scalar as text: non-strings keep their source spelling, like yaml.v2 does for string fields. */
  string(raw: unknown, path: string): string | undefined {
    const node = this.deref(raw);
    if (this.isNull(node)) return undefined;
    if (!isScalar(node) || typeof node.value === 'object') {
      this.problem(`${path}: must be a string`);
      return undefined;
    }
    return scalarText(node);
  }

  bool(raw: unknown, path: string): boolean | undefined {
    const node = this.deref(raw);
    if (this.isNull(node)) return undefined;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.problem(`${path}: must be true or false`);
    return undefined;
  }

  int(raw: unknown, path: string): number | undefined {
    const node = this.deref(raw);
    if (this.isNull(node)) return undefined;
    if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value)) return node.value;
    this.problem(`${path}: must be an integer`);
    return undefined;
  }

  strings(raw: unknown, path: string): string[] {
    const node = this.deref(raw);
    if (this.isNull(node)) return [];
    if (!isSeq(node)) {
      this.problem(`${path}: must be a list of strings`);
      return [];
    }
    const out: string[] = [];
    node.items.forEach((item, i) => {
      const s = this.string(item, `${path}[${i}]`);
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  /** A list whose entries must come from `known`. */
  names(raw: unknown, path: string, what: string, known: readonly string[]): string[] {
    const out: string[] = [];
    this.strings(raw, path).forEach((name, i) => {
      if (known.includes(name)) out.push(name);
      else this.problem(`${path}[${i}]: unknown ${what} "${name}"`);
    });
    return out;
  }

  oneOf<T extends string>(
    raw: unknown,
    path: string,
    allowed: readonly T[],
    aliases: Readonly<Record<string, T>> = {},
  ): T | undefined {
    const s = this.string(raw, path);
    if (s === undefined || s === '') return undefined;
    if ((allowed as readonly string[]).includes(s)) return s as T;
    const alias = aliases[s];
    if (alias) return alias;
    this.problem(`${path}: unknown value "${s}" (expected one of ${allowed.join(', ')})`);
    return undefined;
  }
}

function scalarText(node: Node): string {
  if (!isScalar(node)) return '';
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
