import type { ReloadOutcome } from '../../exporter/createReloader';
import type { ShardStatus } from '../../exporter/Shard';
import type { BudgetUsage } from '../../upstream/createBudget';
import type { LastError } from '../../poll/TargetState';
import {
  formatBudget,
  formatCoarseDuration,
  formatMillis,
  renderLastError,
  degradedReason,
  renderStateBadges,
  renderTime,
} from './format';
import { html, renderPage, type Html } from './html';
import { renderNoticeBadge, renderNoticeBoxes } from './renderNotices';
import { renderReloadOutcome } from './renderReloadOutcome';
import type { TargetView } from './TargetView';

/** Everything the status page shows; built by the router from the exporter's in-memory state. */
export interface StatusPageInput {
  readonly now: number;
  readonly version: string;
  readonly targets: readonly TargetView[];
  /** The running config's file, if one runs. */
  readonly configFile?: string;
  /** The last reload (SIGHUP or /-/reload), if there was one. */
  readonly lastReload?: ReloadOutcome;
  /** The process' shard and what it owns of the running config; undefined until a config is applied. */
  readonly shard?: ShardStatus;
}

/** Which shard this is and how many targets it owns; nothing when the process is not sharded. */
function shardLine(shard: ShardStatus | undefined): Html | false {
  if (!shard || shard.total <= 1) return false;
  return html`<p data-shard>Shard <strong>${shard.index}</strong> of ${shard.total} (0 to ${shard.total - 1}): owns <strong>${shard.owned}</strong> of the config's ${shard.configured} targets, those whose name hashes to shard ${shard.index}; the other shards poll and serve the rest.</p>`;
}

/** Why no target is running: no config yet, a config without targets, or a shard that owns none. */
function noTargets(shard: ShardStatus | undefined): Html {
  if (!shard) return html`<p>No targets are running: no configuration has been applied yet.</p>`;
  if (shard.configured === 0)
    return html`<p data-no-targets><strong>No targets configured.</strong> The config file lists none, so only the exporter's own metrics are served. Add targets under <code>targets:</code> (every key is in <code>config/exporter.example.yml</code>) and reload.</p>`;
  return html`<p data-no-targets>This shard owns none of the config's ${shard.configured} targets.</p>`;
}

/** Relative link from the root page to a target's debug view; names are URL-encoded. */
const debugHref = (name: string): string => `targets/${encodeURIComponent(name)}`;

/** Freshness, errors and budget of one endpoint of a target. */
interface EndpointSummary {
  readonly endpoint: string;
  /** Jobs (endpoint × department × window), each one group of series. */
  readonly groups: number;
  /** Groups that have never been refreshed successfully. */
  readonly neverRefreshed: number;
  /** Refresh time of the stalest group that has been refreshed at all. */
  readonly oldestRefresh: number | undefined;
  /** Groups whose last attempt failed. */
  readonly failing: number;
  /** The newest error among the failing groups. */
  readonly lastError: LastError | undefined;
  /** Undefined when the endpoint has not asked the budget for anything yet. */
  readonly budget: BudgetUsage | undefined;
}

/**
 * Groups a target's jobs by endpoint, in the order the source plans them;
 * endpoints only the budget knows (department discovery) come last.
 */
function summarizeEndpoints(view: Pick<TargetView, 'state' | 'budget'>): EndpointSummary[] {
  const byEndpoint = new Map<
    string,
    {
      groups: number;
      neverRefreshed: number;
      oldestRefresh: number | undefined;
      failing: number;
      lastError: LastError | undefined;
    }
  >();
  for (const job of view.state.jobs) {
    let s = byEndpoint.get(job.endpoint);
    if (!s)
      byEndpoint.set(
        job.endpoint,
        (s = { groups: 0, neverRefreshed: 0, oldestRefresh: undefined, failing: 0, lastError: undefined }),
      );
    s.groups++;
    if (job.refreshedAt === undefined) s.neverRefreshed++;
    else if (s.oldestRefresh === undefined || job.refreshedAt < s.oldestRefresh) s.oldestRefresh = job.refreshedAt;
    if (job.error) {
      s.failing++;
      if (!s.lastError || job.error.at >= s.lastError.at) s.lastError = job.error;
    }
  }
  const budgets = new Map(view.budget.map((b) => [b.endpoint, b]));
  const out: EndpointSummary[] = [...byEndpoint].map(([endpoint, s]) => ({
    endpoint,
    ...s,
    budget: budgets.get(endpoint),
  }));
  for (const b of view.budget) {
    if (!byEndpoint.has(b.endpoint))
      out.push({
        endpoint: b.endpoint,
        groups: 0,
        neverRefreshed: 0,
        oldestRefresh: undefined,
        failing: 0,
        lastError: undefined,
        budget: b,
      });
  }
  return out;
}

function summaryRow(t: TargetView, i: number, now: number): Html {
  const s = t.state;
  return html`<tr data-target="${s.name}">
<td class="nowrap"><a href="#target-${i}">${s.name}</a></td>
<td>${s.kind}</td>
<td>${renderStateBadges(s, degradedReason(s, now, t.config?.maxStalenessMs))}${renderNoticeBadge(s.notices)}</td>
<td>${renderTime(s.lastSuccess, now)}</td>
<td>${s.lastCycleEnd === undefined ? html`<span class="muted">${s.cycles === 0 ? 'first cycle running' : 'never'}</span>` : renderTime(s.lastCycleEnd, now)}</td>
<td>${s.lastError ? renderLastError(s.lastError, now) : html`<span class="muted">none</span>`}</td>
<td class="nowrap"><a href="${debugHref(s.name)}">requests &amp; values</a></td>
</tr>`;
}

function endpointRow(e: EndpointSummary, t: TargetView, now: number): Html {
  const maxStale = t.config?.maxStalenessMs;
  const stale = e.oldestRefresh !== undefined && maxStale !== undefined && now - e.oldestRefresh > maxStale;
  const blocked =
    e.budget?.blockedUntil !== undefined && e.budget.blockedUntil > now ? e.budget.blockedUntil : undefined;
  return html`<tr data-endpoint="${e.endpoint}">
<td><code>${e.endpoint}</code></td>
<td class="num">${e.groups === 0 ? html`<span class="muted">task</span><span class="hint">runs on its own schedule (e.g. department discovery); no series</span>` : e.groups}</td>
<td class="num">${e.groups === 0 ? '' : html`<span class="${stale ? 'stale' : e.oldestRefresh === undefined ? 'bad' : ''}">${e.oldestRefresh === undefined ? 'never' : renderTime(e.oldestRefresh, now)}</span>${e.neverRefreshed > 0 && e.oldestRefresh !== undefined && html` <span class="bad">(${e.neverRefreshed} never)</span>`}`}</td>
<td>${e.failing > 0 ? html`<span class="bad">${e.failing} of ${e.groups}</span>${e.lastError && html`<br>${renderLastError(e.lastError, now, { endpoint: false })}`}` : html`<span class="muted">0</span>`}</td>
<td class="num">${formatBudget(e.budget, t.config?.budget)}</td>
<td>${blocked === undefined ? html`<span class="muted">—</span>` : html`<span class="bad">${renderTime(blocked, now)}</span>`}</td>
</tr>`;
}

function targetSection(t: TargetView, i: number, now: number): Html {
  const s = t.state;
  const c = t.config;
  const endpoints = summarizeEndpoints(t);
  const degraded = degradedReason(s, now, c?.maxStalenessMs);
  return html`<section id="target-${i}" data-target="${s.name}">
<h2>${s.name} ${renderStateBadges(s, degraded)} <a class="mono" href="${debugHref(s.name)}">debug view →</a></h2>
${degraded !== undefined && html`<div class="box warn" data-degraded><strong>Degraded:</strong> ${degraded}</div>`}
${s.authBlocked !== undefined && html`<div class="box warn" data-auth-blocked><strong>Auth blocked:</strong> ${s.authBlocked}<br><span class="muted">No request is made to this target until the config is reloaded (SIGHUP or POST /-/reload).</span></div>`}
${s.lastError && html`<div class="box" data-last-error><strong>Last error:</strong> ${renderLastError(s.lastError, now)}</div>`}
${renderNoticeBoxes(s.notices, now)}
<dl>
<dt>Kind</dt><dd>${s.kind}</dd>
${c && html`<dt>URL</dt><dd class="url"><code>${c.url}</code></dd><dt>Schedule</dt><dd><code>${c.schedule}</code> (${c.timezone}), max staleness ${formatCoarseDuration(c.maxStalenessMs)}</dd>`}
<dt>Last success</dt><dd>${renderTime(s.lastSuccess, now)}</dd>
<dt>Cycles</dt><dd>${s.cycles}${s.lastCycleEnd !== undefined && html`, last finished ${renderTime(s.lastCycleEnd, now)}`}${s.lastDurationMs !== undefined && html` in ${formatMillis(s.lastDurationMs)}`}</dd>
</dl>
${
  endpoints.length === 0
    ? html`<p class="muted">No endpoint has been polled yet.</p>`
    : html`<table>
<thead><tr><th>Endpoint</th><th>Series groups<span class="hint">one per department × window; each refresh asks upstream once per group</span></th><th>Oldest refresh</th><th>Errors</th><th>Budget used</th><th>Blocked until</th></tr></thead>
<tbody>
${endpoints.map((e) => endpointRow(e, t, now))}
</tbody>
</table>`
}
</section>`;
}

/**
 * The status page at `/`: a summary row per target, then per target its
 * state, last error, and freshness, errors and request budget per endpoint.
 * Plain HTML and inline CSS, every value escaped.
 */
export function renderStatusPage(input: StatusPageInput): string {
  const { now, targets } = input;
  const reload = renderReloadOutcome(input.configFile, input.lastReload, now);
  const body =
    targets.length === 0
      ? html`${reload}${shardLine(input.shard)}${noTargets(input.shard)}`
      : html`${reload}${shardLine(input.shard)}<table class="summary">
<thead><tr><th>Target</th><th>Kind</th><th>State</th><th>Last success</th><th>Last cycle</th><th>Last error</th><th>Debug</th></tr></thead>
<tbody>
${targets.map((t, i) => summaryRow(t, i, now))}
</tbody>
</table>
${targets.map((t, i) => targetSection(t, i, now))}
<p class="muted">A series group is one upstream question (endpoint × department × window) and the series its answer gives; a task is background work such as department discovery. A request budget is shared by all targets on the same origin, so “budget used” counts their requests together.</p>`;
  return renderPage({ title: 'livechat-exporter status', root: '', version: input.version, now, body });
}
