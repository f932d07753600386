import type { GrafanaVariable } from './e2e-load-dashboards';

/** The query text of a query variable (Grafana stores a string, or an object with `query`). */
export function variableQuery(v: GrafanaVariable): string {
  if (typeof v.query === 'string') return v.query;
  if (v.query && typeof v.query.query === 'string') return v.query.query;
  throw new Error(`variable ${v.name} has no query`);
}
