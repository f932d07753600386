import { allPanels } from './e2e-all-panels';
import type { GrafanaDashboard } from './e2e-load-dashboards';

/** One PromQL query of a dashboard panel. */
export interface PanelQuery {
  readonly panel: string;
  readonly refId: string;
  readonly expr: string;
}

/** Every PromQL expression of every panel (rows have none), in panel order. */
export function dashboardQueries(d: GrafanaDashboard): PanelQuery[] {
  return allPanels(d).flatMap((p) =>
    (p.targets ?? [])
      .filter((t) => t.expr !== undefined)
      .map((t) => ({ panel: p.title, refId: t.refId, expr: t.expr! })),
  );
}
