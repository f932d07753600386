import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/ConfigError';
import { loadConfig, parseConfig } from '../../src/config/loadConfig';
import type { Config } from '../../src/config/types';
import type { SourceKind } from '../../src/sources/SourceKind';
import { ENDPOINTS } from '../../src/sources/rocketchat/endpoints';
import { LIVE_ENDPOINTS } from '../../src/sources/rocketchat/liveEndpoints';
import type { RocketChatOptions } from '../../src/sources/rocketchat/readRocketChatOptions';
import { SOURCE_KINDS } from '../../src/sources/sourceKinds';
import { BAD_CONFIGS, expandExpected, FIXTURE_ENV, NEVER_ECHOED } from '../helpers/badConfigs';
import { fixturePath } from '../helpers/paths';

const ENV = FIXTURE_ENV;

/** Validates a fixture file; returns the config or the problem list. */
function check(
  file: string,
  env: Readonly<Record<string, string>> = ENV,
  kinds: ReadonlyMap<string, SourceKind<any>> = SOURCE_KINDS,
): Config | string[] {
  try {
    return parseConfig(readFileSync(file, 'utf8'), { env, kinds, file });
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
}

function problemsOf(file: string): string[] {
  const r = check(file);
  assert.ok(Array.isArray(r), `${file} should be invalid`);
  return r;
}

function configOf(
  file: string,
  env: Readonly<Record<string, string>> = ENV,
  kinds?: ReadonlyMap<string, SourceKind<any>>,
): Config {
  const r = check(file, env, kinds);
  assert.ok(!Array.isArray(r), `${file} should be valid, got:\n${Array.isArray(r) ? r.join('\n') : ''}`);
  return r;
}

describe('config validation', () => {
  describe('bad files: every problem, one line each, with its YAML path', () => {
    for (const { file, expected } of BAD_CONFIGS) {
      it(file, () => {
        const path = fixturePath('config', 'bad', file);
        const problems = problemsOf(path);
        assert.deepEqual(
          problems,
          expected.map((e) => expandExpected(e, path)),
        );
        for (const p of problems) {
          assert.ok(!p.includes('\n'), `one line: ${JSON.stringify(p)}`);
          for (const secret of NEVER_ECHOED)
            assert.ok(!p.includes(secret), `${JSON.stringify(p)} must not contain ${secret}`);
        }
      });
    }

    it('the ConfigError message lists every problem', () => {
      const path = fixturePath('config', 'bad', 'bad-durations.yml');
      assert.throws(
        () => parseConfig(readFileSync(path, 'utf8'), { env: ENV, kinds: SOURCE_KINDS, file: path }),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError);
          assert.match(err.message, /^6 config problems:\n {2}defaults\.align: /);
          assert.equal(err.message.split('\n').length, 7);
          return true;
        },
      );
    });

    it('loadConfig reports an unreadable config file as one problem', async () => {
      await assert.rejects(
        loadConfig(fixturePath('config', 'missing.yml'), { env: ENV, kinds: SOURCE_KINDS }),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError);
          assert.deepEqual(err.problems, [`${fixturePath('config', 'missing.yml')}: cannot read config file (ENOENT)`]);
          return true;
        },
      );
    });

    it('every bad fixture is in the table (and every table entry exists)', () => {
      assert.deepEqual(readdirSync(fixturePath('config', 'bad')).sort(), BAD_CONFIGS.map((b) => b.file).sort());
    });
  });

  describe('good files', () => {
    it('minimal.yml: built-in defaults, kind default budget, secrets from files relative to the config', async () => {
      const c = await loadConfig(fixturePath('config', 'good', 'minimal.yml'), { env: {}, kinds: SOURCE_KINDS });
      assert.equal(c.targets.length, 1);
      const t = c.targets[0]!;
      assert.equal(t.name, 'acme-chat');
      assert.equal(t.kind, 'rocketchat');
      assert.equal(t.url, 'https://chat.example.com', 'trailing slash removed');
      assert.equal(t.schedule, '* * * * *');
      assert.equal(t.timeoutMs, 10_000);
      assert.equal(t.retries, 2);
      assert.equal(t.concurrency, 4);
      assert.deepEqual(
        t.windows.map((w) => w.label),
        ['15m', '1h', '24h', 'today'],
      );
      assert.equal(t.timezone, 'UTC');
      assert.equal(t.alignMs, 60_000);
      assert.equal(t.delayMs, 0);
      assert.equal(t.maxStalenessMs, 600_000);
      assert.deepEqual(t.budget, { requests: 10, perMs: 60_000 });
      assert.deepEqual(t.labels, {});
      const o = t.options as RocketChatOptions;
      // Trailing newlines of mounted secret files are not part of the secret.
      assert.equal(o.userId.reveal(), 'exporter-user');
      assert.equal(o.token.reveal(), 'exporter-token-0123456789');
      assert.deepEqual(o.departments, { mode: 'none' });
      // The windowed dashboards and the live routes, all but the opt-in ones.
      assert.deepEqual(
        [...o.endpoints].sort(),
        [...ENDPOINTS, ...LIVE_ENDPOINTS]
          .filter((e) => !e.optIn)
          .map((e) => e.name)
          .sort(),
      );
      assert.equal(t.liveSchedule, '*/30 * * * * *');
      assert.equal(c.file, fixturePath('config', 'good', 'minimal.yml'));
    });

    it('empty-targets.yml: an explicit empty target list is valid (the exporter warns that it polls nothing)', async () => {
      const c = await loadConfig(fixturePath('config', 'good', 'empty-targets.yml'), { env: {}, kinds: SOURCE_KINDS });
      assert.deepEqual(c.targets, []);
    });

    it('full.yml: defaults apply to every target and each target overrides them', () => {
      const c = configOf(fixturePath('config', 'good', 'full.yml'));
      const [a, b] = c.targets;
      assert.ok(a && b);
      // Target a inherits everything from `defaults`.
      assert.equal(a.schedule, '*/2 * * * *');
      assert.equal(a.timeoutMs, 5_000);
      assert.equal(a.retries, 1);
      assert.equal(a.concurrency, 2);
      assert.deepEqual(a.windows, [
        { kind: 'rolling', label: '15m', durationMs: 900_000 },
        { kind: 'rolling', label: '1h', durationMs: 3_600_000 },
        { kind: 'today', label: 'today' },
      ]);
      assert.equal(a.timezone, 'Europe/Berlin');
      assert.equal(a.alignMs, 30_000);
      assert.equal(a.delayMs, 60_000);
      assert.equal(a.maxStalenessMs, 900_000);
      assert.deepEqual(a.budget, { requests: 8, perMs: 60_000 });
      assert.deepEqual(a.labels, { team: 'support' });
      assert.deepEqual((a.options as RocketChatOptions).departments, {
        mode: 'discover',
        schedule: '*/30 * * * *',
        includeDisabled: true,
      });
      // Target b overrides every one of them.
      assert.equal(b.name, 'acme-chat.eu');
      assert.equal(b.url, 'http://chat.eu.example.com:3000/base');
      assert.equal(b.schedule, '*/30 * * * *');
      assert.equal(b.liveSchedule, '*/2 * * * *', 'longer than its timeout, as the live routes need');
      assert.equal(b.timeoutMs, 90_000);
      assert.equal(b.retries, 0);
      assert.equal(b.concurrency, 8);
      assert.deepEqual(
        b.windows.map((w) => w.label),
        ['24h', '7d'],
      );
      assert.equal(b.timezone, 'Asia/Kolkata');
      assert.equal(b.alignMs, 0);
      assert.equal(b.delayMs, 0);
      assert.equal(b.maxStalenessMs, 3_600_000);
      assert.equal(b.budget, 'unlimited');
      assert.deepEqual(
        b.labels,
        { team: 'eu-support', region: 'eu' },
        'a target label overrides the default of the same name',
      );
      const o = b.options as RocketChatOptions;
      assert.deepEqual(o.departments, {
        mode: 'list',
        list: [
          { id: 'CAJioQNAvLnYWTy8i', name: 'CAJioQNAvLnYWTy8i' },
          { id: 'rZ8QqWbXk3mN5tYvE', name: 'Support' },
        ],
      });
      assert.ok(o.endpoints.has('charts-chats-per-agent'));
      assert.ok(!o.endpoints.has('charts-timings'));
      assert.equal(o.token.reveal(), ENV.RC_TOKEN);
    });

    it('secrets never render: JSON and String() of the config show placeholders', () => {
      const c = configOf(fixturePath('config', 'good', 'full.yml'));
      const text = JSON.stringify(c) + String((c.targets[0]!.options as RocketChatOptions).token);
      assert.ok(!text.includes(ENV.RC_TOKEN));
      assert.ok(!text.includes('exporter-token-0123456789'));
      assert.match(text, /<secret from env:RC_TOKEN>/);
    });
  });

  describe('budget: kind default vs defaults.budget vs target', () => {
    /** A kind whose default budget differs from the built-in one, so the three sources can be told apart. */
    const fakeKind: SourceKind<Record<string, never>> = {
      kind: 'fake',
      defaultBudget: { requests: 3, perMs: 1_000 },
      defaultUrl: 'https://api.fake.example',
      metrics: [],
      readOptions: () => ({}),
      createSource: () => {
        throw new Error('not used');
      },
    };
    const kinds = new Map<string, SourceKind<any>>([...SOURCE_KINDS, ['fake', fakeKind]]);
    const budgets = (yaml: string) =>
      parseConfig(yaml, { env: ENV, kinds, file: '/virtual/c.yml' }).targets.map((t) => t.budget);

    it("without defaults.budget each target gets its kind's default", () => {
      assert.deepEqual(
        budgets('targets:\n  - {name: a, kind: fake}\n  - {name: b, kind: fake, budget: {requests: 20, per: 2m}}\n'),
        [
          { requests: 3, perMs: 1_000 },
          { requests: 20, perMs: 120_000 },
        ],
      );
    });

    it('an explicit defaults.budget wins over the kind default, and a target budget over both', () => {
      const yaml =
        'defaults:\n  budget: {requests: 7, per: 30s}\ntargets:\n  - {name: a, kind: fake}\n  - {name: b, kind: fake, budget: unlimited}\n';
      assert.deepEqual(budgets(yaml), [{ requests: 7, perMs: 30_000 }, 'unlimited']);
      assert.deepEqual(budgets('defaults:\n  budget: unlimited\ntargets:\n  - {name: a, kind: fake}\n'), ['unlimited']);
    });

    it('other defaults keys do not hide the kind default budget', () => {
      assert.deepEqual(budgets('defaults:\n  timeout: 5s\ntargets:\n  - {name: a, kind: fake}\n'), [
        { requests: 3, perMs: 1_000 },
      ]);
    });
  });

  describe('live_schedule', () => {
    /** A kind with live jobs when its `live` key is true. */
    const liveKind: SourceKind<{ live: boolean }> = {
      kind: 'livefake',
      defaultUrl: 'https://api.fake.example',
      metrics: [],
      usesLiveCycle: (o) => o.live,
      readOptions: (r) => ({ live: r.boolean('live') ?? false }),
      createSource: () => {
        throw new Error('not used');
      },
    };
    const kinds = new Map<string, SourceKind<any>>([...SOURCE_KINDS, ['livefake', liveKind]]);
    const parse = (yaml: string) => {
      try {
        return parseConfig(yaml, { env: ENV, kinds, file: '/virtual/c.yml' });
      } catch (err) {
        if (err instanceof ConfigError) return [...err.problems];
        throw err;
      }
    };

    it('defaults to every 30 seconds and can be set in defaults and per target', () => {
      const c = parse(
        'defaults:\n  live_schedule: "*/20 * * * * *"\ntargets:\n  - {name: a, kind: livefake}\n  - {name: b, kind: livefake, live_schedule: "*/45 * * * * *"}\n',
      );
      assert.ok(!Array.isArray(c));
      assert.deepEqual(
        c.targets.map((t) => t.liveSchedule),
        ['*/20 * * * * *', '*/45 * * * * *'],
      );
      const d = parse('targets:\n  - {name: a, kind: livefake}\n');
      assert.ok(!Array.isArray(d));
      assert.equal(d.targets[0]!.liveSchedule, '*/30 * * * * *');
    });

    it('is a cron expression, checked like schedule', () => {
      assert.deepEqual(parse('targets:\n  - {name: a, kind: livefake, live_schedule: "every minute"}\n'), [
        'targets[0].live_schedule: invalid cron expression "every minute" (e.g. "*/1 * * * *", or "*/30 * * * * *" with seconds)',
      ]);
    });

    it('must fit the timeout only where the kind has live jobs', () => {
      const yaml = (live: boolean) =>
        `targets:\n  - {name: a, kind: livefake, live: ${live}, timeout: 40s, live_schedule: "*/30 * * * * *"}\n`;
      assert.deepEqual(parse(yaml(true)), [
        "targets[0].timeout: the request timeout (40s) must be shorter than the live_schedule's interval (30s)",
      ]);
      assert.ok(!Array.isArray(parse(yaml(false))));
    });
  });

  describe('checksum', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'lce-config-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const YAML =
      'targets:\n  - name: a\n    kind: rocketchat\n    url: https://chat.example.com\n    auth:\n      user_id: {env: RC_USER_ID}\n      token: {file: token}\n';

    async function checksum(env: Readonly<Record<string, string>> = ENV): Promise<string> {
      return (await loadConfig(join(dir, 'c.yml'), { env, kinds: SOURCE_KINDS })).checksum;
    }

    it("changes when a secret file's content changes, and only then", async () => {
      writeFileSync(join(dir, 'c.yml'), YAML);
      writeFileSync(join(dir, 'token'), 'token-one\n');
      const first = await checksum();
      assert.match(first, /^[0-9a-f]{64}$/);
      assert.equal(await checksum(), first, 'reloading unchanged files gives the same checksum');
      writeFileSync(join(dir, 'token'), 'token-one\n');
      assert.equal(await checksum(), first, 'rewriting the same content is no change');
      writeFileSync(join(dir, 'token'), 'token-two\n');
      const second = await checksum();
      assert.notEqual(second, first, 'a rotated token is a change');
      writeFileSync(join(dir, 'token'), 'token-one\n');
      assert.equal(await checksum(), first, 'rotating back restores the checksum');
    });

    it("changes with an env secret's value and with the file text", async () => {
      writeFileSync(join(dir, 'c.yml'), YAML);
      writeFileSync(join(dir, 'token'), 'token-one');
      const base = await checksum();
      assert.notEqual(await checksum({ ...ENV, RC_USER_ID: 'someone-else' }), base);
      assert.equal(await checksum({ ...ENV, UNRELATED: 'x' }), base, 'env vars the config does not use do not matter');
      writeFileSync(join(dir, 'c.yml'), YAML + '    timeout: 5s\n');
      assert.notEqual(await checksum(), base);
    });
  });
});
