import { strict as assert } from 'node:assert';
import { BUILTIN_DEFAULTS } from '../../../src/config/readCommonSettings';
import type { TargetConfig } from '../../../src/config/types';
import type { JobStatus } from '../../../src/poll/TargetState';
import { renderStatusPage } from '../../../src/server/status/renderStatusPage';
import { renderTargetPage } from '../../../src/server/status/renderTargetPage';
import type { TargetView } from '../../../src/server/status/TargetView';
import { fakeTargetState, NOW } from './fakeTargetState';

const config: TargetConfig = {
  ...BUILTIN_DEFAULTS,
  name: 'acme-chat',
  kind: 'rocketchat',
  url: 'https://chat.example.com',
  options: {},
};

const job = (key: string, over: Partial<JobStatus>): JobStatus => ({
  key,
  endpoint: 'conversation-totalizers',
  labels: { department: key, department_name: key, window: '1h' },
  refreshedAt: NOW - 10_000,
  error: undefined,
  attempt: 'refreshed',
  values: [],
  ...over,
});

const view = (jobs: JobStatus[]): TargetView => ({ state: fakeTargetState({ jobs }), budget: [], config });
const badges = (html: string) => [...html.matchAll(/<span class="badge (\w+)"/g)].map((m) => m[1]);

/** A target that is up but has groups that were never refreshed or are stale is not shown green. */
describe('status pages: degraded targets', () => {
  it('a target whose groups are all fresh is up', () => {
    const out = renderStatusPage({ now: NOW, version: '1', targets: [view([job('a', {}), job('b', {})])] });
    assert.deepEqual(new Set(badges(out)), new Set(['up']));
    assert.doesNotMatch(out, /data-degraded|class="badge degraded"/);
  });

  it('never-refreshed groups make it degraded, with the reason', () => {
    const jobs = [
      job('a', {}),
      job('b', { refreshedAt: undefined, attempt: 'deferred' }),
      job('c', { refreshedAt: undefined, attempt: 'deferred' }),
      job('d', { refreshedAt: undefined, attempt: 'rate_limited' }),
    ];
    const out = renderStatusPage({ now: NOW, version: '1', targets: [view(jobs)] });
    assert.ok(!badges(out).includes('up'), 'never green');
    assert.ok(badges(out).includes('degraded'));
    assert.match(out, /3 of 4 series groups never refreshed \(2 deferred by the request budget, 1 rate limited\)/);
    const target = renderTargetPage({ now: NOW, version: '1', target: view(jobs) });
    assert.ok(badges(target).includes('degraded') && !badges(target).includes('up'));
  });

  it('stale groups (older than max_staleness) make it degraded', () => {
    const jobs = [job('a', {}), job('b', { refreshedAt: NOW - config.maxStalenessMs - 1_000 })];
    const out = renderStatusPage({ now: NOW, version: '1', targets: [view(jobs)] });
    assert.ok(badges(out).includes('degraded') && !badges(out).includes('up'));
    assert.match(out, /1 of 2 series groups stale \(older than max_staleness, 10m\)/);
  });

  it('a target that is down stays down', () => {
    const state = fakeTargetState({ up: false, jobs: [job('b', { refreshedAt: undefined, attempt: 'failed' })] });
    const out = renderStatusPage({ now: NOW, version: '1', targets: [{ state, budget: [], config }] });
    assert.ok(badges(out).includes('down') && !badges(out).includes('degraded'));
  });
});
