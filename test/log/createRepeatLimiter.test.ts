import { strict as assert } from 'node:assert';
import { createManualClock } from '../../src/clock';
import { createRepeatLimiter } from '../../src/log/createRepeatLimiter';

describe('createRepeatLimiter', () => {
  it('lets the first line through, holds repeats for the interval, then reports how many it held', () => {
    const clock = createManualClock(0);
    const limiter = createRepeatLimiter(clock, 60_000);
    assert.equal(limiter.admit('a'), 0);
    assert.equal(limiter.admit('a'), undefined);
    assert.equal(limiter.admit('a'), undefined);
    assert.equal(limiter.admit('b'), 0, 'other keys are independent');
    clock.advance(60_000);
    assert.equal(limiter.admit('a'), 2);
    assert.equal(limiter.admit('a'), undefined);
  });

  it('forgets the oldest keys beyond its bound', () => {
    const limiter = createRepeatLimiter(createManualClock(0), 60_000, 2);
    limiter.admit('a');
    limiter.admit('b');
    limiter.admit('c');
    assert.equal(limiter.admit('a'), 0, '"a" was evicted, so it is new again');
  });
});
