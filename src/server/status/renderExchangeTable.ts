import type { Exchange } from '../../upstream/UpstreamClientOptions';
import { formatBytes, formatMillis, renderTime } from './format';
import { html, type Html } from './html';

/** A URL's path and decoded query parameters; the raw text when it does not parse. */
function splitUrl(url: string): { path: string; params: [string, string][] } {
  try {
    const u = new URL(url);
    return { path: u.pathname, params: [...u.searchParams] };
  } catch {
    return { path: url, params: [] };
  }
}

/** The request cell: path, then each query parameter decoded on its own line, the raw URL folded away. */
function requestCell(e: Exchange): Html {
  const { path, params } = splitUrl(e.url);
  return html`<code class="url">${path}</code>${
    params.length > 0 &&
    html`<dl class="query">${params.map(([k, v]) => html`<dt><code>${k}</code></dt><dd><code>${v}</code></dd>`)}</dl>`
  }<details><summary>raw URL</summary><code class="url">${e.url}</code></details>`;
}

function exchangeRow(e: Exchange, now: number): Html {
  const ok = e.status !== undefined && e.status >= 200 && e.status < 300 && !e.error;
  return html`<tr>
<td>${renderTime(e.at, now)}</td>
<td><code>${e.endpoint}</code></td>
<td><code>${e.method}</code></td>
<td>${requestCell(e)}</td>
<td class="num ${ok ? '' : 'bad'}">${e.status ?? html`<span class="muted">none</span>`}</td>
<td class="num">${formatMillis(e.durationMs)}</td>
<td class="num">${formatBytes(e.bytes)}</td>
<td>${e.error ? html`<span class="reason">${e.error.reason}</span> ${e.error.message}` : html`<span class="muted">—</span>`}</td>
</tr>`;
}

/** The recent upstream requests, newest first, for debugging: what was asked (decoded) and how it went. */
export function renderExchangeTable(exchanges: readonly Exchange[], now: number): Html {
  if (exchanges.length === 0) return html`<p class="muted">No request has been made yet.</p>`;
  return html`<table class="exchanges">
<thead><tr><th>When</th><th>Endpoint</th><th>Method</th><th>Request (query decoded)</th><th>Status</th><th>Duration</th><th>Size</th><th>Error</th></tr></thead>
<tbody>
${[...exchanges].reverse().map((e) => exchangeRow(e, now))}
</tbody>
</table>`;
}
