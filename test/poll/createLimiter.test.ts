import { strict as assert } from 'node:assert';
import { createManualClock } from '../../src/clock';
import { createLimiter, type Limiter } from '../../src/poll/createLimiter';
import { configOf, rcTarget, startExporter } from '../helpers/startExporter';
import { BOT_USER, startRocketChat, T0 } from '../helpers/startRocketChat';

/** A promise and its resolve function, to hold work open until the test lets it finish. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('createLimiter', () => {
  it('runs work while the weights fit the capacity and queues the rest in order', async () => {
    const l = createLimiter(4);
    const started: string[] = [];
    const gates = { a: gate(), b: gate(), c: gate(), d: gate() };
    const run = (name: keyof typeof gates, weight: number) =>
      l.run(weight, async () => {
        started.push(name);
        await gates[name].promise;
        return name;
      });
    const a = run('a', 2);
    const b = run('b', 2);
    const c = run('c', 3);
    const d = run('d', 1); // fits now, but waits behind c: first come, first served
    await tick();
    assert.deepEqual(started, ['a', 'b']);
    assert.equal(l.inUse(), 4);
    assert.equal(l.waiting(), 2);
    gates.a.open();
    assert.equal(await a, 'a');
    await tick();
    assert.deepEqual(started, ['a', 'b'], 'c needs 3 of the 2 free units');
    gates.b.open();
    await b;
    await tick();
    assert.deepEqual(started, ['a', 'b', 'c', 'd']);
    assert.equal(l.inUse(), 4);
    gates.c.open();
    gates.d.open();
    assert.deepEqual(await Promise.all([c, d]), ['c', 'd']);
    assert.equal(l.inUse(), 0);
    assert.equal(l.waiting(), 0);
  });

  it('frees the units of work that throws, and passes the error on', async () => {
    const l = createLimiter(1);
    const failed = l.run(1, () => Promise.reject(new Error('boom')));
    const next = l.run(1, () => Promise.resolve('next'));
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 'next');
    assert.equal(l.inUse(), 0);
  });

  it('runs work heavier than the capacity alone rather than never', async () => {
    const l = createLimiter(2);
    const g = gate();
    const heavy = l.run(10, async () => {
      assert.equal(l.inUse(), 2);
      await g.promise;
    });
    let light = false;
    const after = l.run(1, () => Promise.resolve(void (light = true)));
    await tick();
    assert.equal(light, false);
    g.open();
    await Promise.all([heavy, after]);
    assert.equal(light, true);
  });

  it('refuses a capacity that is not a positive integer', () => {
    for (const c of [0, -1, 1.5, Number.NaN]) assert.throws(() => createLimiter(c), RangeError);
  });
});

describe('createExporter: first cycles', () => {
  it('runs targets’ first cycles through the limiter, each weighing its concurrency, and every target gets ready', async () => {
    const clock = createManualClock(T0);
    const rc = await startRocketChat({ clock, seed: 1 });
    const inner = createLimiter(4);
    const weights: number[] = [];
    let maxInUse = 0;
    const spy: Limiter = {
      run: (weight, work) => {
        weights.push(weight);
        return inner.run(weight, async () => {
          maxInUse = Math.max(maxInUse, inner.inUse());
          return work();
        });
      },
      inUse: inner.inUse,
      waiting: inner.waiting,
    };
    const h = startExporter(clock, { firstCycleLimiter: spy });
    try {
      const names = ['t1', 't2', 't3', 't4', 't5'];
      await h.exporter.apply(configOf(names.map((n) => rcTarget(n, rc.url, BOT_USER, { concurrency: 2 }))));
      await tick();
      assert.equal(h.exporter.ready(), false);
      assert.ok(inner.waiting() > 0, 'targets beyond the capacity wait their turn');
      await h.exporter.firstCycles();
      assert.equal(h.exporter.ready(), true);
      assert.deepEqual(weights, [2, 2, 2, 2, 2]);
      assert.equal(maxInUse, 4);
      assert.equal(inner.inUse(), 0);
      const up = h.scrape().series.filter((s) => s.name === 'livechat_exporter_up');
      assert.equal(up.length, 5);
      for (const s of up) assert.equal(s.value, 1);
    } finally {
      await h.close();
      await rc.sim.close();
    }
  });
});
