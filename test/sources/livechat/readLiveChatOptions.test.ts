import { strict as assert } from 'node:assert';
import { ConfigError } from '../../../src/config/ConfigError';
import type { LiveChatOptions } from '../../../src/sources/livechat/readLiveChatOptions';
import { liveChatKind } from '../../../src/sources/livechat/liveChatKind';
import { ENV, parse } from './harness';

const PAT = 'auth: {type: pat, account_id: {env: LC_ACCOUNT}, token: {env: LC_PAT}}';

/** A config whose second target (targets[1]) is the LiveChat one under test, so paths are checked too. */
function yaml(lines: string): string {
  return [
    'targets:',
    '  - name: rc',
    '    kind: rocketchat',
    '    url: http://rc.example.com',
    '    auth: {user_id: {env: LC_ACCOUNT}, token: {env: LC_PAT}}',
    '  - name: lc',
    '    kind: livechat',
    ...lines
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => `    ${l}`),
  ].join('\n');
}

function problems(lines: string): string[] {
  try {
    parse(yaml(lines));
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  return [];
}

function options(lines: string): { url: string; budget: unknown; options: LiveChatOptions } {
  const t = parse(yaml(lines)).targets[1]!;
  return { url: t.url, budget: t.budget, options: t.options as LiveChatOptions };
}

describe('livechat config', () => {
  it('a minimal PAT target gets v3.6, the public URL, the default reports and budget', () => {
    const t = options(PAT);
    assert.equal(t.url, 'https://api.livechatinc.com');
    assert.deepEqual(t.budget, { requests: 5, perMs: 60_000 });
    assert.equal(t.options.version, '3.6');
    assert.equal(t.options.auth.type, 'pat');
    assert.equal(t.options.region, undefined);
    assert.equal(t.options.tagsLimit, 20);
    assert.deepEqual(t.options.filters, {});
    assert.deepEqual(t.options.live, { enabled: false, maxPages: 10 });
    assert.equal(liveChatKind.usesLiveCycle?.(t.options), false);
    assert.deepEqual(t.options.reports, [
      'duration',
      'tags',
      'total_chats',
      'ratings',
      'response_time',
      'first_response_time',
      'engagement',
      'queued_visitors',
      'groups',
      'availability',
      'tags_chat_usage',
      'unique_visitors',
    ]);
  });

  it('reads every key', () => {
    const t = options(
      [
        'api_version: 3.4', // a YAML number
        'url: https://eu.example.com/',
        'auth: {type: bearer, token: {env: LC_BEARER}}',
        'region: fra',
        'reports: {ranking: true, performance: true, tags: false}',
        'filters: {groups: [0, 2], agents: [a@example.com], tags: [support, "with, comma"]}',
        'tags_limit: 0',
      ].join('\n'),
    );
    assert.equal(t.url, 'https://eu.example.com');
    assert.equal(t.options.version, '3.4');
    assert.equal(t.options.auth.type, 'bearer');
    assert.equal(t.options.auth.token.reveal(), ENV.LC_BEARER);
    assert.equal(t.options.region, 'fra');
    assert.equal(t.options.tagsLimit, 0);
    assert.deepEqual(t.options.filters, {
      groups: [0, 2],
      agents: ['a@example.com'],
      tags: ['support', 'with, comma'],
    });
    assert.deepEqual(t.options.reports, [
      'duration',
      'total_chats',
      'ratings',
      'response_time',
      'first_response_time',
      'engagement',
      'availability',
      'ranking',
      'performance',
    ]);
  });

  it('polls on old versions only the default reports they have', () => {
    assert.deepEqual(options(`api_version: "3.2"\n${PAT}`).options.reports, ['duration', 'tags']);
    assert.deepEqual(options(`api_version: "3.3"\n${PAT}`).options.reports, ['duration', 'tags', 'total_chats']);
    assert.deepEqual(options(`api_version: "3.5"\n${PAT}`).options.reports, [
      'duration',
      'tags',
      'total_chats',
      'ratings',
      'response_time',
      'first_response_time',
      'engagement',
      'availability',
      'tags_chat_usage',
    ]);
  });

  it('a report switched off on a version without it is fine', () => {
    assert.deepEqual(options(`api_version: "3.2"\n${PAT}\nreports: {groups: false, ranking: false}`).options.reports, [
      'duration',
      'tags',
    ]);
  });

  it('live state: opt-in, a page cap, and a budget that carries the cap on every live cycle', () => {
    const t = options(`${PAT}\nlive: {enabled: true, max_pages: 3}\nbudget: {requests: 6, per: 1m}`);
    assert.deepEqual(t.options.live, { enabled: true, maxPages: 3 });
    assert.equal(liveChatKind.usesLiveCycle?.(t.options), true);
    // 3 pages every 30 s (the default live_schedule) are 6 list_chats calls a minute: exactly the budget.
    assert.deepEqual(options(`${PAT}\nlive: {enabled: true}\nbudget: unlimited`).options.live, {
      enabled: true,
      maxPages: 10,
    });
    const slow = options(`${PAT}\nlive: {enabled: true, max_pages: 5}\nlive_schedule: "* * * * *"`);
    assert.deepEqual(slow.options.live, { enabled: true, maxPages: 5 }, 'once a minute, 5 pages fit the default 5/1m');
    // Switched off, neither the cap nor the budget matters.
    assert.equal(options(`${PAT}\nlive: {enabled: false, max_pages: 100}`).options.live.enabled, false);
  });

  const bad: [string, string, string[]][] = [
    [
      'live with a budget that cannot carry the page cap',
      `${PAT}\nlive: {enabled: true}`,
      [
        'targets[1].live: up to 10 list_chats pages per live cycle (live.max_pages) every 30s (live_schedule) take up to 20 requests per 1m, but the budget allows 5 per endpoint per 1m: set budget to at least {requests: 20, per: 1m}, or lower live.max_pages, or run live_schedule less often',
      ],
    ],
    [
      'live page cap out of range',
      `${PAT}\nlive: {enabled: true, max_pages: 0}\nbudget: unlimited`,
      ['targets[1].live.max_pages: must be at least 1, got 0'],
    ],
    [
      'live page cap too large',
      `${PAT}\nlive: {enabled: true, max_pages: 101}\nbudget: unlimited`,
      ['targets[1].live.max_pages: must be at most 100, got 101'],
    ],
    [
      'live switch not a boolean',
      `${PAT}\nlive: {enabled: "yes"}`,
      ['targets[1].live.enabled: expected true or false, got string "yes"'],
    ],
    [
      'live with its own api_version',
      `${PAT}\nlive: {enabled: true, api_version: "3.5"}\nbudget: unlimited`,
      [
        "targets[1].live.api_version: live state is always read from the Agent Chat and Configuration APIs v3.6 (v3.5 cannot list only active chats); remove this key: the target's api_version only picks the Reports API version",
      ],
    ],
    [
      'live unknown key',
      `${PAT}\nlive: {enabled: true, pages: 3}\nbudget: unlimited`,
      ['targets[1].live.pages: unknown key'],
    ],
    ['live not a mapping', `${PAT}\nlive: true`, ['targets[1].live: expected a mapping, got boolean true']],
    [
      'live timeout longer than live_schedule',
      `${PAT}\nlive: {enabled: true}\nbudget: unlimited\nlive_schedule: "*/5 * * * * *"`,
      ["targets[1].live_schedule: the request timeout (10s) must be shorter than the live_schedule's interval (5s)"],
    ],
    [
      'report not in the version',
      `api_version: "3.4"\n${PAT}\nreports: {groups: true}`,
      ['targets[1].reports.groups: not available in API v3.4 (available in 3.6)'],
    ],
    [
      'opt-in report not in v3.3',
      `api_version: "3.3"\n${PAT}\nreports: {ranking: true, total_chats: true}`,
      ['targets[1].reports.ranking: not available in API v3.3 (available in 3.4, 3.5, 3.6)'],
    ],
    [
      'tag usage on v3.4',
      `api_version: "3.4"\n${PAT}\nreports: {tags_chat_usage: true}`,
      ['targets[1].reports.tags_chat_usage: not available in API v3.4 (available in 3.5, 3.6)'],
    ],
    [
      'unknown report',
      `${PAT}\nreports: {forms: true}`,
      [
        'targets[1].reports.forms: unknown report (known: duration, tags, total_chats, ratings, response_time, first_response_time, engagement, queued_visitors, groups, availability, tags_chat_usage, unique_visitors, ranking, performance)',
      ],
    ],
    [
      'report not a boolean',
      `${PAT}\nreports: {groups: yes please}`,
      ['targets[1].reports.groups: expected true or false, got string "yes please"'],
    ],
    [
      'unknown version',
      `api_version: "3.7"\n${PAT}`,
      ['targets[1].api_version: must be one of 3.2, 3.3, 3.4, 3.5, 3.6, got "3.7"'],
    ],
    [
      'version as a bad number',
      `api_version: 3\n${PAT}`,
      ['targets[1].api_version: must be one of 3.2, 3.3, 3.4, 3.5, 3.6, got "3"'],
    ],
    [
      'no auth',
      '',
      [
        'targets[1].auth: is required ({type: pat, account_id: {env|file}, token: {env|file}} or {type: bearer, token: {env|file}})',
      ],
    ],
    ['no auth type', 'auth: {token: {env: LC_PAT}}', ['targets[1].auth.type: is required']],
    [
      'bad auth type',
      'auth: {type: basic, token: {env: LC_PAT}}',
      ['targets[1].auth.type: must be one of pat, bearer, got "basic"'],
    ],
    [
      'pat without account',
      'auth: {type: pat, token: {env: LC_PAT}}',
      ['targets[1].auth.account_id: is required (use {env: VAR} or {file: /path})'],
    ],
    [
      'inline token',
      'auth: {type: pat, account_id: {env: LC_ACCOUNT}, token: abc}',
      ['targets[1].auth.token: inline secrets are not accepted; use {env: VAR} or {file: /path}'],
    ],
    [
      'unset env',
      'auth: {type: bearer, token: {env: NOPE}}',
      ['targets[1].auth.token.env: environment variable NOPE is not set'],
    ],
    [
      'account id with bearer',
      'auth: {type: bearer, account_id: {env: LC_ACCOUNT}, token: {env: LC_BEARER}}',
      ['targets[1].auth.account_id: is only used with type: pat'],
    ],
    [
      'unknown auth key',
      'auth: {type: pat, account_id: {env: LC_ACCOUNT}, token: {env: LC_PAT}, scope: reports_read}',
      ['targets[1].auth.scope: unknown key'],
    ],
    [
      'bad region',
      `${PAT}\nregion: "dal:"`,
      ['targets[1].region: must be a region name such as dal or fra, got "dal:"'],
    ],
    [
      'bad group ids',
      `${PAT}\nfilters: {groups: [1, "two", -1, 1.5]}`,
      [
        'targets[1].filters.groups[1]: expected a group id (a whole number), got string "two"',
        'targets[1].filters.groups[2]: expected a group id (a whole number), got number -1',
        'targets[1].filters.groups[3]: expected a group id (a whole number), got number 1.5',
      ],
    ],
    [
      'empty filter list',
      `${PAT}\nfilters: {agents: []}`,
      ['targets[1].filters.agents: must list at least one value (or leave the key out)'],
    ],
    [
      'empty tag',
      `${PAT}\nfilters: {tags: ["", {a: 1}]}`,
      [
        'targets[1].filters.tags[0]: expected a non-empty string, got string ""',
        'targets[1].filters.tags[1]: expected a non-empty string, got a mapping',
      ],
    ],
    [
      'comma on a query-string version',
      `api_version: "3.3"\n${PAT}\nfilters: {tags: [ok, "a,b"], agents: ["x,y@example.com"]}`,
      [
        'targets[1].filters.agents[0]: contains a comma, which API v3.3 cannot send (its lists are comma-separated)',
        'targets[1].filters.tags[1]: contains a comma, which API v3.3 cannot send (its lists are comma-separated)',
      ],
    ],
    [
      'unknown filter',
      `${PAT}\nfilters: {customer_countries: [DE]}`,
      ['targets[1].filters.customer_countries: unknown key'],
    ],
    ['tags_limit', `${PAT}\ntags_limit: -1`, ['targets[1].tags_limit: must be at least 0, got -1']],
    ['tags_limit not whole', `${PAT}\ntags_limit: 2.5`, ['targets[1].tags_limit: expected a whole number, got 2.5']],
    ['unknown target key', `${PAT}\ndepartments: {discover: true}`, ['targets[1].departments: unknown key']],
    [
      'static label clashes with a livechat label',
      `${PAT}\nlabels: {rating: x, team: y}`,
      ['targets[1].labels.rating: label name "rating" is set by the exporter itself'],
    ],
    [
      'static label reserved by the core',
      `${PAT}\nlabels: {tag: x}`,
      ['targets[1].labels.tag: label name "tag" is set by the exporter itself'],
    ],
    [
      'several at once',
      'api_version: "3.2"\nauth: {type: pat}\nreports: {engagement: true}\ntags_limit: x',
      [
        'targets[1].auth.account_id: is required (use {env: VAR} or {file: /path})',
        'targets[1].auth.token: is required (use {env: VAR} or {file: /path})',
        'targets[1].reports.engagement: not available in API v3.2 (available in 3.4, 3.5, 3.6)',
        'targets[1].tags_limit: expected a number, got string "x"',
      ],
    ],
  ];
  for (const [name, snippet, expected] of bad) {
    it(`rejects: ${name}`, () => assert.deepEqual(problems(snippet), expected));
  }

  it('takes the kind budget unless defaults set one explicitly', () => {
    const cfg = parse(`defaults: {budget: unlimited}\n${yaml(PAT)}`);
    assert.equal(cfg.targets[1]!.budget, 'unlimited');
  });

  it('a changed report list changes the target (its fingerprint includes the list)', () => {
    const a = JSON.stringify(parse(yaml(PAT)).targets[1]);
    const b = JSON.stringify(parse(yaml(`${PAT}\nreports: {groups: false}`)).targets[1]);
    assert.notEqual(a, b);
  });
});
