import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config/loadConfig';
import { redactConfigText, renderConfigYaml } from '../../../src/server/status/renderConfigYaml';
import { SOURCE_KINDS } from '../../../src/sources/sourceKinds';

/** Secret values the operator's config references; none may reach /config. */
const ENV = { RC_USER: 'rc-user-id-value-7f3a', LIVECHAT_ACCOUNT: 'lc-account-value-91c2' };
const FILE_SECRETS = { 'secrets/rc-token': 'rc-token-file-value-0d4e', 'lc-pat': 'lc-pat-file-value-55b8' };

/** A config as an operator writes it: comments, flow maps, quoted strings, an anchor, env and relative file secrets. */
const OPERATOR_YAML = `# Production exporter. Old token was hunter2-from-a-comment, rotated.
defaults:
  schedule: "*/2 * * * *"   # every two minutes
  windows: [15m, 1h, today]
  timeout: 20s
  labels: &team {team: support}

targets:
  - name: acme-chat
    kind: rocketchat
    url: https://chat.example.com
    auth:
      user_id: {env: RC_USER}
      token: {file: secrets/rc-token}   # relative to this file's folder
    departments: {discover: true}
    budget: {requests: 8, per: 1m}

  - name: acme-livechat
    kind: livechat
    api_version: "3.6"
    labels: *team
    auth:
      type: pat
      account_id: {env: LIVECHAT_ACCOUNT}
      token: {file: lc-pat}
    reports: {ranking: true}
`;

describe('renderConfigYaml (/config)', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'config-yaml-'));
    mkdirSync(join(dir, 'secrets'));
    for (const [name, value] of Object.entries(FILE_SECRETS)) writeFileSync(join(dir, name), `${value}\n`);
    file = join(dir, 'exporter.yml');
    writeFileSync(file, OPERATOR_YAML);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("shows the operator's own YAML: the same keys and values, not the internal model", async () => {
    const config = await loadConfig(file, { env: ENV, kinds: SOURCE_KINDS });
    const out = renderConfigYaml(config, '1.2.3');
    assert.deepEqual(parse(out), parse(OPERATOR_YAML), out);
    for (const internal of ['timeoutMs', 'options', 'userId', 'maxStalenessMs', 'liveSchedule'])
      assert.ok(!out.includes(internal), `${internal} is the internal model:\n${out}`);
    assert.match(out, /^ {6}token: \{ file: secrets\/rc-token \}$/m, 'flow style and the reference as written');
    assert.match(out, /^ {4}labels: \*team$/m, 'aliases as written');
  });

  it('shows no secret value and no comment', async () => {
    const config = await loadConfig(file, { env: ENV, kinds: SOURCE_KINDS });
    const out = renderConfigYaml(config, '1.2.3');
    for (const secret of [...Object.values(ENV), ...Object.values(FILE_SECRETS)])
      assert.ok(!out.includes(secret), `${secret} in:\n${out}`);
    assert.ok(!out.includes('hunter2') && !out.includes('every two minutes'), out);
  });

  it("names the file and the SHA-256 of the file's text, not the checksum over the secrets", async () => {
    const config = await loadConfig(file, { env: ENV, kinds: SOURCE_KINDS });
    const out = renderConfigYaml(config, '1.2.3');
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    assert.match(out, /^# livechat-exporter 1\.2\.3: the running configuration, as loaded from "[^"]+exporter\.yml"/);
    assert.ok(out.includes(`(sha256 of the file ${sha256})`), out);
    assert.ok(!out.includes(config.checksum), 'the config checksum hashes the secret values');
  });

  it('redacts whatever validation would refuse: inline values under secret keys, credentials and queries in URLs', () => {
    const out = redactConfigText(`targets:
  - name: x
    url: https://bob:url-password-1@chat.example.com/base?token=url-query-token-2#frag
    auth:
      user_id: inline-user-id-3
      token: 86753091234
      password: {env: X, fallback: inline-fallback-4}
    extra:
      api_key: &k inline-api-key-5
      again: *k
      nested: [{client_secret: inline-client-secret-6}]
      note: "{file: not-a-reference}"
    labels: {team: support}
`);
    for (let i = 1; i <= 6; i++) assert.doesNotMatch(out, new RegExp(`-${i}\\b`), out);
    assert.match(out, /url: https:\/\/<redacted>@chat\.example\.com\/base\?<redacted>#<redacted>/);
    assert.match(out, /user_id: <redacted>/);
    assert.match(out, /token: <redacted>/);
    assert.match(out, /password: <redacted>/, 'only a lone env or file is a reference');
    assert.match(out, /api_key: &k <redacted>\n\s+again: \*k/, 'the alias points at the redacted value');
    assert.match(out, /client_secret: <redacted>/);
    assert.match(out, /note: "\{file: not-a-reference\}"/, 'other values stay');
    assert.match(out, /labels: \{ team: support \}/);
  });
});
