import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import { createManualClock } from '../../src/clock';
import { BUILTIN_DEFAULTS } from '../../src/config/readCommonSettings';
import type { TargetConfig } from '../../src/config/types';
import { dataGauge } from '../../src/metrics/MetricDef';
import { createSnapshotStore } from '../../src/snapshot/createSnapshotStore';
import type { Job, Source, TargetNotice } from '../../src/sources/Source';
import { createTestPoller } from '../helpers/createTestPoller';

const gauge = dataGauge('test_value', 'A value (test).', ['target', 'window'], 'test');

describe('TargetState for the status pages', () => {
  const clock = createManualClock(Date.UTC(2024, 4, 15, 14, 30));
  const dispatcher = new Agent();
  after(() => dispatcher.close());

  /** A poller over `source`, needing no upstream. */
  function poller(source: Source) {
    const target: TargetConfig = {
      ...BUILTIN_DEFAULTS,
      name: 't',
      kind: 'test',
      url: 'http://127.0.0.1:1',
      options: {},
    };
    return createTestPoller({
      target,
      source,
      budget: 'unlimited',
      dispatcher,
      clock,
      store: createSnapshotStore([gauge]),
    });
  }

  it('lists the jobs in plan order, whatever order they finished in', async () => {
    let releaseFirst = (): void => undefined;
    const firstHeld = new Promise<void>((r) => (releaseFirst = r));
    const job = (key: string, wait?: Promise<void>): Job => ({
      key,
      endpoint: 'e',
      labels: { window: key },
      run: async () => {
        await wait;
        return [{ metric: gauge, labels: {}, value: 1 }];
      },
    });
    // The first planned job finishes last: it waits until the third has run.
    const plan = () => [
      job('1h', firstHeld),
      job('24h'),
      { ...job('today'), run: () => (releaseFirst(), Promise.resolve([])) },
    ];
    const p = poller({ requestHeaders: () => ({}), plan });
    await p.runCycle();
    assert.deepEqual(
      p.state().jobs.map((j) => j.key),
      ['1h', '24h', 'today'],
    );
  });

  it("carries the source's notices for the time of the view", () => {
    const seen: number[] = [];
    const notices = (now: number): TargetNotice[] => {
      seen.push(now);
      return [{ level: 'warning', message: 'v3.4 is deprecated.', at: now + 86_400_000 }];
    };
    const p = poller({ requestHeaders: () => ({}), plan: () => [], notices });
    assert.deepEqual(p.state().notices, [
      { level: 'warning', message: 'v3.4 is deprecated.', at: clock.now() + 86_400_000 },
    ]);
    assert.deepEqual(seen, [clock.now()]);
    assert.deepEqual(poller({ requestHeaders: () => ({}), plan: () => [] }).state().notices, []);
  });
});
