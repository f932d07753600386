import type { LastError } from '../../poll/TargetState';
import { formatLabels } from './formatLabels';
import { html, type Html } from './html';
import { renderTime } from './renderTime';

/** An error as one line: reason code, message, then where (endpoint, labels) and when. */
export function renderLastError(e: LastError, now: number, options: { endpoint?: boolean } = {}): Html {
  const labels = formatLabels(e.labels);
  return html`<span class="reason">${e.reason}</span> ${e.message}<span class="muted"> · ${options.endpoint !== false && html`<code>${e.endpoint}</code>${labels && html` <code>${labels}</code>`} · `}${renderTime(e.at, now)}</span>`;
}
