import type { Clock } from '../clock';
import type { TargetConfig } from '../config/types';
import type { SourceKind } from '../sources/SourceKind';
import {
  createBudget,
  createSharedLimitState,
  type Budget,
  type SharedLimit,
  type SharedLimitState,
} from '../upstream/createBudget';

/**
 * The exporter's budgets, kept across reloads: one per kind, budget scope (the origin unless the kind says
 * otherwise) and spec, so targets on one server never exceed its limit together; and one counter per shared
 * limit key, so every budget that counts against one upstream bucket (an IP, a token) shares it.
 */
export function createBudgetRegistry(
  kinds: ReadonlyMap<string, SourceKind<any>>,
  clock: Clock,
): (t: TargetConfig) => Budget {
  const budgets = new Map<string, Budget>();
  const shared = new Map<string, SharedLimitState>();
  const sharedState = (l: SharedLimit): SharedLimitState => {
    const key = `${l.key}|${l.requests}|${l.perMs}|${l.window ?? 'sliding'}`;
    let s = shared.get(key);
    if (!s) shared.set(key, (s = createSharedLimitState(l)));
    return s;
  };
  return (t) => {
    const kind = kinds.get(t.kind);
    const scope = kind?.budgetScope?.(t) ?? new URL(t.url).origin;
    const limits = kind?.sharedLimits?.(t) ?? [];
    const key = `${t.kind}|${scope}|${JSON.stringify(t.budget)}|${JSON.stringify(limits)}`;
    let b = budgets.get(key);
    if (!b) budgets.set(key, (b = createBudget(t.budget, clock, limits.map(sharedState))));
    return b;
  };
}
