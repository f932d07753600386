import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { catalogue } from '../../src/sources/catalogue';
import { processMetrics } from '../../src/metrics/selfMetrics';
import { allPanels } from '../helpers/e2e-all-panels';
import { dashboardQueries } from '../helpers/e2e-dashboard-queries';
import { loadDashboards, type GrafanaPanel } from '../helpers/e2e-load-dashboards';
import { loadRules } from '../helpers/e2e-load-rules';
import { substituteVariables } from '../helpers/e2e-substitute-variables';
import { variableQuery } from '../helpers/e2e-variable-query';
import { REPO_ROOT } from '../helpers/paths';

const dashboards = loadDashboards(join(REPO_ROOT, 'grafana', 'dashboards'));
const DS_REF = { type: 'prometheus', uid: '${datasource}' };
const recorded = loadRules(readFileSync(join(REPO_ROOT, 'rules', 'livechat-exporter.rules.yml'), 'utf8'))
  .filter((r) => r.kind === 'record')
  .map((r) => r.name);
const KNOWN_SERIES = new Set([
  ...catalogue.map((m) => m.name),
  ...Object.values(processMetrics).map((m) => m.name),
  ...recorded,
]);
/** Metric names of other origins the dashboards may read: Node process metrics and Prometheus' ALERTS. */
const OTHER_SERIES = /^(process_|nodejs_|ALERTS$)/;
const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'offset',
  'bool',
  'inf',
  'nan',
]);

/** Every object in a JSON tree that has a `datasource` key, with its path. */
function datasourceRefs(node: unknown, path = '$'): { path: string; ref: unknown }[] {
  if (Array.isArray(node)) return node.flatMap((x, i) => datasourceRefs(x, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  const out: { path: string; ref: unknown }[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === 'datasource') out.push({ path: `${path}.datasource`, ref: v });
    out.push(...datasourceRefs(v, `${path}.${k}`));
  }
  return out;
}

/** Metric names in a PromQL expression: identifiers outside label matchers and strings that are not functions or keywords. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/^label_values\((.*),\s*\w+\)$/s, '$1')
    .replace(/^query_result\((.*)\)$/s, '$1')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\$\{\w+\}|\$\w+/g, '1')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  return [...bare.matchAll(/(?<![\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:])(?!\s*\()/g)]
    .map((m) => m[1]!)
    .filter(
      (w) => !PROMQL_WORDS.has(w.toLowerCase()) && !/^\d/.test(w) && !/^\$/.test(w) && !/^(ms|s|m|h|d|w|y)$/.test(w),
    );
}

function unitOf(p: GrafanaPanel): string | undefined {
  return p.fieldConfig?.defaults?.unit;
}

function overlaps(a: GrafanaPanel['gridPos'], b: GrafanaPanel['gridPos']): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('grafana: dashboards', () => {
  it('ships the overview, LiveChat, Chatwoot and health dashboards with unique uids', () => {
    assert.deepEqual(
      dashboards.map((d) => d.file),
      [
        'livechat-exporter-chatwoot.json',
        'livechat-exporter-health.json',
        'livechat-exporter-livechat.json',
        'livechat-exporter-overview.json',
      ],
    );
    assert.deepEqual(dashboards.map((d) => d.dashboard.uid).sort(), [
      'livechat-exporter-chatwoot',
      'livechat-exporter-health',
      'livechat-exporter-livechat',
      'livechat-exporter-overview',
    ]);
  });

  for (const { file, dashboard: d } of dashboards) {
    describe(file, () => {
      it('is current Grafana JSON that imports through the UI (schemaVersion >= 39, no inputs, no id)', () => {
        assert.ok(d.schemaVersion >= 39, `schemaVersion ${d.schemaVersion}`);
        assert.equal(d.id, null);
        // The datasource is the `datasource` variable's choice, not an import-time input (test/grafana/datasource.test.ts).
        assert.deepEqual(d.__inputs, []);
        assert.ok((d.tags as string[]).includes('livechat-exporter'));
      });

      it('picks its datasource through a ${datasource} variable and hard-codes no datasource uid', () => {
        const ds = d.templating.list.find((v) => v.name === 'datasource');
        assert.ok(ds, 'no datasource variable');
        assert.equal(ds.type, 'datasource');
        assert.equal(ds.query, 'prometheus');
        for (const { path, ref } of datasourceRefs(d)) {
          const r = ref as { type?: string; uid?: string };
          if (r.type === 'grafana' && r.uid === '-- Grafana --') continue; // the built-in annotations
          assert.deepEqual(r, DS_REF, `${file} ${path}`);
        }
      });

      it('has label-based variables for target, window and (Rocket.Chat) department, all resolvable', () => {
        const names = d.templating.list.map((v) => v.name);
        const expected =
          d.uid === 'livechat-exporter-livechat'
            ? ['datasource', 'target', 'window', 'top']
            : d.uid === 'livechat-exporter-chatwoot'
              ? ['datasource', 'target', 'window']
              : ['datasource', 'target', 'department', 'window'];
        assert.deepEqual(names, expected);
        for (const v of d.templating.list.filter((x) => x.type === 'query')) {
          assert.deepEqual(v.datasource, DS_REF, v.name);
          const q = variableQuery(v);
          assert.match(q, /^(label_values|query_result)\(/, `${v.name}: ${q}`);
          if (v.name !== 'department') assert.match(q, /^label_values\(/, v.name);
          else assert.match(v.regex ?? '', /\(\?<value>.*\(\?<text>/, 'department shows names but selects ids');
        }
      });

      it('gives every panel a title, a description, a unit and queries that only use defined variables', () => {
        const values: Record<string, string> = {
          __rate_interval: '1m',
          __interval: '1m',
          __range: '1h',
          __range_s: '3600',
          __range_ms: '3600000',
        };
        for (const v of d.templating.list) values[v.name] = 'x';
        for (const p of allPanels(d).filter((x) => x.type !== 'row')) {
          assert.ok(p.title && p.description, `${file}: panel ${p.id} needs a title and a description`);
          assert.ok(unitOf(p), `${file} "${p.title}": no unit`);
          assert.ok((p.targets ?? []).length > 0, `${file} "${p.title}": no query`);
          for (const t of p.targets ?? []) {
            assert.ok(t.expr, `${file} "${p.title}" ${t.refId}: no expr`);
            assert.deepEqual(t.datasource, DS_REF, `${file} "${p.title}" ${t.refId}`);
            substituteVariables(t.expr, values);
          }
        }
      });

      it('uses s for durations and percentunit for ratios', () => {
        for (const p of allPanels(d).filter(
          (x) => x.type === 'timeseries' || x.type === 'stat' || x.type === 'bargauge',
        )) {
          const exprs = (p.targets ?? []).map((t) => t.expr ?? '');
          const durations = exprs.every(
            (e) =>
              /_(avg|longest|max|min|duration|age|time|chatting|logged_in|availability)[a-z_]*_seconds\b|data_age_seconds|time\(\) - /.test(
                e,
              ) && !/\* 1000/.test(e),
          );
          const ratios = exprs.every((e) => /_ratio\b| \/ /.test(e) && !/_seconds/.test(e));
          if (durations) assert.equal(unitOf(p), 's', `${file} "${p.title}"`);
          if (ratios) assert.equal(unitOf(p), 'percentunit', `${file} "${p.title}"`);
        }
      });

      it('lays panels out on the 24-column grid without overlaps, with unique ids', () => {
        const panels = allPanels(d);
        assert.equal(new Set(panels.map((p) => p.id)).size, panels.length, 'duplicate panel ids');
        for (const p of panels)
          assert.ok(
            p.gridPos.x >= 0 && p.gridPos.x + p.gridPos.w <= 24 && p.gridPos.w > 0 && p.gridPos.h > 0,
            `${p.title} ${JSON.stringify(p.gridPos)}`,
          );
        for (let i = 0; i < panels.length; i++) {
          for (let j = i + 1; j < panels.length; j++)
            assert.ok(
              !overlaps(panels[i]!.gridPos, panels[j]!.gridPos),
              `"${panels[i]!.title}" overlaps "${panels[j]!.title}"`,
            );
        }
      });

      it('reads only metrics the exporter exposes or the rules file records', () => {
        const exprs = [
          ...dashboardQueries(d).map((q) => q.expr),
          ...d.annotations.list.flatMap((a) => (a.expr ? [a.expr] : [])),
          ...d.templating.list.filter((v) => v.type === 'query').map(variableQuery),
        ];
        for (const expr of exprs) {
          for (const name of metricNames(expr)) {
            assert.ok(KNOWN_SERIES.has(name) || OTHER_SERIES.test(name), `${file}: unknown metric ${name} in ${expr}`);
          }
        }
      });
    });
  }
});

describe('grafana: provisioning', () => {
  it('provisions a default Prometheus datasource', () => {
    const doc = parse(
      readFileSync(join(REPO_ROOT, 'grafana', 'provisioning', 'datasources', 'prometheus.yml'), 'utf8'),
    ) as { apiVersion: number; datasources: Record<string, unknown>[] };
    assert.equal(doc.apiVersion, 1);
    assert.equal(doc.datasources.length, 1);
    assert.equal(doc.datasources[0]!.type, 'prometheus');
    assert.equal(doc.datasources[0]!.isDefault, true);
  });

  it('points a file provider at the folder docker-compose.yml mounts grafana/dashboards into', () => {
    const doc = parse(
      readFileSync(join(REPO_ROOT, 'grafana', 'provisioning', 'dashboards', 'livechat-exporter.yml'), 'utf8'),
    ) as { apiVersion: number; providers: { type: string; options: { path: string } }[] };
    assert.equal(doc.providers.length, 1);
    assert.equal(doc.providers[0]!.type, 'file');
    const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { volumes?: string[] }>;
    };
    const volumes = compose.services.grafana?.volumes ?? [];
    assert.ok(volumes.includes(`./grafana/dashboards:${doc.providers[0]!.options.path}:ro`), JSON.stringify(volumes));
    assert.ok(volumes.includes('./grafana/provisioning:/etc/grafana/provisioning:ro'), JSON.stringify(volumes));
  });
});
