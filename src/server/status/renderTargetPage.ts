import type { Exchange } from '../../upstream/UpstreamClientOptions';
import type { JobStatus } from '../../poll/TargetState';
import {
  formatBytes,
  formatLabelsForPage,
  formatMillis,
  renderLastError,
  degradedReason,
  renderStateBadges,
  renderTime,
} from './format';
import { html, renderPage, type Html } from './html';
import type { TargetView } from './TargetView';

/** Everything the debug view of one target shows. */
export interface TargetPageInput {
  readonly now: number;
  readonly version: string;
  readonly target: TargetView;
}

function exchangeRow(e: Exchange, now: number): Html {
  const ok = e.status !== undefined && e.status >= 200 && e.status < 300 && !e.error;
  return html`<tr>
<td>${renderTime(e.at, now)}</td>
<td><code>${e.method}</code></td>
<td class="url"><code>${e.url}</code></td>
<td class="num ${ok ? '' : 'bad'}">${e.status ?? html`<span class="muted">none</span>`}</td>
<td class="num">${formatMillis(e.durationMs)}</td>
<td class="num">${formatBytes(e.bytes)}</td>
<td>${e.error ? html`<span class="reason">${e.error.reason}</span> ${e.error.message}` : html`<span class="muted">—</span>`}</td>
</tr>`;
}

function jobRow(j: JobStatus, now: number): Html {
  const values = [...j.values].sort((a, b) => a.name.localeCompare(b.name));
  return html`<tr data-job="${j.key}">
<td><code>${j.endpoint}</code></td>
<td><code>${formatLabelsForPage(j.labels)}</code></td>
<td>${renderTime(j.refreshedAt, now)}</td>
<td>${j.error ? renderLastError(j.error, now, { endpoint: false }) : html`<span class="muted">—</span>`}</td>
<td>${
    values.length === 0
      ? html`<span class="muted nowrap">no values</span>`
      : html`<details><summary>${values.length} value${values.length === 1 ? '' : 's'}</summary><table>
<thead><tr><th>Series</th><th>Labels</th><th>Value</th></tr></thead>
<tbody>${values.map((v) => html`<tr><td><code>${v.name}</code></td><td><code>${formatLabelsForPage(v.labels)}</code></td><td class="num">${String(v.value)}</td></tr>`)}</tbody>
</table></details>`
  }</td>
</tr>`;
}

/**
 * The debug view of one target at `/targets/:name`: its recent upstream
 * requests (newest first, with URL and query, status, duration, size and
 * error) and every job's parsed values with their refresh time.
 */
export function renderTargetPage(input: TargetPageInput): string {
  const { now } = input;
  const s = input.target.state;
  const c = input.target.config;
  const exchanges = [...s.recentExchanges].reverse();
  const jobs = [...s.jobs];
  const body = html`<p><a href="../">← all targets</a></p>
<h2>${s.name} ${renderStateBadges(s, degradedReason(s, now, c?.maxStalenessMs))}</h2>
<dl>
<dt>Kind</dt><dd>${s.kind}</dd>
${c && html`<dt>URL</dt><dd class="url"><code>${c.url}</code></dd>`}
<dt>Last success</dt><dd>${renderTime(s.lastSuccess, now)}</dd>
<dt>Cycles</dt><dd>${s.cycles}${s.lastCycleEnd !== undefined && html`, last finished ${renderTime(s.lastCycleEnd, now)}`}</dd>
</dl>
${s.authBlocked !== undefined && html`<div class="box warn" data-auth-blocked><strong>Auth blocked:</strong> ${s.authBlocked}</div>`}
${s.lastError && html`<div class="box" data-last-error><strong>Last error:</strong> ${renderLastError(s.lastError, now)}</div>`}
<h3>Recent requests (${exchanges.length}, newest first)</h3>
${
  exchanges.length === 0
    ? html`<p class="muted">No request has been made yet.</p>`
    : html`<table class="exchanges">
<thead><tr><th>When</th><th>Method</th><th>URL</th><th>Status</th><th>Duration</th><th>Size</th><th>Error</th></tr></thead>
<tbody>
${exchanges.map((e) => exchangeRow(e, now))}
</tbody>
</table>`
}
<h3>Parsed values per series group (${jobs.length})</h3>
${
  jobs.length === 0
    ? html`<p class="muted">No series group has run yet.</p>`
    : html`<table class="jobs">
<thead><tr><th>Endpoint</th><th>Labels</th><th>Refreshed</th><th>Error</th><th>Values</th></tr></thead>
<tbody>
${jobs.map((j) => jobRow(j, now))}
</tbody>
</table>`
}`;
  return renderPage({ title: `${s.name} · livechat-exporter`, root: '../', version: input.version, now, body });
}
