import { formatAgo } from './formatAgo';
import { html, type Html } from './html';

/** A point in time as "12s ago", with the exact UTC time in the `datetime` and on hover; "never" when unset. */
export function renderTime(at: number | undefined, now: number, never = 'never'): Html {
  if (at === undefined) return html`<span class="muted">${never}</span>`;
  const iso = new Date(at).toISOString();
  return html`<time datetime="${iso}" title="${iso}">${formatAgo(at, now)}</time>`;
}
