import type { GrafanaDashboard, GrafanaPanel } from './e2e-load-dashboards';

/** Every panel of a dashboard, the panels nested in (collapsed) rows included. */
export function allPanels(d: GrafanaDashboard): GrafanaPanel[] {
  return d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}
