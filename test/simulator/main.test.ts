import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
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
