import { degradedReason, formatCoarseDuration, renderLastError, renderStateBadges, renderTime } from './format';
import { html, renderPage } from './html';
import { renderExchangeTable } from './renderExchangeTable';
import { renderNoticeBoxes } from './renderNotices';
import { renderValueTable } from './renderValueTable';
import type { TargetView } from './TargetView';

/** Everything the page of one target shows. */
export interface TargetPageInput {
  readonly now: number;
  readonly version: string;
  readonly target: TargetView;
}

/**
 * The page of one target at `/targets/:name`, read like a dashboard: its state and notices,
 * then a table of every series group (endpoint × department × window) with decoded values,
 * freshness and last error; below it, for debugging, the recent upstream requests (newest
 * first, query parameters decoded, the raw URL folded away).
 */
export function renderTargetPage(input: TargetPageInput): string {
  const { now } = input;
  const s = input.target.state;
  const c = input.target.config;
  const body = html`<p><a href="../">← all targets</a></p>
<h2>${s.name} ${renderStateBadges(s, degradedReason(s, now, c?.maxStalenessMs))}</h2>
<dl>
<dt>Kind</dt><dd>${s.kind}</dd>
${c && html`<dt>URL</dt><dd class="url"><code>${c.url}</code></dd><dt>Schedule</dt><dd><code>${c.schedule}</code> (${c.timezone}), max staleness ${formatCoarseDuration(c.maxStalenessMs)}</dd>`}
<dt>Last success</dt><dd>${renderTime(s.lastSuccess, now)}</dd>
<dt>Cycles</dt><dd>${s.cycles}${s.lastCycleEnd !== undefined && html`, last finished ${renderTime(s.lastCycleEnd, now)}`}</dd>
</dl>
${s.authBlocked !== undefined && html`<div class="box warn" data-auth-blocked><strong>Auth blocked:</strong> ${s.authBlocked}</div>`}
${s.lastError && html`<div class="box" data-last-error><strong>Last error:</strong> ${renderLastError(s.lastError, now)}</div>`}
${renderNoticeBoxes(s.notices, now)}
<h3>Values by endpoint, department and window (${s.jobs.length} series group${s.jobs.length === 1 ? '' : 's'})</h3>
${renderValueTable({ kind: s.kind, jobs: s.jobs, maxStalenessMs: c?.maxStalenessMs, now })}
<h3>Recent requests (${s.recentExchanges.length}, newest first), for debugging</h3>
${renderExchangeTable(s.recentExchanges, now)}`;
  return renderPage({ title: `${s.name} · livechat-exporter`, root: '../', version: input.version, now, body });
}
