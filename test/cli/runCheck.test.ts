import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAD_CONFIGS, expandExpected } from '../helpers/badConfigs';
import { fixturePath } from '../helpers/paths';
import { runCli } from '../helpers/runCli';

/** A config whose secrets are an env var and a relative file, neither of which exists where it is checked. */
const CONFIG_WITH_ABSENT_SECRETS = `targets:
  - name: acme-chat
    kind: rocketchat
    url: https://chat.example.com
    auth:
      user_id: {env: ROCKETCHAT_USER_ID}
      token: {file: secrets/rocketchat-token}
  - name: acme-livechat
    kind: livechat
    auth: {type: pat, account_id: {env: LIVECHAT_ACCOUNT_ID}, token: {file: /run/secrets/no-such-livechat-pat}}
`;

/** The web config problems the server refuses at startup, each with its YAML path. */
const BROKEN_WEB_CONFIG = `tls_server_config:
  min_versoin: TLS12
basic_auth_users:
  alice: not-a-bcrypt-hash
rate_limit: {interval: soon}
`;

describe('--config.check (spawned CLI): the web config and --config.check.skip-secrets', function () {
  this.timeout(30_000);
  let dir: string;
  const path = (name: string) => join(dir, name);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'config-check-'));
    writeFileSync(path('absent-secrets.yml'), CONFIG_WITH_ABSENT_SECRETS);
    writeFileSync(path('broken-web.yml'), BROKEN_WEB_CONFIG);
    writeFileSync(path('good-web.yml'), 'http_server_config:\n  headers: {X-Frame-Options: deny}\n');
    writeFileSync(path('tls-web.yml'), 'tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/server.key\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports every problem of a broken --web.config.file and exits 1, as the server would refuse it', async () => {
    const web = path('broken-web.yml');
    const r = await runCli([
      '--config.check',
      `--config.file=${fixturePath('config', 'good', 'minimal.yml')}`,
      `--web.config.file=${web}`,
    ]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /minimal\.yml: valid, 1 target\(s\)/, 'the main config is still reported on');
    assert.ok(r.stderr.startsWith(`${web}: invalid web configuration\n`), r.stderr);
    for (const where of ['tls_server_config.min_versoin', 'basic_auth_users.alice', 'rate_limit.interval'])
      assert.match(r.stderr, new RegExp(`^  ${where.replace(/\./g, '\\.')}: `, 'm'), r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);

    // The server refuses the same file, with the same problems.
    const server = await runCli([
      `--config.file=${fixturePath('config', 'good', 'minimal.yml')}`,
      `--web.config.file=${web}`,
      '--web.listen-address=127.0.0.1:0',
    ]);
    assert.equal(server.code, 1);
    for (const where of ['tls_server_config.min_versoin', 'basic_auth_users.alice', 'rate_limit.interval'])
      assert.ok(server.stderr.includes(where), server.stderr);
  });

  it('exits 0 and says so when both files are valid', async () => {
    const web = path('good-web.yml');
    const config = fixturePath('config', 'good', 'minimal.yml');
    const r = await runCli(['--config.check', `--config.file=${config}`, `--web.config.file=${web}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${config}: valid, 1 target(s): acme-chat (rocketchat)\n${web}: valid web configuration\n`);
  });

  it('without --config.check.skip-secrets, absent env vars and secret files are errors', async () => {
    const file = path('absent-secrets.yml');
    const r = await runCli(['--config.check', `--config.file=${file}`]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /targets\[0\]\.auth\.user_id\.env: environment variable ROCKETCHAT_USER_ID is not set/);
    assert.match(r.stderr, /targets\[0\]\.auth\.token\.file: cannot read .*secrets\/rocketchat-token: ENOENT/);
    assert.match(r.stderr, /targets\[1\]\.auth\.account_id\.env: environment variable LIVECHAT_ACCOUNT_ID is not set/);
  });

  it('with --config.check.skip-secrets, reads no secret and validates the rest', async () => {
    const file = path('absent-secrets.yml');
    const r = await runCli(['--config.check', '--config.check.skip-secrets', `--config.file=${file}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `${file}: valid (secrets not read), 2 target(s): acme-chat (rocketchat), acme-livechat (livechat)\n`,
    );
  });

  // What a secret reference must look like is still checked, and so is everything that is not a secret.
  for (const name of ['bad-durations.yml', 'inline-secret.yml', 'unknown-key-auth.yml', 'reserved-labels.yml']) {
    it(`with --config.check.skip-secrets, still reports every problem of ${name}`, async () => {
      const file = fixturePath('config', 'bad', name);
      const expected = BAD_CONFIGS.find((b) => b.file === name)!.expected.map((e) => expandExpected(e, file));
      const r = await runCli(['--config.check', '--config.check.skip-secrets', `--config.file=${file}`]);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, `${file}: invalid configuration\n${expected.map((p) => `  ${p}\n`).join('')}`);
    });
  }

  it("with --config.check.skip-secrets, does not read the web config's certificate and key files", async () => {
    const web = path('tls-web.yml');
    const config = fixturePath('config', 'good', 'minimal.yml');
    const read = await runCli(['--config.check', `--config.file=${config}`, `--web.config.file=${web}`]);
    assert.equal(read.code, 1);
    assert.match(read.stderr, /tls_server_config\.cert_file: cannot read .*server\.crt \(ENOENT\)/);
    const skipped = await runCli([
      '--config.check',
      '--config.check.skip-secrets',
      `--config.file=${config}`,
      `--web.config.file=${web}`,
    ]);
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.match(skipped.stdout, /tls-web\.yml: valid web configuration \(certificate and key files not read\)\n$/);
  });

  it('refuses --config.check.skip-secrets without --config.check (it would start a server without secrets)', async () => {
    const r = await runCli(['--config.check.skip-secrets', `--config.file=${path('absent-secrets.yml')}`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--config\.check\.skip-secrets only applies with --config\.check/);
  });

  it('is in --help', async () => {
    const r = await runCli(['--help']);
    assert.match(
      r.stdout,
      /--config\.check\.skip-secrets\s+With --config\.check: validate everything but read no secret/,
    );
  });
});
