import { strict as assert } from 'node:assert';
import { createManualClock, systemClock } from '../../src/clock';
import { linkAbortSignals } from '../../src/upstream/linkAbortSignals';

describe('linkAbortSignals', () => {
  it('aborts when any parent aborts, with its reason', () => {
    const a = new AbortController();
    const b = new AbortController();
    const link = linkAbortSignals([a.signal, b.signal]);
    assert.equal(link.signal.aborted, false);
    b.abort('stop');
    assert.equal(link.signal.aborted, true);
    assert.equal(link.signal.reason, 'stop');
  });

  it('starts aborted when a parent already is', () => {
    const a = new AbortController();
    a.abort('early');
    assert.equal(linkAbortSignals([a.signal]).signal.reason, 'early');
  });

  it('leaves nothing behind on the parents once disposed', () => {
    const parent = new AbortController();
    for (let i = 0; i < 1000; i++) linkAbortSignals([parent.signal]).dispose();
    const after = linkAbortSignals([parent.signal]);
    after.dispose();
    parent.abort();
    assert.equal(after.signal.aborted, false, 'a disposed link no longer follows its parent');
  });
});

describe('linkAbortSignals with a deadline', () => {
  it('aborts at the deadline and says so', async () => {
    const link = linkAbortSignals([new AbortController().signal], { ms: 5, clock: systemClock });
    await new Promise((r) => link.signal.addEventListener('abort', r, { once: true }));
    assert.equal(link.timedOut, true);
    assert.equal((link.signal.reason as DOMException).name, 'TimeoutError');
    link.dispose();
  });

  it('does not report a timeout when a parent aborted first, and disposing clears the deadline', async () => {
    const parent = new AbortController();
    const link = linkAbortSignals([parent.signal], { ms: 10, clock: systemClock });
    parent.abort('shutdown');
    assert.equal(link.timedOut, false);
    link.dispose();
    const quiet = linkAbortSignals([], { ms: 5, clock: systemClock });
    quiet.dispose();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(quiet.signal.aborted, false, 'a disposed deadline never fires');
  });

  it('runs its deadline on the given clock: a manual clock lets it pass in no wall time', () => {
    const clock = createManualClock(0, { timers: 'manual' });
    const link = linkAbortSignals([], { ms: 10_000, clock });
    clock.advance(9_999);
    assert.equal(link.signal.aborted, false);
    clock.advance(1);
    assert.equal(link.timedOut, true);
    link.dispose();
    assert.equal(clock.pendingTimers(), 0);
  });
});
