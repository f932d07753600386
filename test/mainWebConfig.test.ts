import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/runCli';

describe('livechat-exporter --web.config.file', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'webcfg-'));
    writeFileSync(join(dir, 'token'), 't0ken-value');
    writeFileSync(
      join(dir, 'config.yml'),
      `targets:
  - name: x
    kind: rocketchat
    url: http://127.0.0.1:9
    auth: {user_id: {file: token}, token: {file: token}}
`,
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a malformed web config at startup with every problem and its path, without a stack trace', async () => {
    const web = join(dir, 'web.yml');
    writeFileSync(web, 'tls_server_config:\n  min_versoin: TLS12\nbasic_auth_users:\n  alice: not-a-bcrypt-hash\n');
    const r = await runCli([
      `--config.file=${join(dir, 'config.yml')}`,
      `--web.config.file=${web}`,
      '--web.listen-address=127.0.0.1:0',
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /invalid web configuration/);
    assert.match(r.stderr, /tls_server_config\.min_versoin/);
    assert.match(r.stderr, /basic_auth_users\.alice/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
