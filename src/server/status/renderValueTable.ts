import type { JobStatus } from '../../poll/TargetState';
import { formatLabelsForPage, renderLastError, renderTime } from './format';
import { formatSampleValue, shortMetricName } from './formatSampleValue';
import { html, type Html } from './html';

/** Values shown in a row before the rest fold into "N more" (per-agent and per-tag groups can be long). */
const SHOWN_VALUES = 8;

/** The labels a row shows in columns of their own; any other job label is shown with the endpoint. */
const COLUMN_LABELS = new Set(['department', 'department_name', 'window']);

/** What the value table needs of a target. */
export interface ValueTableInput {
  readonly kind: string;
  readonly jobs: readonly JobStatus[];
  /** The target's max_staleness, when its config is known: older values are flagged. */
  readonly maxStalenessMs: number | undefined;
  readonly now: number;
}

/** The jobs grouped by endpoint, endpoints in the order their first job was planned. */
function byEndpoint(jobs: readonly JobStatus[]): JobStatus[][] {
  const groups = new Map<string, JobStatus[]>();
  for (const j of jobs) {
    const g = groups.get(j.endpoint);
    if (g) g.push(j);
    else groups.set(j.endpoint, [j]);
  }
  return [...groups.values()];
}

/**
 * The department cell: its name, with the id when that says more, and any job label without a
 * column of its own; `—` for a job with neither.
 */
function departmentCell(labels: Readonly<Record<string, string>>): Html {
  const extra = formatLabelsForPage(Object.fromEntries(Object.entries(labels).filter(([k]) => !COLUMN_LABELS.has(k))));
  const extraHint = extra && html`<span class="hint"><code>${extra}</code></span>`;
  const id = labels.department;
  if (id === undefined) return extra ? html`${extraHint}` : html`<span class="muted">—</span>`;
  const name = labels.department_name;
  if (name === undefined || name === id) return html`${id}${extraHint}`;
  return html`${name}${id !== 'all' && html`<span class="hint"><code>${id}</code></span>`}${extraHint}`;
}

/** The window cell: the window label, or "now" for a series with no window (live or not windowed). */
function windowCell(labels: Readonly<Record<string, string>>): Html {
  const w = labels.window;
  return w === undefined ? html`now<span class="hint">no window: what holds now</span>` : html`${w}`;
}

/**
 * One value: the short metric name (full name on hover), its other labels and the decoded value. A value of a
 * job that covers every department (a live listing) names its department as text, as the department cell does.
 */
function valueItem(v: JobStatus['values'][number], kind: string, jobLabels: Readonly<Record<string, string>>): Html {
  const own = Object.fromEntries(
    Object.entries(v.labels).filter(([k]) => !(k in jobLabels) && k !== 'department' && k !== 'department_name'),
  );
  const labels = formatLabelsForPage(own);
  const dep = 'department' in jobLabels ? undefined : (v.labels.department_name ?? v.labels.department);
  return html`<li title="${v.name} = ${String(v.value)}"><code>${shortMetricName(v.name, kind)}${labels}</code>${dep !== undefined && html` <span class="hint">${dep}</span>`} <strong>${formatSampleValue(v.name, v.value)}</strong></li>`;
}

function valuesCell(j: JobStatus, kind: string): Html {
  if (j.values.length === 0) return html`<span class="muted">no values</span>`;
  const items = j.values.map((v) => valueItem(v, kind, j.labels));
  const rest = items.slice(SHOWN_VALUES);
  return html`<ul class="values">${items.slice(0, SHOWN_VALUES)}</ul>${
    rest.length > 0 && html`<details><summary>${rest.length} more</summary><ul class="values">${rest}</ul></details>`
  }`;
}

function freshnessCell(j: JobStatus, maxStalenessMs: number | undefined, now: number): Html {
  if (j.refreshedAt === undefined) return html`<span class="bad">never</span>`;
  const stale = maxStalenessMs !== undefined && now - j.refreshedAt > maxStalenessMs;
  return stale
    ? html`<span class="stale">${renderTime(j.refreshedAt, now)}</span><span class="hint">older than max_staleness: not exported</span>`
    : renderTime(j.refreshedAt, now);
}

function row(j: JobStatus, first: Html | false, t: ValueTableInput): Html {
  return html`<tr data-job="${j.key}">${first}
<td>${departmentCell(j.labels)}</td>
<td class="nowrap">${windowCell(j.labels)}</td>
<td>${valuesCell(j, t.kind)}</td>
<td class="nowrap">${freshnessCell(j, t.maxStalenessMs, t.now)}</td>
<td>${j.error ? renderLastError({ ...j.error, labels: undefined }, t.now, { endpoint: false }) : html`<span class="muted">—</span>`}</td>
</tr>`;
}

/** The endpoint cell, spanning its jobs' rows. */
function endpointCell(jobs: readonly JobStatus[]): Html {
  return html`<td rowspan="${jobs.length}"><code>${jobs[0]!.endpoint}</code></td>`;
}

/**
 * The top of a target's page: one row per series group (endpoint × department × window) with
 * its decoded values, how fresh they are and its last error, grouped by endpoint in plan order.
 */
export function renderValueTable(t: ValueTableInput): Html {
  if (t.jobs.length === 0) return html`<p class="muted">No series group has run yet.</p>`;
  return html`<table class="values">
<thead><tr><th>Endpoint</th><th>Department</th><th>Window</th><th>Values</th><th>Refreshed</th><th>Last error</th></tr></thead>
<tbody>
${byEndpoint(t.jobs).map((jobs) => jobs.map((j, i) => row(j, i === 0 && endpointCell(jobs), t)))}
</tbody>
</table>`;
}
