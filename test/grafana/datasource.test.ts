import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

const DIR = join(REPO_ROOT, 'grafana', 'dashboards');
/** Every dashboard file, read from the folder: dashboards added later are covered without touching this test. */
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

interface Variable {
  name: string;
  type: string;
  query?: unknown;
  current?: { text?: unknown; value?: unknown };
}
interface Dashboard {
  __inputs?: { name: string; type: string }[];
  templating: { list: Variable[] };
}

/** Every string in a JSON tree, with its path. */
function strings(node: unknown, path = '$'): { path: string; value: string }[] {
  if (typeof node === 'string') return [{ path, value: node }];
  if (Array.isArray(node)) return node.flatMap((x, i) => strings(x, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => strings(v, `${path}.${k}`));
}

/** Every datasource reference's uid (panels, targets, variables, annotations), with its path. */
function datasourceUids(node: unknown, path = '$'): { path: string; uid: string }[] {
  if (Array.isArray(node)) return node.flatMap((x, i) => datasourceUids(x, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  const out: { path: string; uid: string }[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === 'datasource' && v && typeof v === 'object' && typeof (v as { uid?: unknown }).uid === 'string')
      out.push({ path: `${path}.datasource`, uid: (v as { uid: string }).uid });
    out.push(...datasourceUids(v, `${path}.${k}`));
  }
  return out;
}

/**
 * The datasource of the dashboards must work the same whether the JSON is imported (grafana.com
 * or Grafana's import UI, which substitutes `${INPUT}` placeholders from `__inputs`) or
 * file-provisioned (which substitutes nothing): so no placeholder may be left for an import to fill.
 */
describe('grafana: the datasource works provisioned and imported', () => {
  it('finds the dashboards', () => assert.ok(FILES.length >= 3, FILES.join(', ')));

  for (const file of FILES) {
    describe(file, () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const d = JSON.parse(text) as Dashboard;
      const datasourceVariables = new Set(d.templating.list.filter((v) => v.type === 'datasource').map((v) => v.name));

      it('holds no unresolved ${DS_…} import placeholder anywhere (file provisioning would leave it as is)', () => {
        const left = strings(d).filter((s) => /\$\{?DS_/.test(s.value));
        assert.deepEqual(
          left.map((s) => `${s.path}: ${s.value}`),
          [],
        );
      });

      it('declares no import input that nothing uses (the import dialog would ask for a choice it then ignores)', () => {
        for (const input of d.__inputs ?? [])
          assert.ok(text.includes(`\${${input.name}}`), `__inputs ${input.name} is used nowhere`);
      });

      it('points every datasource reference at a datasource variable of the dashboard (or Grafana itself)', () => {
        for (const { path, uid } of datasourceUids(d)) {
          if (uid === '-- Grafana --') continue;
          const m = /^\$\{(\w+)\}$|^\$(\w+)$/.exec(uid);
          assert.ok(m, `${path}: hard-coded datasource ${uid}`);
          assert.ok(datasourceVariables.has(m[1] ?? m[2]!), `${path}: ${uid} is not a datasource variable`);
        }
      });

      it('starts each datasource variable on the default datasource of its type, choosable by name or uid', () => {
        assert.ok(datasourceVariables.size > 0, 'no datasource variable');
        for (const v of d.templating.list.filter((x) => x.type === 'datasource')) {
          assert.equal(v.query, 'prometheus', v.name);
          // Empty: Grafana picks the default Prometheus datasource; a URL's var-datasource=<name or uid>,
          // or the dropdown, picks another. A stored value would name a datasource of the author's Grafana.
          assert.deepEqual(v.current ?? {}, {}, `${v.name}: current`);
        }
      });
    });
  }
});
