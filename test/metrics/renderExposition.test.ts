import { strict as assert } from 'node:assert';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Registry,
  type OpenMetricsContentType,
  type PrometheusContentType,
} from 'prom-client';
import type { MetricDef } from '../../src/metrics/MetricDef';
import {
  escapeLabelValue,
  familyHeader,
  formatValue,
  sampleLine,
  textToOpenMetrics,
} from '../../src/metrics/renderExposition';
import { createSnapshotStore } from '../../src/snapshot/createSnapshotStore';

const def = (type: 'gauge' | 'counter', name: string, help: string, labels: string[]): MetricDef => ({
  name,
  help,
  type,
  labels,
  upstream: '(test)',
});

const GAUGE = def(
  'gauge',
  'lce_test_department_chats',
  'Chats per department (help with a \\ backslash and a\nnewline).',
  ['target', 'department_name', 'window'],
);
const COUNTER = def('counter', 'lce_test_requests_total', 'Requests by code.', ['target', 'code']);
const PLAIN = def('gauge', 'lce_test_up', 'A gauge without labels.', []);

/** Label values upstream strings can carry: the renderer must escape them exactly as prom-client does. */
const HOSTILE = [
  'Sales',
  'Support "Tier 2"',
  'back\\slash',
  'trailing backslash\\',
  'line one\nline two',
  '\\n (a literal backslash-n)',
  'Поддержка',
  '客服',
  '😀 emoji',
  '',
  'lone \uD800 surrogate',
  'lone low \uDC00 surrogate',
  'tab\there, carriage\rreturn',
  '{a="b"},=',
];

/** Values as prom-client formats them (NaN excepted, see below). */
const VALUES = [
  0,
  1,
  -1,
  0.1,
  0.30000000000000004,
  1e-7,
  1.5e21,
  123_456_789_012,
  1715783400.123,
  -0,
  Infinity,
  -Infinity,
];

/** Our side: a snapshot store holding one target whose lines come from sampleLine. */
function render(
  samples: readonly { def: MetricDef; labels: Record<string, string>; value: number }[],
  format: 'text' | 'openmetrics',
): Buffer {
  const families = new Map<MetricDef, string>();
  for (const s of samples)
    families.set(s.def, (families.get(s.def) ?? '') + sampleLine(s.def, s.labels, s.value) + '\n');
  const store = createSnapshotStore([GAUGE, COUNTER, PLAIN]);
  store.set('t', { families });
  return store.render(format).body;
}

/** A prom-client registry in either format. */
function registryFor(openMetrics: boolean): Registry<PrometheusContentType> | Registry<OpenMetricsContentType> {
  if (!openMetrics) return new Registry();
  const r = new Registry<OpenMetricsContentType>();
  r.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  return r;
}

/** prom-client's side: the same families, labels and values in a registry of their own. */
function promClient(
  samples: readonly { def: MetricDef; labels: Record<string, string>; value: number }[],
  openMetrics = false,
): Registry<PrometheusContentType> | Registry<OpenMetricsContentType> {
  const registry = registryFor(openMetrics);
  const metrics = new Map<MetricDef, Gauge | Counter>();
  // Only families with samples: prom-client prints HELP/TYPE of empty families too, the store does not.
  for (const d of [GAUGE, COUNTER, PLAIN].filter((x) => samples.some((s) => s.def === x))) {
    const opts = { name: d.name, help: d.help, labelNames: d.labels, registers: [registry] };
    metrics.set(d, d.type === 'gauge' ? new Gauge(opts) : new Counter(opts));
  }
  for (const s of samples) {
    const m = metrics.get(s.def)!;
    if (m instanceof Gauge) m.set(s.labels, s.value);
    else m.inc(s.labels, s.value);
  }
  return registry;
}

function samplesOf(): { def: MetricDef; labels: Record<string, string>; value: number }[] {
  const out: { def: MetricDef; labels: Record<string, string>; value: number }[] = [];
  HOSTILE.forEach((name, i) =>
    out.push({
      def: GAUGE,
      labels: { target: 'rc', department_name: name, window: '1h' },
      value: VALUES[i % VALUES.length]!,
    }),
  );
  out.push({ def: GAUGE, labels: { target: 'rc', department_name: 'Sales', window: 'today' }, value: 42 });
  for (const [i, code] of ['200', '429', 'none'].entries())
    out.push({ def: COUNTER, labels: { target: 'rc', code }, value: [7, 0, 1.5][i]! });
  out.push({ def: PLAIN, labels: {}, value: 1 });
  return out;
}

describe('renderExposition equals prom-client', () => {
  it('text format: byte for byte, hostile label values included', async () => {
    const samples = samplesOf();
    const ours = render(samples, 'text');
    const theirs = Buffer.from(await promClient(samples).metrics(), 'utf8');
    assert.equal(ours.toString('utf8'), theirs.toString('utf8'));
    assert.deepEqual(
      ours,
      theirs,
      "same bytes (prom-client's lone surrogates become U+FFFD when encoded, ours already are)",
    );
    assert.ok(ours.toString('utf8').isWellFormed());
  });

  it('every value prom-client can hold is formatted the same', async () => {
    for (const value of VALUES) {
      const samples = [{ def: PLAIN, labels: {}, value }];
      assert.equal(render(samples, 'text').toString('utf8'), await promClient(samples).metrics(), String(value));
    }
  });

  it('NaN is written "NaN" (the spelling OpenMetrics requires; prom-client writes "Nan")', () => {
    assert.equal(formatValue(Number.NaN), 'NaN');
  });

  it("OpenMetrics: the store plus # EOF equals prom-client's OpenMetrics registry", async () => {
    const samples = samplesOf();
    const ours = Buffer.concat([render(samples, 'openmetrics'), Buffer.from('# EOF\n')]);
    const theirs = Buffer.from(await promClient(samples, true).metrics(), 'utf8');
    assert.equal(ours.toString('utf8'), theirs.toString('utf8'));
    assert.deepEqual(ours, theirs);
  });

  it("textToOpenMetrics turns prom-client's text into prom-client's own OpenMetrics (a counter and a gauge)", async () => {
    const build = (openMetrics: boolean) => {
      const registry = registryFor(openMetrics);
      const c = new Counter({
        name: 'lce_exports_total',
        help: 'Exports.',
        labelNames: ['kind'],
        registers: [registry],
      });
      const g = new Gauge({
        name: 'lce_config_last_reload_successful',
        help: 'Whether the last reload worked.',
        registers: [registry],
      });
      const info = new Gauge({
        name: 'lce_build_info',
        help: 'Build.',
        labelNames: ['version'],
        registers: [registry],
      });
      c.inc({ kind: 'a"b' }, 3);
      c.inc({ kind: 'x\ny' });
      g.set(1);
      info.set({ version: '1.0.0' }, 1);
      return registry;
    };
    const text = await build(false).metrics();
    const om = await build(true).metrics();
    assert.match(
      om,
      /# TYPE lce_exports counter\nlce_exports_total\{kind="a\\"b"\} 3\n/,
      'premise: prom-client names the family without _total',
    );
    assert.equal(textToOpenMetrics(text), om);
  });

  it("textToOpenMetrics matches prom-client on Node's default process metrics too (histograms included; values masked, they move)", async () => {
    // Values move between the two collections, and so do the label sets of the active handle/resource gauges.
    const mask = (t: string) =>
      t
        .split('\n')
        .filter((l) => !/^nodejs_active_\w+\{/.test(l))
        .map((l) => (l.startsWith('#') ? l : l.replace(/ \S+$/, ' <value>')))
        .join('\n');
    const text = new Registry();
    collectDefaultMetrics({ register: text });
    const om = registryFor(true);
    collectDefaultMetrics({ register: om });
    assert.equal(mask(textToOpenMetrics(await text.metrics())), mask(await om.metrics()));
  });

  it('escapeLabelValue escapes backslash, newline and quote, and repairs lone surrogates', () => {
    assert.equal(escapeLabelValue('a\\b\n"c"'), 'a\\\\b\\n\\"c\\"');
    assert.equal(escapeLabelValue('x\uD800y'), 'x\uFFFDy');
    assert.equal(escapeLabelValue('\r\t'), '\r\t', 'only the three characters the format requires');
  });

  it('familyHeader names an OpenMetrics counter family without _total and escapes HELP', () => {
    assert.equal(
      familyHeader(COUNTER, 'text'),
      '# HELP lce_test_requests_total Requests by code.\n# TYPE lce_test_requests_total counter',
    );
    assert.equal(
      familyHeader(COUNTER, 'openmetrics'),
      '# HELP lce_test_requests Requests by code.\n# TYPE lce_test_requests counter',
    );
    assert.equal(
      familyHeader(GAUGE, 'text').split('\n')[0],
      '# HELP lce_test_department_chats Chats per department (help with a \\\\ backslash and a\\nnewline).',
    );
  });
});
