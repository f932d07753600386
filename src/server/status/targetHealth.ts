import type { StatusTargetState } from './TargetView';

/** The one-word state of a target; `pending` until its first cycle has finished. */
export type TargetHealth = 'up' | 'down' | 'pending';

/** Reads the state shown in a target's badge. */
export function targetHealth(state: Pick<StatusTargetState, 'up'>): TargetHealth {
  if (state.up === undefined) return 'pending';
  return state.up ? 'up' : 'down';
}
