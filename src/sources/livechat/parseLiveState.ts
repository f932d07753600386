import { UpstreamError } from '../../upstream/UpstreamError';
import type { Warn } from './aggregateRecords';

/** A group as list_groups describes it. */
export interface LiveGroup {
  readonly id: number;
  readonly name: string;
  /** Member id → routing priority (`first`, `normal`, `last`, `supervisor`); undefined when upstream sent none. */
  readonly members: ReadonlyMap<string, string> | undefined;
  /** The group's routing status as sent; undefined when absent. */
  readonly routingStatus: string | undefined;
}

/** An active chat from list_chats, reduced to what live state counts. */
export interface LiveChat {
  readonly id: string;
  readonly groups: readonly number[];
  readonly queued: boolean;
  /** When a queued chat entered the queue, Unix seconds; undefined when not queued or unreadable. */
  readonly queuedAt: number | undefined;
}

/** One list_chats page: its active chats, the next page's id and upstream's estimate of the total. */
export interface ChatsPage {
  readonly chats: readonly LiveChat[];
  readonly next: string | undefined;
  /** `found_chats`: an estimate, never the count (§11.2); only for messages. */
  readonly found: number | undefined;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isGroupId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 instant (LiveChat writes microseconds) as Unix seconds; undefined for anything else. */
export function parseInstant(v: unknown): number | undefined {
  if (typeof v !== 'string' || !RFC3339.test(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/** `queue.queued_at`, else `queued_at_us` (the v3.3–v3.5 webhook name: RFC 3339, or a number read as Unix µs). */
function queuedAtOf(queue: Obj): number | undefined {
  const at = parseInstant(queue.queued_at);
  if (at !== undefined) return at;
  const us = queue.queued_at_us;
  if (typeof us === 'number' && Number.isFinite(us) && us > 0) return us / 1e6;
  return parseInstant(us);
}

function arrayBody(json: unknown, call: string): unknown[] {
  if (!Array.isArray(json)) throw new UpstreamError('parse', `${call}: expected a JSON array`);
  return json;
}

/** list_groups: a bare array of `{id, name, agent_priorities?, routing_status?}` (§11.4). */
export function parseGroups(json: unknown, warn: Warn): LiveGroup[] {
  const out: LiveGroup[] = [];
  for (const raw of arrayBody(json, 'list_groups')) {
    if (!isObject(raw) || !isGroupId(raw.id)) {
      warn('list_groups: an entry without a group id (a whole number) was skipped');
      continue;
    }
    let members: Map<string, string> | undefined;
    if (isObject(raw.agent_priorities)) {
      members = new Map();
      for (const [id, priority] of Object.entries(raw.agent_priorities))
        members.set(id, typeof priority === 'string' ? priority : '');
    } else warn('list_groups: a group without agent_priorities: its agents are not counted');
    if (raw.routing_status !== undefined && typeof raw.routing_status !== 'string')
      warn('list_groups: a routing_status that is not a string was ignored');
    out.push({
      id: raw.id,
      name: typeof raw.name === 'string' ? raw.name : '',
      members,
      routingStatus: typeof raw.routing_status === 'string' ? raw.routing_status : undefined,
    });
  }
  return out;
}

/** list_routing_statuses: a bare array of `{agent_id, status}` (§11.3), as agent id → status. */
export function parseRoutingStatuses(json: unknown, warn: Warn): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of arrayBody(json, 'list_routing_statuses')) {
    if (!isObject(raw) || typeof raw.agent_id !== 'string' || typeof raw.status !== 'string') {
      warn('list_routing_statuses: an entry without a string agent_id and status was skipped');
      continue;
    }
    out.set(raw.agent_id, raw.status);
  }
  return out;
}

/** The chat's groups: `access.group_ids`, else its last thread's (§11.1). */
function groupsOf(summary: Obj, thread: Obj, warn: Warn): number[] {
  const ids = isObject(summary.access) ? summary.access.group_ids : undefined;
  const list = Array.isArray(ids) ? ids : isObject(thread.access) ? thread.access.group_ids : undefined;
  if (!Array.isArray(list)) return [];
  const groups = list.filter(isGroupId);
  if (groups.length !== list.length) warn('list_chats: a group id that is not a whole number was ignored');
  return [...new Set(groups)];
}

/** One summary, if it is an active chat: the API is asked for active chats only, but the flag is checked here too. */
function liveChatOf(raw: unknown, warn: Warn): LiveChat | undefined {
  if (!isObject(raw) || typeof raw.id !== 'string' || raw.id === '') {
    warn('list_chats: a chat summary without an id was skipped');
    return undefined;
  }
  const thread = raw.last_thread_summary;
  // A chat without threads has no last_thread_summary, and only an active last thread makes an active chat.
  if (!isObject(thread) || thread.active !== true) return undefined;
  const queue = thread.queue;
  const queued = isObject(queue);
  const queuedAt = queued ? queuedAtOf(queue) : undefined;
  if (queued && queuedAt === undefined)
    warn('list_chats: a queued chat without a readable queue.queued_at (left out of the oldest queued time)');
  return { id: raw.id, groups: groupsOf(raw, thread, warn), queued, queuedAt };
}

/** One list_chats page (§11.2): `chats_summary`, `next_page_id?`, `found_chats`. */
export function parseChatsPage(json: unknown, warn: Warn): ChatsPage {
  if (!isObject(json) || !Array.isArray(json.chats_summary))
    throw new UpstreamError('parse', 'list_chats: expected an object with a chats_summary list');
  const next = json.next_page_id;
  if (next !== undefined && next !== null && (typeof next !== 'string' || next === ''))
    throw new UpstreamError('parse', 'list_chats: next_page_id is not a non-empty string');
  const chats: LiveChat[] = [];
  for (const raw of json.chats_summary) {
    const chat = liveChatOf(raw, warn);
    if (chat) chats.push(chat);
  }
  const found = typeof json.found_chats === 'number' ? json.found_chats : undefined;
  return { chats, next: typeof next === 'string' ? next : undefined, found };
}
