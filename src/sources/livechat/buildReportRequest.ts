import type { WindowBounds } from '../../upstream/computeWindow';
import type { UpstreamRequest } from '../../upstream/UpstreamHttp';
import { isQueryStringVersion, type ApiVersion } from './apiVersions';
import { formatRfc3339 } from './formatRfc3339';
import type { LiveChatFilters } from './readLiveChatOptions';
import type { LiveChatReport } from './reports';

/** What a request depends on besides the report. */
export interface ReportRequestSettings {
  readonly version: ApiVersion;
  readonly timezone: string;
  readonly filters: LiveChatFilters;
}

/**
 * The request for one report over one window (docs/upstream/livechat.md §6). v3.2/v3.3: GET with
 * a flat query string (`from`, `to`, `distribution`, comma-separated filters,
 * `timezone` from v3.3 on). v3.4+: POST with a JSON body holding
 * `distribution`, `timezone` and `filters.{from,to,groups,agents,tags}`.
 * `timezone` is always sent where upstream takes it, so buckets never depend on
 * the agent's own timezone.
 */
export function buildReportRequest(
  report: LiveChatReport,
  window: WindowBounds,
  s: ReportRequestSettings,
): UpstreamRequest {
  const method = report.paths[s.version];
  if (method === undefined) throw new Error(`report ${report.name} does not exist in v${s.version}`);
  const path = `/v${s.version}/reports/${method}`;
  const from = formatRfc3339(window.start.getTime(), s.timezone);
  const to = formatRfc3339(window.end.getTime(), s.timezone);
  const wanted = (f: 'groups' | 'agents' | 'tags') => (report.filters.includes(f) ? s.filters[f] : undefined);
  const groups = wanted('groups');
  const agents = wanted('agents');
  const tags = wanted('tags');

  if (isQueryStringVersion(s.version)) {
    const query: Record<string, string> = { from, to };
    if (report.distribution) query.distribution = 'day';
    if (report.timezone && s.version === '3.3') query.timezone = s.timezone;
    if (groups) query.groups = groups.join(',');
    if (agents) query.agents = agents.join(',');
    if (tags) query[report.legacyTagsParam ?? 'tags'] = tags.join(',');
    return { endpoint: report.name, method: 'GET', path, query };
  }

  const filters: Record<string, unknown> = { from, to };
  if (groups) filters.groups = { values: groups };
  if (agents) filters.agents = { values: agents };
  if (tags) filters.tags = { values: tags };
  const body: Record<string, unknown> = {};
  if (report.distribution) body.distribution = 'day';
  if (report.timezone) body.timezone = s.timezone;
  body.filters = filters;
  return { endpoint: report.name, method: 'POST', path, body };
}
