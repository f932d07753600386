import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRocketChatSimulator, type RocketChatSimulator } from '../simulator/rocketchat/createRocketChatSimulator';
import { runCli as run, startCli, waitFor } from './helpers/runCli';

describe('livechat-exporter command line', () => {
  let dir: string;
  let sim: RocketChatSimulator;
  let url: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'main-'));
    sim = createRocketChatSimulator({ rateLimit: false, users: [{ userId: 'u1', token: 'secret-token-1' }] });
    url = await sim.listen(0);
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = (name: string, token: string, extra = '') => {
    const file = join(dir, `${name}.yml`);
    writeFileSync(
      file,
      `targets:
  - name: ${name}
    kind: rocketchat
    url: ${url}
    budget: unlimited
    timeout: 2s
    windows: [1h]
    auth: {user_id: {env: RC_USER}, token: {env: ${token}}}
${extra}`,
    );
    return file;
  };

  it('prints its version and help', async () => {
    const v = await run(['--version']);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^livechat-exporter, version \d+\.\d+\.\d+/);
    const h = await run(['--help']);
    assert.equal(h.code, 0);
    for (const flag of [
      '--config.file',
      '--config.check',
      '--web.listen-address',
      '--web.config.file',
      '--log.level',
      '--log.format',
      '--once',
      '--version',
    ])
      assert.ok(h.stdout.includes(flag), flag);
  });

  it('rejects an unknown flag with exit code 2 and no stack trace', async () => {
    const r = await run(['--bogus']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown flag --bogus/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('the server with an invalid config reports every problem as --config.check does, and exits 1', async () => {
    const file = config('broken', 'RC_TOKEN', '    bogus_key: 1\n    windows: [1h, 7x]\n');
    const r = await run([`--config.file=${file}`, '--web.listen-address=127.0.0.1:0'], {
      RC_USER: 'u1',
      RC_TOKEN: 'secret-token-1',
    });
    const check = await run([`--config.file=${file}`, '--config.check'], { RC_USER: 'u1', RC_TOKEN: 'secret-token-1' });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(check.code, 1);
    assert.match(check.stderr, /^.*broken\.yml: invalid configuration\n/);
    assert.ok(r.stderr.includes(check.stderr), `${r.stderr}\n---\n${check.stderr}`);
  });

  it('--once prints the metrics and exits 0 when every target succeeds', async () => {
    const r = await run(['--once', `--config.file=${config('good', 'RC_TOKEN')}`], {
      RC_USER: 'u1',
      RC_TOKEN: 'secret-token-1',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^livechat_exporter_up\{target="good"\} 1$/m);
    assert.match(
      r.stdout,
      /^livechat_exporter_rocketchat_conversations\{target="good",department="all",department_name="All departments",window="1h"\} \d+$/m,
    );
  });

  it('--once exits non-zero and says why when a target fails, never printing the token', async () => {
    const r = await run(['--once', `--config.file=${config('bad', 'RC_TOKEN')}`], {
      RC_USER: 'u1',
      RC_TOKEN: 'wrong-token-value',
    });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^livechat_exporter_up\{target="bad"\} 0$/m);
    assert.match(r.stderr, /target bad failed: auth: HTTP 401/);
    assert.ok(!(r.stdout + r.stderr).includes('wrong-token-value'));
  });

  it('stops within its shutdown bound on SIGTERM while a request hangs', async () => {
    sim.faults.add({ mode: 'timeout' });
    const file = config('hang', 'RC_TOKEN', '    schedule: "* * * * *"\n');
    const cli = await startCli([`--config.file=${file}`, '--web.listen-address=127.0.0.1:0'], {
      RC_USER: 'u1',
      RC_TOKEN: 'secret-token-1',
    });
    // Wait until the exporter is listening and its first request is in flight.
    await waitFor(() => /targets applied/.test(cli.output()));
    await waitFor(() => sim.requests.size > 0);
    assert.equal(await cli.stop(), 0);
    assert.match(cli.output(), /shutting down/);
    sim.faults.clear();
  });
});
