import { strict as assert } from 'node:assert';
import { gunzipSync } from 'node:zlib';
import { Gauge, Registry } from 'prom-client';
import { sampleLine } from '../../src/metrics/renderExposition';
import { self } from '../../src/metrics/selfMetrics';
import { createMetricsResponder, type MetricsResponse } from '../../src/server/createMetricsResponder';
import { createSnapshotStore, type SnapshotStore } from '../../src/snapshot/createSnapshotStore';
import { catalogue } from '../../src/sources/catalogue';

const body = (r: MetricsResponse) => {
  const b = Buffer.concat(r.parts);
  return (r.gzipped ? gunzipSync(b) : b).toString('utf8');
};

function publish(store: SnapshotStore, target: string, up: number): void {
  store.set(target, { families: new Map([[self.up, sampleLine(self.up, { target }, up) + '\n']]) });
}

describe('createMetricsResponder', () => {
  let store: SnapshotStore;
  let registry: Registry;
  let collections: number;
  let gauge: Gauge;
  let failNext: boolean;

  beforeEach(() => {
    store = createSnapshotStore(catalogue);
    registry = new Registry();
    collections = 0;
    failNext = false;
    gauge = new Gauge({
      name: 'test_process_value',
      help: 'Counts its own collections.',
      registers: [registry],
      collect() {
        collections++;
        if (failNext) {
          failNext = false;
          throw new Error('collection failed');
        }
      },
    });
    publish(store, 'a', 1);
  });

  it('answers unchanged data from memory: no new collection, the same response', async () => {
    const m = createMetricsResponder({ store, processMetrics: { registry }, refreshMs: 3_600_000 });
    try {
      const first = await m.respond('text', true);
      const again = await m.respond('text', true);
      assert.equal(again, first);
      assert.equal(collections, 1);
      // Other variants reuse the same collection too.
      await m.respond('openmetrics', false);
      await m.respond('text', false);
      assert.equal(collections, 1);
    } finally {
      m.close();
    }
  });

  it('ready() gives a built variant at once, and nothing for one whose data changed until it is built again', async () => {
    const m = createMetricsResponder({ store, processMetrics: { registry }, refreshMs: 3_600_000 });
    try {
      assert.equal(m.ready('text', true), undefined, 'not built yet');
      const built = await m.respond('text', true);
      assert.equal(m.ready('text', true), built);
      assert.equal(m.ready('openmetrics', true), undefined, 'each variant is its own');
      publish(store, 'a', 0);
      assert.equal(m.ready('text', true), undefined, 'the data changed');
      const rebuilt = await m.respond('text', true);
      assert.notEqual(rebuilt, built);
      assert.equal(m.ready('text', true), rebuilt);
      assert.match(body(rebuilt), /^livechat_exporter_up\{target="a"\} 0$/m);
    } finally {
      m.close();
    }
  });

  it('sends new data after a snapshot change, in every variant', async () => {
    const m = createMetricsResponder({ store, processMetrics: { registry }, refreshMs: 3_600_000 });
    try {
      assert.match(body(await m.respond('text', true)), /^livechat_exporter_up\{target="a"\} 1$/m);
      publish(store, 'a', 0);
      for (const [format, gz] of [
        ['text', true],
        ['text', false],
        ['openmetrics', true],
        ['openmetrics', false],
      ] as const) {
        assert.match(body(await m.respond(format, gz)), /^livechat_exporter_up\{target="a"\} 0$/m, `${format} ${gz}`);
      }
    } finally {
      m.close();
    }
  });

  it('takes the process part from the last collection, refreshed on demand and by its timer', async () => {
    const m = createMetricsResponder({ store, processMetrics: { registry }, refreshMs: 20 });
    try {
      gauge.set(1);
      assert.match(body(await m.respond('text', false)), /^test_process_value 1$/m);
      gauge.set(2);
      await m.refresh();
      assert.match(body(await m.respond('text', false)), /^test_process_value 2$/m);
      const before = collections;
      while (collections === before) await new Promise((r) => setTimeout(r, 10));
    } finally {
      m.close();
    }
  });

  it('keeps answering from the previous collection while a timed one is under way', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let blocked = false;
    let value = 0;
    new Gauge({
      name: 'test_slow_value',
      help: 'Its collection waits for the gate once blocked.',
      registers: [registry],
      async collect() {
        if (blocked) await gate;
        this.set(value);
      },
    });
    const m = createMetricsResponder({ store, processMetrics: { registry }, refreshMs: 20 });
    try {
      const first = await m.respond('text', false);
      assert.match(body(first), /^test_slow_value 0$/m);
      blocked = true;
      value = 1;
      const before = collections;
      while (collections === before) await new Promise((r) => setTimeout(r, 5));
      // A timed collection is now waiting for the gate: the kept response still answers at once.
      assert.equal(m.ready('text', false), first);
      assert.equal(await m.respond('text', false), first);
      blocked = false;
      release();
      while (!/^test_slow_value 1$/m.test(body(await m.respond('text', false))))
        await new Promise((r) => setTimeout(r, 5));
    } finally {
      m.close();
    }
  });

  it('does not keep a failed collection: the next scrape collects again', async () => {
    const m = createMetricsResponder({ store, processMetrics: { registry }, refreshMs: 3_600_000 });
    try {
      failNext = true;
      await assert.rejects(m.respond('text', false), /collection failed/);
      assert.match(body(await m.respond('text', false)), /^test_process_value 0$/m);
    } finally {
      m.close();
    }
  });

  it('OpenMetrics ends with # EOF and text separates the two parts by one blank line', async () => {
    const m = createMetricsResponder({ store, processMetrics: { registry }, refreshMs: 3_600_000 });
    try {
      assert.match(body(await m.respond('openmetrics', true)), /\n# EOF\n$/);
      assert.match(body(await m.respond('text', true)), /} 1\n\n# HELP test_process_value/);
    } finally {
      m.close();
    }
  });

  it('collects again at once when the process metrics say they changed (a reload)', async () => {
    let changed!: () => void;
    const processMetrics = { registry, onChange: (l: () => void) => void (changed = l) };
    const m = createMetricsResponder({ store, processMetrics, refreshMs: 3_600_000 });
    try {
      assert.match(body(await m.respond('text', false)), /^test_process_value 0$/m);
      gauge.set(7);
      changed();
      assert.match(body(await m.respond('text', false)), /^test_process_value 7$/m);
    } finally {
      m.close();
    }
  });
});
