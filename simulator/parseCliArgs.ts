import { parsePrometheusDuration } from '../src/config/prometheusDuration';
import { DEMO_PORTS } from './demo/startDemoSimulators';
import { demoChatwootToken } from './chatwoot/chatwootTokens';
import { demoLiveChatAccount, demoLiveChatBearerToken } from './livechat/liveChatCredentials';
import { demoRocketChatBot, demoRocketChatUser } from './rocketchat/RocketChatUser';

/** Parsed command line of the simulator CLI. */
export interface SimulatorCliArgs {
  /** host:port, or null when disabled ("off"). */
  rocketchatListen: { host: string; port: number } | null;
  livechatListen: { host: string; port: number } | null;
  chatwootListen: { host: string; port: number } | null;
  /** What the Chatwoot simulator reports as its version (and which endpoints it has). */
  chatwootVersion: string;
  /** Chatwoot's Rack::Attack with its default limits, or off. */
  chatwootRackAttack: boolean;
  seed: number;
  /** Rocket.Chat REST limiter, or false. */
  rateLimit: { limit: number; periodMs: number } | false;
  /** LiveChat limiter, or false (default). */
  livechatRateLimit: { limit: number; periodMs: number } | false;
  latencyMs: number;
  timezone: string;
  livechatRegion: string | undefined;
  help: boolean;
}

/** Where each simulator listens unless told otherwise. */
const DEFAULT_LISTEN = {
  rocketchat: { host: '127.0.0.1', port: 9471 },
  livechat: { host: '127.0.0.1', port: 9472 },
  chatwoot: { host: '127.0.0.1', port: 9473 },
};

const basic = Buffer.from(`${demoLiveChatAccount.accountId}:${demoLiveChatAccount.pat}`).toString('base64');

/** Usage text of the CLI, with the credentials the simulators accept out of the box. */
export const SIMULATOR_USAGE = `Usage: node dist/simulator/main.js [flags]   (or: npm run simulator -- [flags])
Runs the Rocket.Chat, LiveChat and Chatwoot upstream simulators standalone.

Flags:
  --rocketchat.listen-address=HOST:PORT   Rocket.Chat simulator (default ${DEFAULT_LISTEN.rocketchat.host}:${DEFAULT_LISTEN.rocketchat.port}; "off" disables)
  --livechat.listen-address=HOST:PORT     LiveChat Reports simulator (default ${DEFAULT_LISTEN.livechat.host}:${DEFAULT_LISTEN.livechat.port}; "off" disables)
  --chatwoot.listen-address=HOST:PORT     Chatwoot simulator (default ${DEFAULT_LISTEN.chatwoot.host}:${DEFAULT_LISTEN.chatwoot.port}; "off" disables)
  --chatwoot.version=X.Y.Z                version GET /api reports; older versions lack newer endpoints (default 4.15.1)
  --chatwoot.rack-attack=on|off           Chatwoot's Rack::Attack limits (3000/min per IP, 100/min per token under /reports,
                                          30/min per user for conversations/meta), counted per UTC minute (default on)
  --seed=N                                world seed (default 1)
  --rate-limit=N/DURATION|off             Rocket.Chat REST limiter per endpoint per IP (default 10/60s)
  --livechat.rate-limit=N/DURATION|off    LiveChat limiter per credential (default off)
  --latency=DURATION                      added latency per request, e.g. 50ms (default 0)
  --timezone=IANA                         reporting / business-hours timezone (default UTC)
  --livechat.region=REGION                answer misdirected_request to other regions (default: any)
  --help

Credentials:
  Rocket.Chat  X-User-Id: ${demoRocketChatUser.userId}, X-Auth-Token: ${demoRocketChatUser.token} (manager; subject to --rate-limit)
               X-User-Id: ${demoRocketChatBot.userId}, X-Auth-Token: ${demoRocketChatBot.token} (manager with api-bypass-rate-limit; config/demo.yml's)
  LiveChat     PAT account ${demoLiveChatAccount.accountId}, token ${demoLiveChatAccount.pat} (Authorization: Basic ${basic}),
               or Authorization: Bearer ${demoLiveChatBearerToken}
  Chatwoot     api-access-token: ${demoChatwootToken.token} (administrator of account 1); more tokens (agent, report_manage
               custom role, agent bot, platform app) in simulator/chatwoot/chatwootTokens.ts

Control API (every server, no auth): GET /_simulator/state, POST /_simulator/burst {"department"?, "count"},
POST|GET|DELETE /_simulator/faults, POST|GET /_simulator/departments, GET|DELETE /_simulator/requests.
npm run demo starts them on 127.0.0.1:${DEMO_PORTS.rocketchat}, 127.0.0.1:${DEMO_PORTS.livechat} and 127.0.0.1:${DEMO_PORTS.chatwoot} instead, as config/demo.yml expects.`;

/** A duration flag ("50ms", "60s", "1m"), with the exporter's own duration syntax; "0" is zero. */
function durationFlag(raw: string): number {
  const ms = raw.trim() === '0' ? 0 : parsePrometheusDuration(raw.trim());
  if (ms === undefined) throw new Error(`invalid duration ${JSON.stringify(raw)} (use e.g. 50ms, 60s, 1m)`);
  return ms;
}

function parseListen(raw: string): { host: string; port: number } | null {
  if (raw === 'off' || raw === '') return null;
  const i = raw.lastIndexOf(':');
  const host = i > 0 ? raw.slice(0, i).replace(/^\[|\]$/g, '') : '127.0.0.1';
  const port = Number(i >= 0 ? raw.slice(i + 1) : raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`invalid listen address ${JSON.stringify(raw)}`);
  return { host, port };
}

function parseRate(raw: string): { limit: number; periodMs: number } | false {
  if (raw === 'off' || raw === 'false') return false;
  const [limit, period = '60s'] = raw.split('/');
  const n = Number(limit);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`invalid rate limit ${JSON.stringify(raw)}`);
  return { limit: n, periodMs: durationFlag(period) };
}

const KNOWN_FLAGS = [
  'rocketchat.listen-address',
  'livechat.listen-address',
  'seed',
  'rate-limit',
  'livechat.rate-limit',
  'latency',
  'timezone',
  'livechat.region',
  'chatwoot.listen-address',
  'chatwoot.version',
  'chatwoot.rack-attack',
];

/** Parses `--flag=value` / `--flag value` arguments; throws on unknown flags. */
export function parseCliArgs(argv: readonly string[]): SimulatorCliArgs {
  const out: SimulatorCliArgs = {
    rocketchatListen: { ...DEFAULT_LISTEN.rocketchat },
    livechatListen: { ...DEFAULT_LISTEN.livechat },
    chatwootListen: { ...DEFAULT_LISTEN.chatwoot },
    chatwootVersion: '4.15.1',
    chatwootRackAttack: true,
    seed: 1,
    rateLimit: { limit: 10, periodMs: 60_000 },
    livechatRateLimit: false,
    latencyMs: 0,
    timezone: 'UTC',
    livechatRegion: undefined,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      out.help = true;
      continue;
    }
    const m = /^--([a-z.-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument ${JSON.stringify(arg)}`);
    const name = m[1] ?? '';
    if (!KNOWN_FLAGS.includes(name)) throw new Error(`unknown flag --${name}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    switch (name) {
      case 'rocketchat.listen-address':
        out.rocketchatListen = parseListen(value);
        break;
      case 'livechat.listen-address':
        out.livechatListen = parseListen(value);
        break;
      case 'chatwoot.listen-address':
        out.chatwootListen = parseListen(value);
        break;
      case 'chatwoot.version':
        if (!/^\d+\.\d+\.\d+$/.test(value)) throw new Error('--chatwoot.version must look like 4.15.1');
        out.chatwootVersion = value;
        break;
      case 'chatwoot.rack-attack':
        if (value !== 'on' && value !== 'off') throw new Error('--chatwoot.rack-attack must be on or off');
        out.chatwootRackAttack = value === 'on';
        break;
      case 'seed':
        out.seed = Number(value);
        if (!Number.isInteger(out.seed)) throw new Error('--seed must be an integer');
        break;
      case 'rate-limit':
        out.rateLimit = parseRate(value);
        break;
      case 'livechat.rate-limit':
        out.livechatRateLimit = parseRate(value);
        break;
      case 'latency':
        out.latencyMs = durationFlag(value);
        break;
      case 'timezone':
        out.timezone = value;
        break;
      case 'livechat.region':
        out.livechatRegion = value;
        break;
      default:
        throw new Error(`unknown flag --${name}`);
    }
  }
  return out;
}
