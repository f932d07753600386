import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a Grafana dashboard JSON the tests read. */
export interface GrafanaPanel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly description?: string;
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly datasource?: { readonly type?: string; readonly uid?: string };
  readonly targets?: readonly {
    readonly expr?: string;
    readonly refId: string;
    readonly datasource?: { readonly type?: string; readonly uid?: string };
  }[];
  readonly fieldConfig?: {
    readonly defaults?: { readonly unit?: string };
    readonly overrides?: readonly {
      readonly properties: readonly { readonly id: string; readonly value: unknown }[];
    }[];
  };
  readonly panels?: readonly GrafanaPanel[];
}

/** A template variable. */
export interface GrafanaVariable {
  readonly name: string;
  readonly type: string;
  readonly query?: string | { readonly query: string };
  readonly regex?: string;
  readonly includeAll?: boolean;
  readonly multi?: boolean;
  readonly allValue?: string;
  readonly current?: { readonly text?: string | string[]; readonly value?: string | string[] };
  readonly datasource?: { readonly type?: string; readonly uid?: string };
}

/** A dashboard file. */
export interface GrafanaDashboard {
  readonly uid: string;
  readonly title: string;
  readonly schemaVersion: number;
  readonly panels: readonly GrafanaPanel[];
  readonly templating: { readonly list: readonly GrafanaVariable[] };
  readonly annotations: {
    readonly list: readonly {
      readonly expr?: string;
      readonly name: string;
      readonly datasource?: { readonly type?: string; readonly uid?: string };
    }[];
  };
  readonly __inputs?: readonly { readonly name: string; readonly type: string; readonly pluginId: string }[];
  readonly [key: string]: unknown;
}

/** Every `*.json` in `dir` (grafana/dashboards), parsed, by file name. */
export function loadDashboards(dir: string): { readonly file: string; readonly dashboard: GrafanaDashboard }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, dashboard: JSON.parse(readFileSync(join(dir, file), 'utf8')) as GrafanaDashboard }));
}
