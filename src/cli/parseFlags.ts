import { LOG_LEVELS, type LogLevel } from '../log/Logger';

/** The command line, parsed. */
export interface Flags {
  configFile: string;
  listenAddress: string;
  webConfigFile: string | undefined;
  configCheck: boolean;
  logLevel: LogLevel;
  logFormat: 'logfmt' | 'json';
  once: boolean;
  version: boolean;
  help: boolean;
}

/** The default listen port. The 9100–9999 exporter block is fully allocated, so per Prometheus' guidance this sits outside it. */
export const DEFAULT_PORT = 10458;

interface FlagSpec {
  readonly name: string;
  readonly kind: 'string' | 'bool';
  readonly help: string;
  readonly default?: string;
}

export const FLAG_SPECS: readonly FlagSpec[] = [
  { name: 'config.file', kind: 'string', default: 'livechat-exporter.yml', help: 'Path to the configuration file.' },
  {
    name: 'config.check',
    kind: 'bool',
    help: 'Validate the configuration file, print every problem with its YAML path, and exit (0 when valid, 1 otherwise).',
  },
  {
    name: 'web.listen-address',
    kind: 'string',
    default: `:${DEFAULT_PORT}`,
    help: 'Address to listen on for /metrics, the status page and the health endpoints.',
  },
  {
    name: 'web.config.file',
    kind: 'string',
    help: 'Path to an exporter-toolkit web config file (TLS, basic auth). Optional.',
  },
  {
    name: 'log.level',
    kind: 'string',
    default: 'info',
    help: `Only log messages at or above this level: ${LOG_LEVELS.join(', ')}.`,
  },
  { name: 'log.format', kind: 'string', default: 'logfmt', help: 'Log format: logfmt or json.' },
  {
    name: 'once',
    kind: 'bool',
    help: 'Poll every target once, print the metrics to stdout and exit (non-zero if any target failed).',
  },
  { name: 'version', kind: 'bool', help: 'Print the version and exit.' },
  { name: 'help', kind: 'bool', help: 'Show this help and exit.' },
];

/** A bad command line; the message is printed with a pointer to --help. */
export class FlagError extends Error {}

/** Parses `--name=value`, `--name value`, `--flag` and `--no-flag`, as Prometheus' kingpin flags do. */
export function parseFlags(argv: readonly string[]): Flags & { explicit: Set<string> } {
  const values = new Map<string, string | boolean>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') {
      values.set('help', true);
      continue;
    }
    if (!arg.startsWith('--')) throw new FlagError(`unexpected argument ${JSON.stringify(arg)}`);
    let [name, value] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    let negated = false;
    if (name.startsWith('no-') && !FLAG_SPECS.some((f) => f.name === name)) {
      name = name.slice(3);
      negated = true;
    }
    const spec = FLAG_SPECS.find((f) => f.name === name);
    if (!spec) throw new FlagError(`unknown flag --${name}`);
    if (spec.kind === 'bool') {
      if (value !== undefined && value !== 'true' && value !== 'false')
        throw new FlagError(`--${name} takes no value (or true/false)`);
      values.set(name, negated ? false : value !== 'false');
    } else {
      if (negated) throw new FlagError(`unknown flag --no-${name}`);
      if (value === undefined) {
        value = argv[++i];
        if (value === undefined) throw new FlagError(`--${name} needs a value`);
      }
      values.set(name, value);
    }
  }
  const str = (n: string) => (values.get(n) as string | undefined) ?? FLAG_SPECS.find((f) => f.name === n)!.default;
  const bool = (n: string) => values.get(n) === true;
  const logLevel = str('log.level') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new FlagError(`--log.level must be one of ${LOG_LEVELS.join(', ')}`);
  const logFormat = str('log.format');
  if (logFormat !== 'logfmt' && logFormat !== 'json') throw new FlagError('--log.format must be logfmt or json');
  return {
    configFile: str('config.file')!,
    listenAddress: str('web.listen-address')!,
    webConfigFile: str('web.config.file'),
    configCheck: bool('config.check'),
    logLevel,
    logFormat,
    once: bool('once'),
    version: bool('version'),
    help: bool('help'),
    explicit: new Set(values.keys()),
  };
}

/** The --help text. */
export function usage(): string {
  const lines = [
    'usage: livechat-exporter [<flags>]',
    '',
    'Prometheus exporter for Rocket.Chat Omnichannel and LiveChat analytics.',
    '',
    'Flags:',
  ];
  for (const f of FLAG_SPECS) {
    const head = `  --${f.name}${f.kind === 'string' ? '=VALUE' : ''}`;
    lines.push(`${head.padEnd(30)} ${f.help}${f.default ? ` (default: ${f.default})` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** Splits `host:port` / `:port` / `[::1]:port`; an empty host means every interface. */
export function parseListenAddress(addr: string): { host: string | undefined; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(addr);
  if (!m) throw new FlagError(`--web.listen-address must be host:port or :port, got ${JSON.stringify(addr)}`);
  const port = Number(m[3]);
  if (port > 65535) throw new FlagError(`--web.listen-address: port ${port} is out of range`);
  return { host: m[1] ?? (m[2] || undefined), port };
}
