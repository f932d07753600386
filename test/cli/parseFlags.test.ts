import { strict as assert } from 'node:assert';
import { FlagError, parseFlags, usage } from '../../src/cli/parseFlags';

/** The message of the FlagError that parsing `argv` throws. */
function flagError(argv: string[]): string {
  try {
    parseFlags(argv);
  } catch (err) {
    assert.ok(err instanceof FlagError, String(err));
    return err.message;
  }
  assert.fail(`${JSON.stringify(argv)} was accepted`);
}

describe('parseFlags', () => {
  it('gives the defaults for an empty command line', () => {
    const f = parseFlags([]);
    // The same path the Docker image puts its default config at (test/docker/dockerImage.test.ts).
    assert.equal(f.configFile, '/etc/livechat-exporter/config.yml');
    assert.equal(f.listenAddress, ':10458');
    assert.equal(f.webConfigFile, undefined);
    assert.equal(f.logLevel, 'info');
    assert.equal(f.logFormat, 'logfmt');
    for (const b of [f.configCheck, f.skipSecrets, f.once, f.version, f.help]) assert.equal(b, false);
    assert.equal(f.shard, undefined);
    assert.equal(f.totalShards, 1);
    assert.equal(f.pod, undefined);
    assert.equal(f.webEnableLifecycle, true);
    assert.deepEqual([...f.explicit], []);
  });

  it('turns the lifecycle API off with --no-web.enable-lifecycle', () => {
    assert.equal(parseFlags(['--no-web.enable-lifecycle']).webEnableLifecycle, false);
    assert.equal(parseFlags(['--web.enable-lifecycle=false']).webEnableLifecycle, false);
  });

  it('takes string values as --flag=value and --flag value, the last one winning', () => {
    const f = parseFlags(['--config.file=a=b.yml', '--web.listen-address', '127.0.0.1:0', '--log.level=debug']);
    assert.equal(f.configFile, 'a=b.yml');
    assert.equal(f.listenAddress, '127.0.0.1:0');
    assert.equal(f.logLevel, 'debug');
    assert.deepEqual([...f.explicit].sort(), ['config.file', 'log.level', 'web.listen-address']);
    assert.equal(parseFlags(['--config.file=a', '--config.file=b']).configFile, 'b');
    assert.equal(parseFlags(['--web.config.file=']).webConfigFile, '');
  });

  it('takes booleans as --flag, --flag=true|false and --no-flag', () => {
    assert.equal(parseFlags(['--once']).once, true);
    assert.equal(parseFlags(['--once=true']).once, true);
    assert.equal(parseFlags(['--once=false']).once, false);
    assert.equal(parseFlags(['--once', '--no-once']).once, false);
    assert.equal(parseFlags(['--no-once', '--once']).once, true);
    assert.deepEqual([...parseFlags(['--no-once']).explicit], ['once']);
    assert.equal(parseFlags(['-h']).help, true);
  });

  it('rejects unknown flags, arguments and misused values with a message naming them', () => {
    assert.equal(flagError(['--bogus']), 'unknown flag --bogus');
    assert.equal(flagError(['--no-bogus']), 'unknown flag --no-bogus');
    assert.equal(flagError(['-x']), 'unknown flag -x');
    // The demo is `npm run demo` (simulator/demo/runDemo.ts); the exporter itself knows no simulator.
    assert.equal(flagError(['--demo']), 'unknown flag --demo');
    assert.equal(flagError(['--no-config.file']), 'unknown flag --no-config.file');
    assert.equal(flagError(['--']), 'unknown flag --');
    assert.equal(flagError(['stray']), 'unexpected argument "stray"');
    assert.equal(flagError(['--once=yes']), '--once takes no value (or true/false)');
    assert.equal(flagError(['--no-once=true']), '--no-once takes no value');
    assert.equal(flagError(['--config.file']), '--config.file needs a value');
    assert.equal(flagError(['--log.level=trace']), '--log.level must be one of debug, info, warn, error');
    assert.equal(flagError(['--log.format=xml']), '--log.format must be logfmt or json');
  });

  it('takes --shard and --total-shards as whole numbers, and --pod as a name', () => {
    const f = parseFlags(['--shard=2', '--total-shards', '3', '--pod=x-1']);
    assert.deepEqual([f.shard, f.totalShards, f.pod], [2, 3, 'x-1']);
    assert.equal(flagError(['--shard=-1']), '--shard must be a whole number of at least 0, got "-1"');
    assert.equal(flagError(['--shard=1.5']), '--shard must be a whole number of at least 0, got "1.5"');
    assert.equal(flagError(['--shard=']), '--shard must be a whole number of at least 0, got ""');
    assert.equal(flagError(['--total-shards=0']), '--total-shards must be a whole number of at least 1, got "0"');
    assert.equal(flagError(['--total-shards=1e3']), '--total-shards must be a whole number of at least 1, got "1e3"');
  });

  it('documents every flag with its default in --help', () => {
    assert.equal(
      usage(),
      `usage: livechat-exporter [<flags>]

Prometheus exporter for Rocket.Chat Omnichannel and LiveChat analytics.

Flags:
  --config.file=VALUE          Path to the configuration file. (default: /etc/livechat-exporter/config.yml)
  --config.check               Validate the configuration file (and --web.config.file when given), print every problem with its YAML path, and exit (0 when valid, 1 otherwise).
  --config.check.skip-secrets  With --config.check: validate everything but read no secret: each {env: X} and {file: path} is checked for its form, not its value, and the web config's certificate and key files are not read (for a config repository's CI, where the secrets do not exist).
  --web.listen-address=VALUE   Address to listen on for /metrics, the status page and the health endpoints. (default: :10458)
  --web.config.file=VALUE      Path to an exporter-toolkit web config file (TLS, basic auth). Optional.
  --web.enable-lifecycle       Serve POST /-/reload (cross-site requests are always refused); --no-web.enable-lifecycle turns it off, SIGHUP still reloads. (default: true)
  --shard=VALUE                Poll and serve only the targets whose name hashes to this shard, 0 to --total-shards minus 1 (docs/kubernetes.md#sharding).
  --total-shards=VALUE         Number of shards the config's targets are divided among; every shard runs with the same config. (default: 1)
  --pod=VALUE                  Name of this StatefulSet pod (<name>-<ordinal>, from the downward API): its ordinal is the shard. Needs --total-shards equal to the replicas.
  --log.level=VALUE            Only log messages at or above this level: debug, info, warn, error. (default: info)
  --log.format=VALUE           Log format: logfmt or json. (default: logfmt)
  --once                       Poll every target once, print the metrics to stdout and exit: 0 when every configured group has data; 1 when a target failed or a group has none (stderr lists each such group and why: deferred, rate limited, failed). Against Rocket.Chat it shares the per-IP rate limiter with any exporter polling from the same IP, so running it next to one can get both HTTP 429s.
  --version                    Print the version and exit.
  --help                       Show this help and exit.
`,
    );
  });
});
