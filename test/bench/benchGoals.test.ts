import { strict as assert } from 'node:assert';
import { isMet, verdict, type Goal } from '../../bench/benchGoals';
import { cycleSpan } from '../../bench/exporterSelfMetrics';
import { median, percentile, summarize } from '../../bench/stats';

const g = (compare: Goal['compare'], threshold: number, passes: number[]): Goal => ({
  goal: 'x',
  compare,
  threshold,
  unit: 'ms',
  of: '',
  value: passes.length ? median(passes) : undefined,
  passes,
  note: '',
});

describe('bench goals and statistics', () => {
  it('takes the median of the passes and says met or missed by how much', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2, 'the lower middle of an even count');
    assert.equal(verdict(g('<', 50, [20, 30, 90])), 'met, 40% margin');
    assert.equal(verdict(g('≤', 1.15, [2.3])), '**missed** by 2.00×');
    assert.equal(verdict(g('≥', 0.5, [0.25])), '**missed** by 2.00×');
    assert.equal(verdict(g('≥', 0.5, [0.6])), 'met, 20% margin');
    assert.equal(verdict(g('<', 50, [])), 'not measured');
    assert.equal(isMet(g('<', 50, [50])), false, '< is strict');
    assert.equal(isMet(g('≤', 50, [50])), true);
  });

  it('uses nearest-rank percentiles and keeps failures out of them', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(xs, 50), 50);
    assert.equal(percentile(xs, 99), 99);
    assert.equal(percentile([7], 99), 7);
    const s = summarize([5, 1, 3], 2);
    assert.deepEqual([s.count, s.errors, s.p50Ms, s.maxMs], [3, 2, 3, 5]);
  });

  it("reads a cycle's span from the exporter's own series, only of targets up since the tick", () => {
    const text = [
      'livechat_exporter_up{target="a"} 1',
      'livechat_exporter_up{target="b"} 1',
      'livechat_exporter_up{target="c"} 0',
      'livechat_exporter_last_success_timestamp_seconds{target="a"} 1000.5',
      'livechat_exporter_last_success_timestamp_seconds{target="b"} 1001',
      'livechat_exporter_last_success_timestamp_seconds{target="c"} 900',
      'livechat_exporter_poll_duration_seconds{target="a",cycle="analytics"} 0.5',
      'livechat_exporter_poll_duration_seconds{target="a",cycle="live"} 9',
      'livechat_exporter_poll_duration_seconds{target="b",cycle="analytics"} 0.75',
      'livechat_exporter_poll_duration_seconds{target="c",cycle="analytics"} 0.1',
    ].join('\n');
    assert.deepEqual(cycleSpan(text, 999_000), { targets: 3, succeeded: 2, wallMs: 1000, maxTargetMs: 750 });
  });
});
