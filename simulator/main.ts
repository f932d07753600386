#!/usr/bin/env node
/** CLI: runs the Rocket.Chat, LiveChat and Chatwoot simulators standalone (docker-compose, manual testing). */
import { systemClock } from '../src/clock';
import { createChatwootSimulator } from './chatwoot/createChatwootSimulator';
import { demoChatwootToken } from './chatwoot/chatwootTokens';
import { createLiveChatSimulator } from './livechat/createLiveChatSimulator';
import { demoLiveChatAccount, demoLiveChatBearerToken } from './livechat/liveChatCredentials';
import { parseCliArgs, SIMULATOR_USAGE } from './parseCliArgs';
import { createRocketChatSimulator } from './rocketchat/createRocketChatSimulator';
import { demoRocketChatBot, demoRocketChatUser } from './rocketchat/RocketChatUser';
import { isValidZoneName } from './world/createZone';

async function main(): Promise<void> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2));
    if (!isValidZoneName(args.timezone)) throw new Error(`unknown timezone ${args.timezone}`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${SIMULATOR_USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${SIMULATOR_USAGE}\n`);
    return;
  }
  const closers: (() => Promise<void>)[] = [];
  if (args.rocketchatListen) {
    const rc = createRocketChatSimulator({
      clock: systemClock,
      seed: args.seed,
      timezone: args.timezone,
      rateLimit: args.rateLimit,
      latencyMs: args.latencyMs,
    });
    const url = await rc.listen(args.rocketchatListen.port, args.rocketchatListen.host);
    closers.push(() => rc.close());
    process.stdout.write(
      `Rocket.Chat simulator: ${url}  (X-User-Id: ${demoRocketChatUser.userId}, X-Auth-Token: ${demoRocketChatUser.token}, rate-limited; or ${demoRocketChatBot.userId} / ${demoRocketChatBot.token}, api-bypass-rate-limit; control: ${url}/_simulator/state)\n`,
    );
  }
  if (args.livechatListen) {
    const lc = createLiveChatSimulator({
      clock: systemClock,
      seed: args.seed,
      timezone: args.timezone,
      rateLimit: args.livechatRateLimit,
      latencyMs: args.latencyMs,
      ...(args.livechatRegion !== undefined && { region: args.livechatRegion }),
    });
    const url = await lc.listen(args.livechatListen.port, args.livechatListen.host);
    closers.push(() => lc.close());
    process.stdout.write(
      `LiveChat simulator: ${url}/v3.6/reports/... and ${url}/v3.6/{agent,configuration}/action/...  (PAT: account ${demoLiveChatAccount.accountId}, token ${demoLiveChatAccount.pat} = Authorization: Basic ${Buffer.from(`${demoLiveChatAccount.accountId}:${demoLiveChatAccount.pat}`).toString('base64')}; Bearer ${demoLiveChatBearerToken}; control: ${url}/_simulator/state)\n`,
    );
  }
  if (args.chatwootListen) {
    const cw = createChatwootSimulator({
      clock: systemClock,
      seed: args.seed,
      timezone: args.timezone,
      latencyMs: args.latencyMs,
      version: args.chatwootVersion,
      ...(!args.chatwootRackAttack && { rackAttack: false as const }),
    });
    const url = await cw.listen(args.chatwootListen.port, args.chatwootListen.host);
    closers.push(() => cw.close());
    process.stdout.write(
      `Chatwoot simulator: ${url}  (v${args.chatwootVersion}, account 1, api-access-token: ${demoChatwootToken.token}; control: ${url}/_simulator/state)\n`,
    );
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received, shutting down\n`);
    void Promise.all(closers.map((c) => c())).then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
