import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from '../../src/config/loadConfig';
import type { RocketChatOptions } from '../../src/sources/rocketchat/readRocketChatOptions';
import { SOURCE_KINDS } from '../../src/sources/sourceKinds';
import { parseCliArgs } from '../../simulator/parseCliArgs';
import { createRocketChatSimulator } from '../../simulator/rocketchat/createRocketChatSimulator';
import { REPO_ROOT } from '../helpers/paths';

/** What `npm run simulator` runs once it has built. */
const SIMULATOR_JS = resolve(REPO_ROOT, 'dist', 'simulator', 'main.js');

describe('the standalone simulator CLI (npm run simulator)', () => {
  it('--help lists the default ports and the credentials every simulator accepts', () => {
    const r = spawnSync(process.execPath, [SIMULATOR_JS, '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    for (const text of [
      '127.0.0.1:9471',
      '127.0.0.1:9472',
      'X-User-Id: demo-user, X-Auth-Token: demo-token',
      'X-User-Id: demo-bot, X-Auth-Token: demo-bot-token (manager with api-bypass-rate-limit',
      'PAT account demo-account, token demo-pat',
      `Basic ${Buffer.from('demo-account:demo-pat').toString('base64')}`,
      'Bearer dal:demo-bearer-token',
      '127.0.0.1:9473',
      'api-access-token: cwDemoAdminToken2026xyzAB',
      '127.0.0.1:10471, 127.0.0.1:10472 and 127.0.0.1:10473',
    ])
      assert.ok(r.stdout.includes(text), `--help lacks ${JSON.stringify(text)}:\n${r.stdout}`);
  });

  it('rejects an unknown flag with exit code 2 and the usage', () => {
    const r = spawnSync(process.execPath, [SIMULATOR_JS, '--no-such-flag=1'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown flag --no-such-flag\nUsage: /);
  });
});

describe("config/demo.yml's Rocket.Chat account on the standalone simulator", () => {
  it('has api-bypass-rate-limit there too, as its comment says: no 429 past the limit; the other demo user gets them', async () => {
    const config = await loadConfig(resolve(REPO_ROOT, 'config', 'demo.yml'), { env: {}, kinds: SOURCE_KINDS });
    const target = config.targets.find((t) => t.kind === 'rocketchat')!;
    const { userId, token } = target.options as RocketChatOptions;
    // What `npm run simulator` starts with no flags: its defaults, its default rate limit.
    const sim = createRocketChatSimulator({ rateLimit: parseCliArgs([]).rateLimit });
    const url = await sim.listen(0, '127.0.0.1');
    try {
      const statuses = async (user: string, auth: string): Promise<number[]> => {
        const out: number[] = [];
        for (let i = 0; i < 12; i++) {
          const res = await fetch(`${url}/api/v1/livechat/department`, {
            headers: { 'X-User-Id': user, 'X-Auth-Token': auth },
          });
          await res.arrayBuffer();
          out.push(res.status);
        }
        return out;
      };
      assert.deepEqual(await statuses(userId.reveal(), token.reveal()), Array<number>(12).fill(200));
      assert.ok((await statuses('demo-user', 'demo-token')).includes(429), 'the limiter is on for other users');
    } finally {
      await sim.close();
    }
  });
});
