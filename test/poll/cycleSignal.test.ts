import { strict as assert } from 'node:assert';
import { createManualClock } from '../../src/clock';
import { configOf, rcTarget, startExporter } from '../helpers/startExporter';
import { BOT_USER, startRocketChat, T0 } from '../helpers/startRocketChat';

/** Every request in flight listens on its cycle's signal (the deadline): many at once must not warn. */
describe("a cycle's signal", () => {
  it('takes as many requests in flight as the concurrency allows without a MaxListenersExceededWarning', async () => {
    const clock = createManualClock(T0);
    const rc = await startRocketChat({ clock });
    const h = startExporter(clock);
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      rc.sim.faults.add({ mode: 'slow', delayMs: 100 });
      await h.exporter.apply(
        configOf([
          rcTarget('rc', rc.url, BOT_USER, { budget: 'unlimited', concurrency: 24, departments: { discover: true } }),
        ]),
      );
      await h.exporter.firstCycles();
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(
        warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message),
        [],
      );
      assert.ok(rc.sim.requests.all().length > 24);
    } finally {
      process.off('warning', onWarning);
      await h.close();
      await rc.sim.close();
    }
  });
});
