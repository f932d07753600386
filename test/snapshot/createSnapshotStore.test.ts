import { strict as assert } from 'node:assert';
import { gunzipSync } from 'node:zlib';
import { Counter, Gauge, Registry, type OpenMetricsContentType } from 'prom-client';
import type { MetricDef } from '../../src/metrics/MetricDef';
import { familyHeader, sampleLine, type ExpositionFormat } from '../../src/metrics/renderExposition';
import { createSnapshotStore, type TargetSnapshot } from '../../src/snapshot/createSnapshotStore';

const def = (type: 'gauge' | 'counter', name: string, labels: string[]): MetricDef => ({
  name,
  help: `Help of ${name}.`,
  type,
  labels,
  upstream: '(test)',
});

const A = def('gauge', 'lce_store_a', ['target', 'department', 'window']);
const B = def('counter', 'lce_store_b_total', ['target', 'code']);
const C = def('gauge', 'lce_store_c', ['target']);
/** Not in the store's order: rendered after the ordered families, by name. */
const Z = def('gauge', 'lce_store_z', ['target']);
const Y = def('gauge', 'lce_store_y', ['target']);
const ORDER = [C, A, B];

/**
 * The store's rendering before it kept bytes: strings joined per family. The
 * store must produce exactly these bytes, whatever it does inside.
 */
function reference(snapshots: ReadonlyMap<string, TargetSnapshot>, format: ExpositionFormat): Buffer {
  const rank = new Map(ORDER.map((d, i) => [d.name, i]));
  const byFamily = new Map<MetricDef, string[]>();
  for (const name of [...snapshots.keys()].sort()) {
    for (const [d, lines] of snapshots.get(name)!.families) {
      let parts = byFamily.get(d);
      if (!parts) byFamily.set(d, (parts = []));
      parts.push(lines);
    }
  }
  const defs = [...byFamily.keys()].sort(
    (a, b) => (rank.get(a.name) ?? Infinity) - (rank.get(b.name) ?? Infinity) || (a.name < b.name ? -1 : 1),
  );
  const blocks = defs.map((d) => `${familyHeader(d, format)}\n${byFamily.get(d)!.join('').slice(0, -1)}`);
  if (blocks.length === 0) return Buffer.alloc(0);
  return Buffer.from(blocks.join(format === 'text' ? '\n\n' : '\n') + '\n', 'utf8');
}

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const VALUES = [
  'Sales',
  'Support "Tier 2"',
  'back\\slash',
  'line\nbreak',
  'Поддержка',
  '客服 😀',
  'lone \uD800 surrogate',
  '',
];

function snapshotOf(rnd: () => number, target: string): TargetSnapshot {
  const families = new Map<MetricDef, string>();
  for (const d of [A, B, C, Z, Y]) {
    if (rnd() < 0.25) continue;
    const n = Math.floor(rnd() * 4);
    let lines = '';
    for (let i = 0; i < n; i++) {
      const labels: Record<string, string> = { target };
      if (d === A)
        Object.assign(labels, {
          department: VALUES[Math.floor(rnd() * VALUES.length)]!,
          window: ['1h', 'today'][i % 2]!,
        });
      if (d === B) labels.code = String(200 + i);
      lines += sampleLine(d, labels, Math.round(rnd() * 1e6) / 100) + '\n';
    }
    // Empty strings too: a family a target has no line for.
    families.set(d, lines);
  }
  return { families };
}

describe('createSnapshotStore', () => {
  it('renders exactly the bytes of joining the family strings, in both formats, through sets and deletes', () => {
    const rnd = random(42);
    const store = createSnapshotStore(ORDER);
    const model = new Map<string, TargetSnapshot>();
    for (let step = 0; step < 300; step++) {
      const name = `t${Math.floor(rnd() * 12)}`;
      if (rnd() < 0.15) {
        store.delete(name);
        model.delete(name);
      } else {
        const s = snapshotOf(rnd, name);
        store.set(name, s);
        model.set(name, s);
      }
      for (const format of ['text', 'openmetrics'] as const) {
        const e = store.render(format);
        const want = reference(model, format);
        assert.deepEqual(e.body, want, `step ${step}, ${format}`);
        assert.equal(e.length, want.length);
        assert.deepEqual(Buffer.concat(e.parts as Buffer[]), want, 'the parts are the body in order');
      }
    }
    assert.deepEqual(store.targets().sort(), [...model.keys()].sort());
  });

  it('an empty store renders nothing', () => {
    const store = createSnapshotStore(ORDER);
    for (const format of ['text', 'openmetrics'] as const) {
      const e = store.render(format);
      assert.equal(e.length, 0);
      assert.equal(e.body.length, 0);
    }
  });

  it('gzip() and gzipAsync() decompress to the body; concurrent callers share one compression', async () => {
    const rnd = random(7);
    const store = createSnapshotStore(ORDER);
    for (let i = 0; i < 20; i++) store.set(`t${i}`, snapshotOf(rnd, `t${i}`));
    for (const format of ['text', 'openmetrics'] as const) {
      const e = store.render(format);
      const [x, y] = await Promise.all([e.gzipAsync(), e.gzipAsync()]);
      assert.equal(x, y, 'one compression for both callers');
      assert.deepEqual(gunzipSync(x), e.body);
      assert.equal(e.gzip(), x, 'the sync form reuses it');
    }
    const fresh = store.render('text');
    store.set('t0', snapshotOf(rnd, 't0'));
    assert.deepEqual(gunzipSync(fresh.gzip()), fresh.body, 'sync first works too');
  });

  it('keeps a render until a snapshot changes, then renders the new data', () => {
    const store = createSnapshotStore(ORDER);
    store.set('a', { families: new Map([[C, sampleLine(C, { target: 'a' }, 1) + '\n']]) });
    const first = store.render('text');
    assert.equal(store.render('text'), first, 'cached');
    store.set('a', { families: new Map([[C, sampleLine(C, { target: 'a' }, 2) + '\n']]) });
    const second = store.render('text');
    assert.notEqual(second, first);
    assert.match(second.body.toString('utf8'), /^lce_store_c\{target="a"\} 2$/m);
    store.delete('nope');
    assert.equal(store.render('text'), second, 'deleting an unknown target changes nothing');
    store.delete('a');
    assert.equal(store.render('text').length, 0);
  });

  it('equals prom-client byte for byte at scale (200 targets, gauges and a counter, text and OpenMetrics)', async () => {
    const text = new Registry();
    const om = new Registry<OpenMetricsContentType>();
    om.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const metrics = ORDER.map((d) => {
      const opts = { name: d.name, help: d.help, labelNames: d.labels };
      return d.type === 'gauge'
        ? [new Gauge({ ...opts, registers: [text] }), new Gauge({ ...opts, registers: [om] })]
        : [new Counter({ ...opts, registers: [text] }), new Counter({ ...opts, registers: [om] })];
    });
    const store = createSnapshotStore(ORDER);
    const targets = Array.from({ length: 200 }, (_, i) => `rc-${String(i).padStart(3, '0')}`);
    // Published in a shuffled order: the store sorts by target, prom-client keeps insertion order (sorted here).
    const shuffled = [...targets].sort((a, b) =>
      a.split('').reverse().join('') < b.split('').reverse().join('') ? -1 : 1,
    );
    const samplesOf = (target: string, i: number) => [
      ...['all', 'dSales', 'dSupport'].flatMap((department, j) =>
        ['15m', '1h', 'today'].map((window, k) => ({
          d: A,
          labels: { target, department, window },
          value: i * 100 + j * 10 + k + 0.5,
        })),
      ),
      ...['200', '429'].map((code, j) => ({ d: B, labels: { target, code }, value: i + j })),
      { d: C, labels: { target }, value: i % 2 },
    ];
    for (const target of shuffled) {
      const families = new Map<MetricDef, string>();
      for (const s of samplesOf(target, targets.indexOf(target)))
        families.set(s.d, (families.get(s.d) ?? '') + sampleLine(s.d, s.labels, s.value) + '\n');
      store.set(target, { families });
    }
    targets.forEach((target, i) => {
      for (const s of samplesOf(target, i)) {
        for (const m of metrics[ORDER.indexOf(s.d)]!) {
          if (m instanceof Gauge) m.set(s.labels, s.value);
          else m.inc(s.labels, s.value);
        }
      }
    });
    assert.deepEqual(store.render('text').body, Buffer.from(await text.metrics(), 'utf8'));
    assert.deepEqual(
      Buffer.concat([store.render('openmetrics').body, Buffer.from('# EOF\n')]),
      Buffer.from(await om.metrics(), 'utf8'),
    );
  });
});
