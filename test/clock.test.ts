import { strict as assert } from 'node:assert';
import { createManualClock } from '../src/clock';

describe('createManualClock with manual timers', () => {
  it('fires due timers in time order, each at its own time, and only when the clock moves past them', () => {
    const clock = createManualClock(1_000, { timers: 'manual' });
    const fired: [string, number][] = [];
    clock.after(300, () => fired.push(['b', clock.now()]));
    clock.after(100, () => {
      fired.push(['a', clock.now()]);
      clock.after(100, () => fired.push(['a2', clock.now()]));
    });
    const cancel = clock.after(200, () => fired.push(['cancelled', clock.now()]));
    cancel();
    assert.deepEqual(fired, []);
    clock.advance(250);
    assert.deepEqual(fired, [
      ['a', 1_100],
      ['a2', 1_200],
    ]);
    assert.equal(clock.now(), 1_250);
    clock.set(5_000);
    assert.deepEqual(fired.at(-1), ['b', 1_300]);
    assert.equal(clock.pendingTimers(), 0);
  });
});
