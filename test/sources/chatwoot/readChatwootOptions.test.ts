import { strict as assert } from 'node:assert';
import { ConfigError } from '../../../src/config/ConfigError';
import { parseConfig } from '../../../src/config/loadConfig';
import type { Config } from '../../../src/config/types';
import { chatwootKind } from '../../../src/sources/chatwoot/chatwootKind';
import type { ChatwootOptions } from '../../../src/sources/chatwoot/readChatwootOptions';
import { SOURCE_KINDS } from '../../../src/sources/sourceKinds';

const ENV = { CW_TOKEN: 'cwDemoAdminToken2026xyzAB' };

function parse(yaml: string): Config | string[] {
  try {
    return parseConfig(yaml, { env: ENV, kinds: SOURCE_KINDS, file: '/virtual/config.yml' });
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
}

const target = (extra = '') => `targets:
  - name: cw
    kind: chatwoot
    url: https://chat.example.com
    account_id: 3
    auth: {token: {env: CW_TOKEN}}
${extra}`;

describe('kind: chatwoot config', () => {
  it('brings its own delay, alignment, schedules and fixed-window budget, each overridable', () => {
    const c = parse(target()) as Config;
    const t = c.targets[0]!;
    assert.equal(t.delayMs, 60_000, 'a minute absorbs the reporting-event lag');
    assert.equal(t.alignMs, 60_000);
    assert.equal(t.schedule, '30 * * * * *');
    assert.equal(t.liveSchedule, '15,45 * * * * *');
    assert.deepEqual(t.budget, { requests: 60, perMs: 60_000, window: 'fixed' });
    const o = t.options as ChatwootOptions;
    assert.equal(o.accountId, '3');
    assert.deepEqual(o.endpoints, [
      'live-conversations',
      'live-teams',
      'account-summary',
      'first-response-samples',
      'reply-samples',
      'bot-summary',
      'inbox-summary',
      'team-summary',
    ]);
    assert.equal(chatwootKind.usesLiveCycle?.(o), true);

    const explicit = parse(
      `defaults: {delay: 2m}\n${target('    schedule: "*/5 * * * *"\n    budget: {requests: 9, per: 1m, window: sliding}')}`,
    ) as Config;
    assert.equal(explicit.targets[0]!.delayMs, 120_000, 'defaults.delay set explicitly wins over the kind');
    assert.equal(explicit.targets[0]!.schedule, '*/5 * * * *', "the target's own key wins");
    assert.deepEqual(explicit.targets[0]!.budget, { requests: 9, perMs: 60_000, window: 'sliding' });
  });

  it('opts in to per-agent and per-inbox series, and turns the live cycle off with every live endpoint', () => {
    const c = parse(target('    endpoints: {live-agents: true, live-inboxes: true, agent-summary: true}')) as Config;
    assert.ok((c.targets[0]!.options as ChatwootOptions).endpoints.includes('live-inboxes'));
    const off = parse(target('    endpoints: {live-conversations: false, live-teams: false}')) as Config;
    assert.equal(chatwootKind.usesLiveCycle?.(off.targets[0]!.options as ChatwootOptions), false);
  });

  it('reports every problem with its YAML path', () => {
    const problems = parse(`targets:
  - name: cw
    kind: chatwoot
    url: https://chat.example.com
    account_id: 3-x
    auth: {token: cwInlineToken}
    endpoints: {live-everything: true}
    rate_limits: {reports: 0, per_token: 5}
    budget: {requests: 5, per: 1m, window: hourly}
    discovery: {schedule: "not cron"}
`) as string[];
    const text = problems.join('\n');
    assert.match(text, /targets\[0\]\.account_id: must be a positive whole number/);
    assert.match(text, /targets\[0\]\.auth\.token: inline secrets are not accepted/);
    assert.match(text, /targets\[0\]\.endpoints\.live-everything: unknown endpoint \(known: live-conversations, /);
    assert.match(text, /targets\[0\]\.rate_limits\.reports: /);
    assert.match(text, /targets\[0\]\.rate_limits\.per_token: unknown key/);
    assert.match(text, /targets\[0\]\.budget\.window: /);
    assert.match(text, /targets\[0\]\.discovery\.schedule: /);
    assert.ok(!text.includes('cwInlineToken'), 'the inline token is never echoed');
    assert.match(
      (parse(target().replace('    account_id: 3\n', '')) as string[]).join('\n'),
      /account_id: is required/,
    );
  });
});
