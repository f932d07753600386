import type { World } from '../../world/createWorld';
import { conversationStateAt } from '../../world/conversationStateAt';
import type { Conversation, ConversationState } from '../../world/types';
import { chatGroupIds, hasGeneralGroup } from './liveRouting';
import { encodePageId, type ChatsQuery } from './parseLiveRequest';

/** A conversation as list_chats sees it now. */
interface Row {
  readonly c: Conversation;
  readonly groups: number[];
  readonly state: ConversationState;
}

/** RFC 3339 in UTC with microseconds, as LiveChat writes instants. */
const instant = (ms: number): string => new Date(ms).toISOString().replace('Z', '000Z');

/** Ascending by the last thread's creation (a chat has one thread here: its creation), then by chat id. */
function ascending(a: readonly [number, string], b: readonly [number, string]): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}
const keyOf = (r: Row): [number, string] => [r.c.createdAt, r.c.chatId];

/** Every conversation that exists now and matches the query's filters and the caller's groups, in the query's order. */
function matchingRows(world: World, q: ChatsQuery, visibleGroups: readonly number[] | undefined): Row[] {
  const now = world.now();
  const general = hasGeneralGroup(world);
  const rows: Row[] = [];
  // Active chats are recent ones: the world can list just those; inactive ones need the whole history.
  const each = (fn: (c: Conversation) => void) =>
    q.active === true
      ? world.forEachRecentConversation(undefined, fn)
      : world.forEachConversation(world.retentionStart(), now, undefined, fn);
  each((c) => {
    const state = conversationStateAt(c, now);
    if (q.active !== null && q.active !== (state !== 'closed')) return;
    const groups = chatGroupIds(c, general);
    if (q.groupIds && !groups.some((g) => q.groupIds!.includes(g))) return;
    if (visibleGroups && !groups.some((g) => visibleGroups.includes(g))) return;
    rows.push({ c, groups, state });
  });
  const sign = q.sort === 'asc' ? 1 : -1;
  return rows.sort((a, b) => sign * ascending(keyOf(a), keyOf(b)));
}

/** Queue place of each queued chat within the group it started in, oldest first (1 = next). */
function queuePositions(rows: readonly Row[]): Map<string, number> {
  const queued = rows.filter((r) => r.state === 'queued').sort((a, b) => ascending(keyOf(a), keyOf(b)));
  const next = new Map<number, number>();
  const out = new Map<string, number>();
  for (const r of queued) {
    const position = (next.get(r.c.groupId) ?? 0) + 1;
    next.set(r.c.groupId, position);
    out.set(r.c.chatId, position);
  }
  return out;
}

/** The chat summary of one row (docs/upstream/livechat.md §11.2): one thread, the last, with `queue` while queued. */
function summary(r: Row, position: number | undefined, now: number): Record<string, unknown> {
  const { c, groups, state } = r;
  const served = c.agent !== null && now >= c.servedAt;
  const users: Record<string, unknown>[] = [
    { id: c.visitorId, type: 'customer', name: 'Visitor', present: state !== 'closed' },
  ];
  if (served && c.agent) users.push({ id: c.agent.email, type: 'agent', name: c.agent.name, email: c.agent.email });
  const access = { group_ids: groups };
  return {
    id: c.chatId,
    last_event_per_type: {},
    users,
    last_thread_summary: {
      id: c.id.slice(0, 10).toUpperCase(),
      created_at: instant(c.createdAt),
      user_ids: users.map((u) => u.id),
      properties: {},
      active: state !== 'closed',
      access,
      // An estimate of the wait still ahead, as LiveChat's: a minute per chat before this one.
      ...(position !== undefined && {
        queue: { position, wait_time: 60 * position, queued_at: instant(c.createdAt) },
      }),
    },
    properties: { routing: { continuous: c.continuous } },
    access,
    is_followed: false,
  };
}

/**
 * agent/action/list_chats (v3.6): the chats existing now that match, newest thread first unless asked otherwise,
 * `limit` per page. A page_id carries the query and the position, so chats that start or end between pages move
 * the walk the way a cursor would. `found_chats` is an estimate, deliberately a little off (LiveChat calls it one).
 */
export function listChats(world: World, q: ChatsQuery, visibleGroups: readonly number[] | undefined): unknown {
  const rows = matchingRows(world, q, visibleGroups);
  const sign = q.sort === 'asc' ? 1 : -1;
  const start = q.after === undefined ? 0 : rows.findIndex((r) => sign * ascending(keyOf(r), q.after!) > 0);
  const first = start < 0 ? rows.length : start;
  const page = rows.slice(first, first + q.limit);
  const positions = queuePositions(rows);
  const now = world.now();
  const last = page[page.length - 1];
  return {
    chats_summary: page.map((r) => summary(r, positions.get(r.c.chatId), now)),
    found_chats: rows.length + 1 + Math.floor(rows.length / 20),
    ...(last && first + q.limit < rows.length && { next_page_id: encodePageId(q, keyOf(last)) }),
  };
}
