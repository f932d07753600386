import { ENDPOINTS } from '../../src/sources/rocketchat/endpoints';
import { LIVE_ENDPOINTS } from '../../src/sources/rocketchat/liveEndpoints';
import { SOURCE_KINDS } from '../../src/sources/sourceKinds';
import { fixturePath } from './paths';

/** The environment the fixtures are validated with (RC_EMPTY is set but empty). */
export const FIXTURE_ENV = { RC_USER_ID: 'exporter-user', RC_TOKEN: 'env-token-0123456789', RC_EMPTY: '' } as const;

/**
 * Every bad fixture with every problem it must produce, in order. Placeholders:
 * <dir> is test/fixtures/config, <file> the fixture itself, <kinds> and
 * <endpoints> the known kinds and endpoints (they grow as kinds are added).
 */
export const BAD_CONFIGS: readonly { file: string; expected: readonly string[] }[] = [
  { file: 'unknown-key-top.yml', expected: ['scrape_interval: unknown key'] },
  { file: 'unknown-key-defaults.yml', expected: ['defaults.interval: unknown key'] },
  { file: 'unknown-key-target.yml', expected: ['targets[0].interval: unknown key', 'targets[0].Windows: unknown key'] },
  {
    file: 'unknown-key-auth.yml',
    expected: ['targets[0].auth.token.fallback: unknown key', 'targets[0].auth.password: unknown key'],
  },
  {
    file: 'unknown-key-budget.yml',
    expected: ['defaults.budget.max: unknown key', 'targets[0].budget.burst: unknown key'],
  },
  {
    file: 'unknown-key-departments.yml',
    expected: ['targets[0].departments.every: unknown key', 'targets[1].departments.ids[0].title: unknown key'],
  },
  {
    file: 'unknown-endpoint.yml',
    expected: [
      'targets[0].endpoints.charts-chat: unknown endpoint (known: <endpoints>)',
      'targets[0].endpoints.charts-chats-per-agent: expected true or false, got string "yes please"',
    ],
  },
  {
    file: 'bad-durations.yml',
    expected: [
      'defaults.align: invalid duration "1.5m" (use e.g. 30s, 15m, 1h, 7d)',
      'targets[0].timeout: invalid duration "10 seconds" (use e.g. 30s, 15m, 1h, 7d)',
      'targets[0].max_staleness: must be greater than zero',
      'targets[1].timeout: must be at least 100 ms, got 50ms',
      'targets[1].delay: invalid duration "-5s" (use e.g. 30s, 15m, 1h, 7d)',
      'targets[1].max_staleness: invalid duration "10" (use e.g. 30s, 15m, 1h, 7d)',
    ],
  },
  {
    file: 'bad-cron.yml',
    expected: [
      'defaults.schedule: invalid cron expression "every minute" (e.g. "*/1 * * * *", or "*/30 * * * * *" with seconds)',
      'targets[0].schedule: invalid cron expression "61 * * * *" (e.g. "*/1 * * * *", or "*/30 * * * * *" with seconds)',
      'targets[0].departments.schedule: invalid cron expression "*/15 * * *" (e.g. "*/1 * * * *", or "*/30 * * * * *" with seconds)',
    ],
  },
  {
    file: 'duplicate-names.yml',
    expected: [
      'targets[2].name: duplicate target name "a" (also at targets[0])',
      'targets[3].name: must be 1-128 letters, digits, _ . - (starting with a letter or digit), got "my target!"',
    ],
  },
  {
    file: 'env-unset.yml',
    expected: [
      'targets[0].auth.user_id.env: environment variable RC_EMPTY is not set',
      'targets[0].auth.token.env: environment variable RC_TOKEN_UNSET is not set',
    ],
  },
  {
    file: 'secret-file-unreadable.yml',
    expected: [
      'targets[0].auth.user_id.file: cannot read <dir>/secrets/does-not-exist: ENOENT',
      'targets[0].auth.token.file: cannot read <dir>/secrets: EISDIR',
      'targets[1].auth.user_id.file: <dir>/secrets/empty is empty',
      'targets[1].auth.token: set exactly one of env or file',
    ],
  },
  {
    file: 'inline-secret.yml',
    expected: [
      'targets[0].auth.user_id: inline secrets are not accepted; use {env: VAR} or {file: /path}',
      'targets[0].auth.token: inline secrets are not accepted; use {env: VAR} or {file: /path}',
    ],
  },
  {
    file: 'url-userinfo.yml',
    expected: [
      'targets[0].url: must not contain credentials (user:password@); put them under auth',
      'targets[1].url: must be http or https, got ftp',
      'targets[2].url: is not a valid URL (e.g. https://chat.example.com)',
      'targets[3].url: must not contain a query or fragment',
    ],
  },
  {
    file: 'unknown-kind.yml',
    expected: ['targets[0].kind: unknown kind "zendesk" (known: <kinds>)', 'targets[1].kind: is required'],
  },
  {
    file: 'bad-timezone.yml',
    expected: [
      'defaults.timezone: unknown IANA timezone "CEST" (e.g. UTC, Europe/Berlin)',
      'targets[0].timezone: unknown IANA timezone "Mars/Olympus_Mons" (e.g. UTC, Europe/Berlin)',
    ],
  },
  {
    file: 'bad-window.yml',
    expected: [
      'targets[0].windows[1]: invalid window "fortnight" (use a duration such as 15m, 1h, 7d, or "today")',
      'targets[0].windows[2]: invalid window "0s" (use a duration such as 15m, 1h, 7d, or "today")',
      'targets[0].windows[4]: duplicate window "1h"',
      'targets[0].windows[5]: invalid window 7 (use a duration such as 15m, 1h, 7d, or "today")',
      'targets[1].windows: must list at least one window',
      'targets[2].windows: expected a list, got string "15m"',
    ],
  },
  {
    file: 'reserved-labels.yml',
    expected: [
      'defaults.labels.job: label name "job" is set by the exporter itself',
      'targets[0].labels.target: label name "target" is set by the exporter itself',
      'targets[0].labels.instance: label name "instance" is set by the exporter itself',
      'targets[0].labels.department: label name "department" is set by the exporter itself',
      'targets[0].labels.__meta: invalid label name (use [a-zA-Z_][a-zA-Z0-9_]*, not starting with __)',
      'targets[0].labels.bad-name: invalid label name (use [a-zA-Z_][a-zA-Z0-9_]*, not starting with __)',
      'targets[0].labels.team: expected a string, got number',
    ],
  },
  { file: 'yaml-syntax.yml', expected: ['<file>:4:1: YAML syntax error: Sequence item without - indicator'] },
  { file: 'yaml-duplicate-key.yml', expected: ['<file>:4:5: YAML syntax error: Map keys must be unique'] },
  {
    file: 'no-targets.yml',
    expected: ['targets: is required: a list of targets (write `targets: []` to run with none)'],
  },
  { file: 'targets-not-list.yml', expected: ['targets: expected a list, got a mapping'] },
  {
    file: 'bad-budget.yml',
    expected: [
      'targets[0].budget.requests: must be at least 1, got 0',
      'targets[1].budget: expected "unlimited" or {requests, per}, got "lots"',
      'targets[2].budget.per: is required',
    ],
  },
  {
    file: 'bad-numbers.yml',
    expected: [
      'targets[0].retries: must be at most 10, got 11',
      'targets[0].concurrency: must be at least 1, got 0',
      'targets[1].retries: expected a whole number, got 1.5',
      'targets[1].concurrency: expected a number, got string "four"',
    ],
  },
  {
    file: 'bad-departments.yml',
    expected: [
      'targets[0].departments: set either ids or discover: true, not both',
      'targets[1].departments.ids[0]: "all" is reserved for the all-departments aggregate',
      'targets[1].departments.ids[2]: duplicate department "CAJioQNAvLnYWTy8i"',
      'targets[1].departments.ids[3].id: is required',
      'targets[1].departments.ids[4]: expected a department id or {id, name}',
      'targets[2].departments: schedule and include_disabled apply only with discover: true',
    ],
  },
  {
    file: 'missing-required.yml',
    expected: [
      'targets[0].name: is required',
      'targets[0].url: is required',
      'targets[0].auth: is required ({user_id: {env|file}, token: {env|file}})',
      'targets[1].auth.user_id: is required (use {env: VAR} or {file: /path})',
      'targets[1].auth.token: is required (use {env: VAR} or {file: /path})',
      'targets[2]: expected a mapping, got string "just a string"',
    ],
  },
];

/** Values that appear in bad fixtures and must never be printed back. */
export const NEVER_ECHOED = [
  'hunter2',
  'inline-user-id-secret',
  '8675309123456',
  'exporter-token-0123456789',
  'env-token-0123456789',
];

/** Replaces the placeholders of an expected line with this checkout's values. */
export function expandExpected(line: string, file: string): string {
  return line
    .replaceAll('<dir>', fixturePath('config'))
    .replaceAll('<file>', file)
    .replaceAll('<kinds>', [...SOURCE_KINDS.keys()].join(', '))
    .replaceAll('<endpoints>', [...ENDPOINTS, ...LIVE_ENDPOINTS].map((e) => e.name).join(', '));
}
