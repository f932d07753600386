import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { parseConfig } from '../../../src/config/loadConfig';
import { Secret } from '../../../src/config/Secret';
import type { Config } from '../../../src/config/types';
import { renderConfigYaml } from '../../../src/server/status/renderConfigYaml';
import { SOURCE_KINDS } from '../../../src/sources/sourceKinds';

const SECRET = 's3cr3t-token-value';

/** A config whose options hold Secrets (as a kind's options do) next to a Set. */
function configWithSecrets(): Config {
  return {
    file: '/etc/livechat-exporter/exporter.yml',
    checksum: 'c0ffee',
    targets: [
      {
        name: 'acme-chat',
        kind: 'rocketchat',
        url: 'https://chat.example.com',
        schedule: '* * * * *',
        liveSchedule: '*/30 * * * * *',
        timeoutMs: 10_000,
        retries: 2,
        concurrency: 4,
        windows: [{ kind: 'today', label: 'today' }],
        timezone: 'UTC',
        alignMs: 60_000,
        delayMs: 0,
        maxStalenessMs: 600_000,
        budget: { requests: 10, perMs: 60_000 },
        labels: { team: '<b>"eu"</b>' },
        options: {
          userId: new Secret('s3cr3t-user-id', 'file:/run/secrets/uid'),
          token: new Secret(SECRET, 'env:X'),
          departments: { mode: 'list', list: [{ id: 'a', name: 'Поддержка' }] },
          endpoints: new Set(['charts-chats']),
        },
      },
    ],
  };
}

describe('renderConfigYaml', () => {
  it('renders the running config with every secret replaced by its origin', () => {
    const out = renderConfigYaml(configWithSecrets(), '1.2.3');
    assert.ok(!out.includes(SECRET) && !out.includes('s3cr3t'), out);
    assert.match(out, /token: <secret from env:X>/);
    assert.match(out, /userId: <secret from file:\/run\/secrets\/uid>/);
    const doc = parse(out) as {
      targets: {
        name: string;
        options: { endpoints: string[]; departments: { list: { name: string }[] } };
        labels: Record<string, string>;
      }[];
    };
    assert.equal(doc.targets[0]!.name, 'acme-chat');
    assert.deepEqual(doc.targets[0]!.options.endpoints, ['charts-chats'], 'sets become lists');
    assert.equal(doc.targets[0]!.options.departments.list[0]!.name, 'Поддержка');
    assert.equal(doc.targets[0]!.labels.team, '<b>"eu"</b>', 'text/plain: no escaping needed, nothing lost');
  });

  it('leaves out the checksum (it hashes the secret values) and names the file in a comment', () => {
    const out = renderConfigYaml(configWithSecrets(), '1.2.3');
    assert.ok(!out.includes('c0ffee'));
    assert.match(out, /^# livechat-exporter 1\.2\.3/);
    assert.match(out, /# Loaded from "\/etc\/livechat-exporter\/exporter\.yml"\./);
  });

  it('hides the secrets of a config parsed from YAML', () => {
    const yaml = `targets:\n  - name: acme\n    kind: rocketchat\n    url: https://chat.example.com\n    auth: {user_id: {env: RC_USER}, token: {env: RC_TOKEN}}\n`;
    const config = parseConfig(yaml, {
      env: { RC_USER: 'user-id-value-1', RC_TOKEN: SECRET },
      kinds: SOURCE_KINDS,
      file: '/virtual/x.yml',
    });
    const out = renderConfigYaml(config, '1.2.3');
    assert.ok(!out.includes(SECRET) && !out.includes('user-id-value-1'), out);
    assert.match(out, /<secret from env:RC_TOKEN>/);
  });
});
