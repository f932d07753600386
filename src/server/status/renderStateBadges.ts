import { html, type Html } from './html';
import { targetHealth } from './targetHealth';
import type { StatusTargetState } from './TargetView';

/** The state badge of a target (up/down/pending), plus "auth blocked" when its credentials were refused. */
export function renderStateBadges(state: Pick<StatusTargetState, 'up' | 'authBlocked'>): Html {
  const health = targetHealth(state);
  return html`<span class="badge ${health}">${health}</span>${state.authBlocked !== undefined && html` <span class="badge blocked" title="${state.authBlocked}">auth blocked</span>`}`;
}
