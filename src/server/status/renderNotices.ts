import type { TargetNotice } from '../../sources/Source';
import { renderTime } from './format';
import { html, type Html } from './html';

const ORDER: readonly TargetNotice['level'][] = ['error', 'warning', 'info'];

/** What a badge says for the most urgent notice of a target. */
const BADGE: Readonly<Record<TargetNotice['level'], string>> = {
  error: 'action needed',
  warning: 'act soon',
  info: 'notice',
};

/** The box of a notice: red for an error, amber for a warning, plain for information. */
const BOX_CLASS: Readonly<Record<TargetNotice['level'], string>> = {
  error: 'box',
  warning: 'box warn',
  info: 'box info',
};

/** Notices, most urgent first. */
function byUrgency(notices: readonly TargetNotice[]): TargetNotice[] {
  return [...notices].sort((a, b) => ORDER.indexOf(a.level) - ORDER.indexOf(b.level));
}

/** A badge for the summary row with the most urgent notice as its tooltip; nothing without notices. */
export function renderNoticeBadge(notices: readonly TargetNotice[]): Html {
  const top = byUrgency(notices)[0];
  if (!top) return html``;
  return html` <span class="badge notice-${top.level}" title="${top.message}" data-notice-badge="${top.level}">${BADGE[top.level]}</span>`;
}

/** One box per notice, most urgent first: an error in red, a warning in amber, information plain. */
export function renderNoticeBoxes(notices: readonly TargetNotice[], now: number): Html {
  return html`${byUrgency(notices).map(
    (n) =>
      html`<div class="${BOX_CLASS[n.level]}" data-notice="${n.level}"><strong>${n.level === 'error' ? 'Action needed' : n.level === 'warning' ? 'Act soon' : 'Notice'}:</strong> ${n.message}${n.at !== undefined && html` <span class="muted">(${renderTime(n.at, now)})</span>`}</div>`,
  )}`;
}
