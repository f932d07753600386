import { strict as assert } from 'node:assert';
import { createNullLogger } from '../../src/log/createLogger';
import { createCronHub } from '../../src/poll/createCronHub';

const EVERY_SECOND = '* * * * * *';

describe('createCronHub', function () {
  this.timeout(10_000);
  const logger = createNullLogger();

  it('runs every subscriber of a schedule from one task, a failing one included', async () => {
    const hub = createCronHub();
    const seen = new Set<string>();
    let done!: () => void;
    const fired = new Promise<void>((resolve) => (done = resolve));
    const mark = (name: string) => () => {
      seen.add(name);
      if (seen.size === 3) done();
      return Promise.resolve();
    };
    const fail = () => {
      seen.add('failing');
      return Promise.reject(new Error('boom'));
    };
    const handles = [
      hub.schedule(EVERY_SECOND, 'UTC', 'a', mark('a'), logger),
      hub.schedule(EVERY_SECOND, 'UTC', 'failing', fail, logger),
      hub.schedule(EVERY_SECOND, 'UTC', 'c', mark('c'), logger),
    ];
    assert.equal(hub.size(), 1);
    await fired;
    assert.deepEqual([...seen].sort(), ['a', 'c', 'failing']);
    for (const h of handles) h.stop();
    assert.equal(hub.size(), 0);
  });

  it('keeps one task per expression and timezone, freed with its last subscriber', () => {
    const hub = createCronHub();
    const a = hub.schedule(EVERY_SECOND, 'UTC', 'a', () => Promise.resolve(), logger);
    const a2 = hub.schedule(EVERY_SECOND, 'UTC', 'a2', () => Promise.resolve(), logger);
    const berlin = hub.schedule(EVERY_SECOND, 'Europe/Berlin', 'b', () => Promise.resolve(), logger);
    assert.equal(hub.size(), 2);
    a.stop();
    a.stop();
    assert.equal(hub.size(), 2);
    a2.stop();
    assert.equal(hub.size(), 1);
    berlin.stop();
    assert.equal(hub.size(), 0);
  });
});
