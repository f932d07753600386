import type { ReloadOutcome } from '../../exporter/createReloader';
import { renderTime } from './format';
import { html, type Html } from './html';

/**
 * The status page's line about the configuration: which file runs and how its last reload went.
 * A failed reload is a red box with every problem, since the exporter keeps running the previous
 * config and nothing else on the page would change.
 */
export function renderReloadOutcome(file: string | undefined, last: ReloadOutcome | undefined, now: number): Html {
  const link = html`<a href="config"><code>${file ?? 'none yet'}</code></a>`;
  if (!last)
    return html`<p class="muted" data-reload="none">Configuration ${link}, loaded at startup; not reloaded since.</p>`;
  if (last.status === 'failed')
    return html`<div class="box" data-reload="failed"><strong>Config reload failed</strong> ${renderTime(last.at, now)}: the exporter keeps running the configuration it loaded before from ${link}.
<ul class="problems">${last.problems.map((p) => html`<li><code>${p}</code></li>`)}</ul>
<span class="muted">Fix the file, then reload again (SIGHUP or POST /-/reload).</span></div>`;
  const what = last.status === 'reloaded' ? 'applied' : 'unchanged';
  return html`<p class="muted" data-reload="${last.status}">Configuration ${link}; last reload ${renderTime(last.at, now)}: ${what}.</p>`;
}
