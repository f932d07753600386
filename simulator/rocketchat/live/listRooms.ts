import { firstValue } from '../../http/parseQuery';
import { conversationStateAt, messagesAt } from '../../world/conversationStateAt';
import type { World } from '../../world/createWorld';
import type { Conversation, ConversationState } from '../../world/types';
import type { RocketChatErrors } from '../rocketChatErrors';
import { permissionsOf, type RocketChatUser } from '../RocketChatUser';
import { RouteFailure } from '../RouteFailure';
import type { ServerEra } from '../serverEra';
import { paging } from './paging';
import { roomFilter } from './roomFilter';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The stored room document of `c` at `now` (abridged to what the exporter and a curious reader need). */
function roomDocument(world: World, c: Conversation, state: ConversationState, now: number): Record<string, unknown> {
  const served = c.agent !== null && now >= c.servedAt;
  const dep = world.department(c.departmentId);
  const guest = `guest-${c.visitorId.slice(-4)}`;
  return {
    _id: c.id,
    fname: guest,
    t: 'l',
    ts: iso(c.createdAt),
    v: { _id: c.visitorId, username: guest, token: c.visitorId, status: 'online' },
    msgs: messagesAt(c, now),
    departmentId: c.departmentId,
    ...(state !== 'closed' && { open: true }),
    ...(served && c.agent && { servedBy: { _id: c.agent.id, username: c.agent.username, ts: iso(c.servedAt) } }),
    ...(state === 'onhold' && { onHold: true }),
    ...(state === 'closed' && { closedAt: iso(c.closedAt) }),
    _updatedAt: iso(Math.min(now, served ? c.servedAt : c.createdAt)),
    ...(dep && { department: { _id: dep.id, name: dep.name } }),
  };
}

/** The `sort` parameter: JSON of `field: 1|-1`; default newest first. Anything else is the handler's 400. */
function sortOf(raw: string | undefined, errors: RocketChatErrors): { field: string; dir: 1 | -1 } {
  if (raw === undefined) return { field: 'ts', dir: -1 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new RouteFailure(400, errors.invalidSort(raw));
  }
  const entries: [string, unknown][] =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : [];
  const first = entries[0];
  if (!first || entries.some(([, v]) => v !== 1 && v !== -1)) throw new RouteFailure(400, errors.invalidSort(raw));
  return { field: first[0], dir: first[1] === 1 ? 1 : -1 };
}

/** Whether `user` may list these rooms: view-livechat-rooms, or view-l-room for exactly its own rooms (§3). */
function mayList(user: RocketChatUser | undefined, agents: readonly string[] | undefined): boolean {
  const perms = permissionsOf(user);
  if (perms.includes('view-livechat-rooms')) return true;
  return perms.includes('view-l-room') && agents?.length === 1 && agents[0] === user?.userId;
}

/**
 * GET livechat/rooms (docs/upstream/rocketchat.md §11.1): the rooms of the world in the selected states now,
 * paged, with `total` over the whole filter. The handler's order: paging -> sort (400) -> permission (403).
 */
export function listRooms(
  world: World,
  era: ServerEra,
  query: Record<string, string | string[]>,
  user: RocketChatUser | undefined,
  errors: RocketChatErrors,
): Record<string, unknown> {
  const { offset, count } = paging(query);
  const sort = sortOf(firstValue(query.sort), errors);
  const filter = roomFilter(query, era);
  if (!mayList(user, filter.agents)) throw new RouteFailure(403, errors.handlerForbidden());
  const now = world.now();
  const matched: { c: Conversation; state: ConversationState }[] = [];
  // Only open rooms can be queued, open or on hold: the recent ones are enough then (every room is 35 days).
  const scan = filter.states.has('closed')
    ? (fn: (c: Conversation) => void) =>
        world.forEachConversation(world.retentionStart(), now, filter.departmentIds, fn)
    : (fn: (c: Conversation) => void) => world.forEachRecentConversation(filter.departmentIds, fn);
  scan((c) => {
    const state = conversationStateAt(c, now);
    if (!filter.states.has(state)) return;
    if (filter.agents && !(c.agent !== null && now >= c.servedAt && filter.agents.includes(c.agent.id))) return;
    matched.push({ c, state });
  });
  const key = (x: { c: Conversation }) => (sort.field === '_id' ? x.c.id : x.c.createdAt);
  matched.sort((a, b) => (key(a) < key(b) ? -sort.dir : key(a) > key(b) ? sort.dir : a.c.id < b.c.id ? -1 : 1));
  const page = matched.slice(offset, count === undefined ? undefined : offset + count);
  return {
    rooms: page.map((x) => roomDocument(world, x.c, x.state, now)),
    count: page.length,
    offset,
    total: matched.length,
  };
}
