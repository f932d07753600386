import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRocketChatSimulator, type RocketChatSimulator } from '../simulator/rocketchat/createRocketChatSimulator';
import { runCli, startCli, waitFor, type RunningCli } from './helpers/runCli';

const SECRETS = {
  userId: 'user-ID-5ecret-bbbb',
  fileToken: 'tok-FILE-5ecret-aaaa',
  envToken: 'tok-ENV-5ecret-cccc',
  urlPassword: 'url-PASS-5ecret-dddd',
};

/**
 * Seeds secrets through every channel a config offers (files, env vars, a URL
 * with userinfo), has the upstream echo them back in error bodies, and scans
 * every output the exporter has: logs, error messages, /config, the status page,
 * the debug views, /metrics (labels included) and --config.check.
 */
describe('secrets hygiene', () => {
  let dir: string;
  let sim: RocketChatSimulator;
  let url: string;
  let cli: RunningCli | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    sim = createRocketChatSimulator({
      rateLimit: false,
      users: [{ userId: SECRETS.userId, token: SECRETS.fileToken }],
    });
    url = await sim.listen(0);
    writeFileSync(join(dir, 'user-id'), SECRETS.userId);
    writeFileSync(join(dir, 'token'), `${SECRETS.fileToken}\n`);
  });
  after(async () => {
    cli?.child.kill('SIGKILL');
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const target = (name: string, token: string, base = url) => `
  - name: ${name}
    kind: rocketchat
    url: ${base}
    schedule: "* * * * * *"
    timeout: 800ms
    retries: 0
    budget: unlimited
    windows: [1h]
    auth: {user_id: {file: user-id}, token: ${token}}`;

  function assertClean(what: string, text: string): void {
    for (const [name, secret] of Object.entries(SECRETS))
      assert.ok(!text.includes(secret), `${what} contains the ${name} secret`);
  }

  it('never shows a secret in logs, HTTP outputs, metrics or config errors', async () => {
    // The upstream echoes X-User-Id and X-Auth-Token back in a 500 body.
    sim.faults.add({ mode: 'echo_secret', path: 'charts/chats' });
    const configFile = join(dir, 'config.yml');
    writeFileSync(configFile, `targets:${target('alpha', '{file: token}')}${target('beta', '{env: RC_TOKEN}')}\n`);
    cli = await startCli([`--config.file=${configFile}`, '--web.listen-address=127.0.0.1:0', '--log.level=debug'], {
      RC_TOKEN: SECRETS.envToken,
    });
    const base = cli.url;
    await waitFor(async () => (await fetch(`${base}/-/ready`)).status === 200);
    // Let a few cycles run so the echoing endpoint has failed and been logged.
    await waitFor(() => /upstream request failed.*charts-chats/.test(cli!.output()));

    const outputs: Record<string, string> = {};
    for (const path of ['/', '/config', '/targets/alpha', '/targets/beta', '/metrics', '/-/ready']) {
      outputs[path] = await (await fetch(base + path)).text();
    }
    // A config whose URL carries credentials is refused without echoing them.
    writeFileSync(
      configFile,
      `targets:${target('alpha', '{file: token}', url.replace('http://', `http://admin:${SECRETS.urlPassword}@`))}\n`,
    );
    const reload = await fetch(`${base}/-/reload`, { method: 'POST' });
    outputs['/-/reload'] = await reload.text();
    assert.equal(reload.status, 500);
    assert.match(outputs['/-/reload'], /must not contain credentials/);
    const check = await runCli(['--config.check', `--config.file=${configFile}`]);
    outputs['--config.check'] = check.stdout + check.stderr;
    assert.equal(check.code, 1);

    await cli.stop();
    outputs.logs = cli.output();

    // The test means something only if the secrets really travelled: the upstream echoed
    // them, the echoed error reached our outputs (redacted), and the wrong token was refused.
    const echoed = sim.requests.all().filter((r) => r.fault === 'echo_secret');
    assert.ok(echoed.length > 0, 'the upstream never echoed the secrets');
    assert.ok(JSON.stringify(echoed[0]!.responseBody).includes(SECRETS.fileToken));
    assert.match(outputs.logs, /<redacted>/);
    assert.match(outputs['/targets/alpha']!, /Internal error while serving user/);
    assert.match(outputs['/']!, /beta/);
    assert.match(outputs['/config']!, /token: \{ env: RC_TOKEN \}/, '/config shows the reference, not the value');
    for (const [what, text] of Object.entries(outputs)) assertClean(what, text);
  });
});
