import { firstValue } from '../../http/parseQuery';
import type { ConversationState } from '../../world/types';
import type { ServerEra } from '../serverEra';

/** Which room states a livechat/rooms request selects, and from which departments. */
export interface RoomFilter {
  /** Department ids; undefined = no department filter. */
  readonly departmentIds: readonly string[] | undefined;
  /** Agent ids the room must be served by; undefined = any. */
  readonly agents: readonly string[] | undefined;
  readonly states: ReadonlySet<ConversationState>;
}

const ALL: readonly ConversationState[] = ['queued', 'open', 'onhold', 'closed'];
/** `onhold`/`queued`: truthy for t, true and 1 (the handler's own parsing). */
const truthy = (v: string | undefined): boolean => v === 't' || v === 'true' || v === '1';

/**
 * The states the status flags select (docs/upstream/rocketchat.md §11.1): later writes to the same Mongo keys
 * replace earlier ones, so `queued` overrides `open` and `onhold`, and `onhold` replaces "not on hold".
 * Before 6.11 `open=true` means open and not on hold, queued rooms included.
 */
function selectedStates(query: Record<string, string | string[]>, era: ServerEra): ConversationState[] {
  const open = firstValue(query.open);
  if (era.queuedFilter && truthy(firstValue(query.queued))) return ['queued'];
  const onhold = truthy(firstValue(query.onhold));
  // Only the exact strings true/false count for `open`; anything else silently disables the filter.
  if (open === 'true') return onhold ? ['onhold'] : era.queuedFilter ? ['open'] : ['open', 'queued'];
  if (open === 'false') return onhold ? [] : ['closed'];
  return onhold ? ['onhold'] : [...ALL];
}

/** The department ids of a `departmentId` (one id or several); empty and the text `undefined` mean none. */
function departmentIds(raw: string | string[] | undefined): readonly string[] | undefined {
  const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((d) => d !== '' && d !== 'undefined');
  return ids.length > 0 ? ids : undefined;
}

/** Reads the filter of a validated livechat/rooms query. */
export function roomFilter(query: Record<string, string | string[]>, era: ServerEra): RoomFilter {
  const agents = query.agents === undefined ? undefined : ([] as string[]).concat(query.agents);
  return {
    departmentIds: departmentIds(query.departmentId),
    agents,
    states: new Set(selectedStates(query, era)),
  };
}
