import { parseArgs } from 'node:util';
import { LOG_LEVELS, type LogFormat, type LogLevel } from '../log/Logger';

/** The command line, parsed. */
export interface Flags {
  configFile: string;
  listenAddress: string;
  webConfigFile: string | undefined;
  /** POST /-/reload is served (default); off with --no-web.enable-lifecycle. */
  webEnableLifecycle: boolean;
  configCheck: boolean;
  /** `--config.check.skip-secrets`: check secret references without reading env vars or files. */
  skipSecrets: boolean;
  logLevel: LogLevel;
  logFormat: LogFormat;
  once: boolean;
  /** `--shard`: undefined unless given. */
  shard: number | undefined;
  totalShards: number;
  /** `--pod`: a StatefulSet pod's name, whose ordinal is the shard. */
  pod: string | undefined;
  version: boolean;
  help: boolean;
  /** The flags given on the command line (by name, without dashes), so defaults can depend on them. */
  explicit: ReadonlySet<string>;
}

/** Where the config is read from without --config.file: the same path in the Docker image and outside it. */
export const DEFAULT_CONFIG_FILE = '/etc/livechat-exporter/config.yml';

/** The default listen port. The 9100–9999 exporter block is fully allocated, so per Prometheus' guidance this sits outside it. */
export const DEFAULT_PORT = 10458;

interface FlagSpec {
  readonly name: string;
  readonly kind: 'string' | 'bool';
  readonly help: string;
  readonly default?: string;
  readonly short?: string;
}

const FLAG_SPECS: readonly FlagSpec[] = [
  { name: 'config.file', kind: 'string', default: DEFAULT_CONFIG_FILE, help: 'Path to the configuration file.' },
  {
    name: 'config.check',
    kind: 'bool',
    help: 'Validate the configuration file (and --web.config.file when given), print every problem with its YAML path, and exit (0 when valid, 1 otherwise).',
  },
  {
    name: 'config.check.skip-secrets',
    kind: 'bool',
    help: "With --config.check: validate everything but read no secret: each {env: X} and {file: path} is checked for its form, not its value, and the web config's certificate and key files are not read (for a config repository's CI, where the secrets do not exist).",
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
    name: 'web.enable-lifecycle',
    kind: 'bool',
    default: 'true',
    help: 'Serve POST /-/reload (cross-site requests are always refused); --no-web.enable-lifecycle turns it off, SIGHUP still reloads.',
  },
  {
    name: 'shard',
    kind: 'string',
    help: 'Poll and serve only the targets whose name hashes to this shard, 0 to --total-shards minus 1 (docs/kubernetes.md#sharding).',
  },
  {
    name: 'total-shards',
    kind: 'string',
    default: '1',
    help: "Number of shards the config's targets are divided among; every shard runs with the same config.",
  },
  {
    name: 'pod',
    kind: 'string',
    help: 'Name of this StatefulSet pod (<name>-<ordinal>, from the downward API): its ordinal is the shard. Needs --total-shards equal to the replicas.',
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
    help: 'Poll every target once, print the metrics to stdout and exit: 0 when every configured group has data; 1 when a target failed or a group has none (stderr lists each such group and why: deferred, rate limited, failed). Against Rocket.Chat it shares the per-IP rate limiter with any exporter polling from the same IP, so running it next to one can get both HTTP 429s.',
  },
  { name: 'version', kind: 'bool', help: 'Print the version and exit.' },
  { name: 'help', kind: 'bool', short: 'h', help: 'Show this help and exit.' },
];

const SPECS = new Map(FLAG_SPECS.map((f) => [f.name, f]));

/** The specs in parseArgs' terms. */
const OPTIONS = Object.fromEntries(
  FLAG_SPECS.map((f) => [
    f.name,
    {
      type: f.kind === 'bool' ? ('boolean' as const) : ('string' as const),
      ...(f.default !== undefined && { default: f.kind === 'bool' ? f.default === 'true' : f.default }),
      ...(f.short !== undefined && { short: f.short }),
    },
  ]),
);

/** A bad command line; the message is printed with a pointer to --help. */
export class FlagError extends Error {}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/**
 * Checks one token against the specs. parseArgs runs non-strict so that these
 * messages stay ours (and name the flag as typed), and so that a boolean takes
 * `=true`/`=false` as kingpin's do.
 */
function checkToken(t: Token): void {
  if (t.kind === 'positional') throw new FlagError(`unexpected argument ${JSON.stringify(t.value)}`);
  if (t.kind === 'option-terminator') throw new FlagError('unknown flag --');
  const spec = SPECS.get(t.name);
  const negated = t.rawName === `--no-${t.name}`;
  if (!spec && t.name.startsWith('no-') && SPECS.get(t.name.slice(3))?.kind === 'bool')
    throw new FlagError(`--${t.name} takes no value`);
  if (!spec || (negated && spec.kind !== 'bool')) throw new FlagError(`unknown flag ${t.rawName}`);
  if (spec.kind === 'bool' && t.value !== undefined && t.value !== 'true' && t.value !== 'false')
    throw new FlagError(`--${t.name} takes no value (or true/false)`);
  if (spec.kind === 'string' && t.value === undefined) throw new FlagError(`--${t.name} needs a value`);
}

/** A whole number of at least `min`, written in decimal digits (no sign, no exponent). */
function integerFlag(name: string, value: string, min: number): number {
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min))
    throw new FlagError(`--${name} must be a whole number of at least ${min}, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * Parses the command line with `util.parseArgs`, in Prometheus' (kingpin's) conventions:
 * `--name=value`, `--name value`, `--flag`, `--flag=false` and `--no-flag`. Throws FlagError.
 */
export function parseFlags(argv: readonly string[]): Flags {
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowNegative: true,
    tokens: true,
  });
  tokens.forEach(checkToken);
  const str = (name: string) => values[name] as string | undefined;
  // Non-strict parseArgs keeps `--flag=false` as the string 'false'.
  const bool = (name: string) => values[name] === true || values[name] === 'true';
  const logLevel = str('log.level') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new FlagError(`--log.level must be one of ${LOG_LEVELS.join(', ')}`);
  const logFormat = str('log.format');
  if (logFormat !== 'logfmt' && logFormat !== 'json') throw new FlagError('--log.format must be logfmt or json');
  // Alone it would start a server on a config whose secrets were never read.
  if (bool('config.check.skip-secrets') && !bool('config.check'))
    throw new FlagError('--config.check.skip-secrets only applies with --config.check');
  const shard = str('shard');
  return {
    configFile: str('config.file')!,
    listenAddress: str('web.listen-address')!,
    webConfigFile: str('web.config.file'),
    webEnableLifecycle: bool('web.enable-lifecycle'),
    configCheck: bool('config.check'),
    skipSecrets: bool('config.check.skip-secrets'),
    logLevel,
    logFormat,
    once: bool('once'),
    shard: shard === undefined ? undefined : integerFlag('shard', shard, 0),
    totalShards: integerFlag('total-shards', str('total-shards')!, 1),
    pod: str('pod'),
    version: bool('version'),
    help: bool('help'),
    explicit: new Set(tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : []))),
  };
}

/** The --help text: every flag with its help and default. */
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
