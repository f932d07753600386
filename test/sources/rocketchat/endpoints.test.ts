import { strict as assert } from 'node:assert';
import type { Sample } from '../../../src/metrics/Sample';
import { ENDPOINTS } from '../../../src/sources/rocketchat/endpoints';

/** Parses `body` with the table entry of `name`, collecting the value problems it reports. */
function parse(name: string, body: Record<string, unknown>): { samples: Sample[]; problems: string[] } {
  const ep = ENDPOINTS.find((e) => e.name === name);
  assert.ok(ep, name);
  const problems: string[] = [];
  const samples = ep.parse(body, { departmentIdByName: () => undefined, warn: (m) => problems.push(m) });
  return { samples, problems };
}

const values = (samples: readonly Sample[], metric: string): [string, number][] =>
  samples.filter((s) => s.metric.name === metric).map((s) => [s.labels.timing!, s.value]);

describe('Rocket.Chat endpoint table: charts/timings', () => {
  const LONGEST = 'livechat_exporter_rocketchat_timing_longest_seconds';
  const AVG = 'livechat_exporter_rocketchat_timing_avg_seconds';

  it('a null longest (rooms in the window, none answered: $max over nothing) gives no sample, never 0', () => {
    // docs/upstream/rocketchat.md §5.9: rooms exist in the window but none has a response yet.
    const { samples, problems } = parse('charts-timings', {
      response: { avg: 0, longest: null },
      reaction: { avg: 0, longest: null },
      chatDuration: { avg: 12, longest: 30.5 },
      success: true,
    });
    assert.deepEqual(values(samples, LONGEST), [['chat_duration', 30.5]]);
    assert.deepEqual(problems, [], 'null is upstream saying "nothing to measure", not a malformed value');
  });

  it('a null avg gives no sample either', () => {
    const { samples } = parse('charts-timings', {
      response: { avg: null, longest: null },
      reaction: { avg: 3, longest: 4.25 },
      chatDuration: { avg: 0, longest: 0 },
    });
    assert.deepEqual(values(samples, AVG), [
      ['reaction', 3],
      ['chat_duration', 0],
    ]);
  });

  it('zeros stay zeros: no room at all in the window is answered with 0 upstream', () => {
    const { samples } = parse('charts-timings', {
      response: { avg: 0, longest: 0 },
      reaction: { avg: 0, longest: 0 },
      chatDuration: { avg: 0, longest: 0 },
    });
    assert.deepEqual(values(samples, LONGEST), [
      ['response', 0],
      ['reaction', 0],
      ['chat_duration', 0],
    ]);
  });

  it('a missing value is malformed: no sample, and a parse problem', () => {
    const { samples, problems } = parse('charts-timings', {
      response: { avg: 1 },
      reaction: { avg: 1, longest: 'x' },
      chatDuration: { avg: 1, longest: 2 },
    });
    assert.deepEqual(values(samples, LONGEST), [['chat_duration', 2]]);
    assert.equal(problems.length, 2, problems.join('; '));
  });
});
