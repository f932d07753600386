import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { systemClock } from '../../src/clock';
import { parseConfig } from '../../src/config/loadConfig';
import type { TargetConfig } from '../../src/config/types';
import { createNullLogger } from '../../src/log/createLogger';
import { liveChatKind } from '../../src/sources/livechat/liveChatKind';
import type { LiveChatOptions } from '../../src/sources/livechat/readLiveChatOptions';
import { SOURCE_KINDS } from '../../src/sources/sourceKinds';
import { REPO_ROOT } from '../helpers/paths';

const doc = readFileSync(join(REPO_ROOT, 'docs', 'livechat.md'), 'utf8');

/** The fenced ```yaml block that follows `marker` in the doc. */
function yamlBlockAfter(marker: string): string {
  const at = doc.indexOf(marker);
  assert.ok(at >= 0, `docs/livechat.md lacks ${JSON.stringify(marker)}`);
  const m = /```yaml\n([\s\S]*?)```/.exec(doc.slice(at));
  assert.ok(m, `no yaml block after ${JSON.stringify(marker)}`);
  return m[1]!;
}

/** A v3.6 target as docs/livechat.md describes the default: nothing but auth set. */
function defaultV36Target(): TargetConfig<LiveChatOptions> {
  const config = parseConfig(
    'targets:\n  - {name: lc, kind: livechat, auth: {type: pat, account_id: {env: A}, token: {env: T}}}\n',
    { env: { A: 'account', T: 'token' }, kinds: SOURCE_KINDS, file: '/virtual/doc.yml' },
  );
  return config.targets[0] as TargetConfig<LiveChatOptions>;
}

describe('docs/livechat.md agrees with the code', () => {
  it('the calls a default v3.6 target makes a cycle and a minute, computed from the report table and the budget', () => {
    const target = defaultV36Target();
    const jobs = liveChatKind
      .createSource(target, { clock: systemClock, logger: createNullLogger() })
      .plan(Date.UTC(2024, 4, 15, 14, 30));
    const reports = new Set(jobs.map((j) => j.endpoint)).size;
    const windows = target.windows.length;
    const budget = liveChatKind.defaultBudget;
    assert.ok(budget !== undefined && budget !== 'unlimited' && budget.perMs === 60_000, 'a per-minute budget');
    const m =
      /makes (\d+) calls a cycle\s+\((\d+) reports × (\d+) windows\) and at most (\d+) calls a minute at the budget ceiling\s+\((\d+) reports × (\d+)\)/.exec(
        doc,
      );
    assert.ok(m, 'the sentence with the call counts is in docs/livechat.md');
    assert.deepEqual(m.slice(1).map(Number), [
      jobs.length,
      reports,
      windows,
      reports * budget.requests,
      reports,
      budget.requests,
    ]);
    assert.equal(jobs.length, reports * windows);
  });

  it('quotes the shipped sunset alert exactly', () => {
    const quoted = parse(yamlBlockAfter('The shipped rule file alerts before your version disappears')) as unknown[];
    const rules = parse(readFileSync(join(REPO_ROOT, 'rules', 'livechat-exporter.rules.yml'), 'utf8')) as {
      groups: { name: string; rules: { alert?: string }[] }[];
    };
    const shipped = rules.groups
      .find((g) => g.name === 'livechat-exporter.alerts')
      ?.rules.find((r) => r.alert === 'LivechatApiVersionSunset');
    assert.ok(shipped, 'the rule is shipped');
    assert.deepEqual(quoted, [shipped]);
  });
});
