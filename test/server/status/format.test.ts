import { strict as assert } from 'node:assert';
import {
  formatAgo,
  formatBudget,
  formatBytes,
  formatCoarseDuration,
  formatLabelsForPage,
  formatMillis,
} from '../../../src/server/status/format';

describe('status page formatting', () => {
  it('formatCoarseDuration uses at most two units', () => {
    assert.deepEqual([0, 999, 12_000, 185_000, 7_200_000, 7_260_000, 266_400_000].map(formatCoarseDuration), [
      '0s',
      '0s',
      '12s',
      '3m 5s',
      '2h',
      '2h 1m',
      '3d 2h',
    ]);
  });

  it('formatAgo says ago, in, or just now', () => {
    assert.equal(formatAgo(1_000, 13_000), '12s ago');
    assert.equal(formatAgo(55_000, 13_000), 'in 42s');
    assert.equal(formatAgo(12_500, 13_000), 'just now');
  });

  it('formatMillis, formatBytes, formatLabelsForPage', () => {
    assert.deepEqual([42.4, 2_345, 65_000].map(formatMillis), ['42 ms', '2.3 s', '1m 5s']);
    assert.deepEqual([512, 1536, 3 * 1024 * 1024].map(formatBytes), ['512 B', '1.5 KiB', '3.0 MiB']);
    assert.equal(formatLabelsForPage({ a: 'x"y', b: 'z' }), '{a="x\\"y", b="z"}');
    assert.equal(formatLabelsForPage({}), '');
  });

  it('formatBudget shows usage, falls back to the spec, and says unlimited', () => {
    assert.equal(
      formatBudget({ endpoint: 'e', used: 3, limit: 10, periodMs: 60_000, blockedUntil: undefined }, undefined),
      '3 / 10 per 1m',
    );
    assert.equal(formatBudget(undefined, { requests: 5, perMs: 30_000 }), '0 / 5 per 30s');
    assert.equal(
      formatBudget(
        { endpoint: 'e', used: 0, limit: undefined, periodMs: undefined, blockedUntil: undefined },
        undefined,
      ),
      'unlimited',
    );
    assert.equal(formatBudget(undefined, 'unlimited'), 'unlimited');
    assert.equal(formatBudget(undefined, undefined), '');
  });
});
