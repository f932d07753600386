import { businessFactor } from './businessFactor';
import { createRandom, deriveSeed, type Random } from './createRandom';
import { DAY_MS, HOUR_MS, type Zone } from './createZone';
import type { Agent, Conversation, Department, StartedBy } from './types';

/** Inputs of one (department, hour) slot. */
export interface SlotInput {
  seed: number;
  department: Department;
  hourIndex: number;
  zone: Zone;
  /** Peak conversations per hour for a department of weight 1. */
  arrivalsPerHour: number;
  tags: readonly string[];
  tagWeights: readonly number[];
}

const COUNTRIES = ['US', 'DE', 'PL', 'GB', 'FR', 'BR', 'IN', 'JP', 'RU', 'CN', 'UA', 'ES'];
const COUNTRY_WEIGHTS = [30, 12, 10, 9, 7, 6, 6, 4, 4, 4, 4, 4];
const GREETINGS = [1, 18, 19, 23];
const CHAT_ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MINUTE = 60_000;

/** The longest a generated conversation stays open once served, so "open now" only needs the last days' slots. */
const MAX_OPEN_MS = 6 * DAY_MS;

/**
 * How far back a generated conversation can have been created and still be open: the longest time open plus a
 * day for the queue wait (drawn from exponentials in minutes, so far shorter in practice).
 */
export const GENERATED_OPEN_LOOKBACK_MS = MAX_OPEN_MS + DAY_MS;

/** Rounds to milliseconds-as-seconds precision, like Mongo-stored RC metrics (e.g. 0.207). */
const sec3 = (s: number): number => Math.round(s * 1000) / 1000;

/**
 * Generates all conversations created in one (department, hour) slot, sorted by creation time.
 * Pure in its input: the same slot always yields the same conversations.
 */
export function generateSlot(input: SlotInput): Conversation[] {
  const { department, hourIndex, zone } = input;
  const rng = createRandom(deriveSeed(input.seed, 'slot', department.id, hourIndex));
  const slotStart = hourIndex * HOUR_MS;
  const factor = businessFactor(zone.weekday(slotStart), zone.localHour(slotStart));
  const count = rng.poisson(input.arrivalsPerHour * department.weight * factor);
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(slotStart + Math.floor(rng.next() * HOUR_MS));
  times.sort((a, b) => a - b);
  // Busy hours queue more often and longer.
  const busy = factor >= 0.6;
  return times.map((createdAt) => generateConversation(rng, input, createdAt, busy));
}

const HEX = '0123456789abcdef';
const STARTED_BY: readonly StartedBy[] = ['customer_without_greeting', 'customer_from_greeting', 'agent'];
const STARTED_BY_WEIGHTS = [77, 21, 2];
const TAG_COUNTS = [0, 1, 2, 3];
const TAG_COUNT_WEIGHTS = [30, 45, 18, 7];

/** The fields every conversation draws first, whatever happens to it, in their fixed drawing order. */
type Opening = Pick<
  Conversation,
  | 'id'
  | 'chatId'
  | 'departmentId'
  | 'groupId'
  | 'createdAt'
  | 'visitorId'
  | 'visitorIp'
  | 'visitorHasDetails'
  | 'startedBy'
  | 'country'
  | 'continuous'
  | 'pageViews'
> & { greeting: number };

function drawOpening(rng: Random, department: Department, createdAt: number): Opening {
  const id = rng.id(17);
  const chatId = rng.id(10, CHAT_ID_ALPHABET);
  const returning = rng.chance(0.15);
  const poolIndex = rng.int(0, 199);
  const uuid = `${rng.id(8, HEX)}-${rng.id(4, HEX)}-4${rng.id(3, HEX)}-a${rng.id(3, HEX)}-${rng.id(12, HEX)}`;
  return {
    id,
    chatId,
    departmentId: department.id,
    groupId: department.groupId,
    createdAt,
    visitorId: returning ? `visitor-${department.groupId}-${poolIndex}` : uuid,
    visitorIp: `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    visitorHasDetails: rng.chance(0.3),
    startedBy: rng.weighted(STARTED_BY, STARTED_BY_WEIGHTS),
    greeting: rng.pick(GREETINGS),
    country: rng.weighted(COUNTRIES, COUNTRY_WEIGHTS),
    continuous: rng.chance(0.3),
    pageViews: rng.int(1, 15),
  };
}

/** Queue wait and whether the visitor gave up; busy hours queue more often and longer. */
function drawQueue(rng: Random, startedBy: StartedBy, busy: boolean): { queueWaitMs: number; leftQueue: boolean } {
  const queued = startedBy !== 'agent' && rng.chance(busy ? 0.45 : 0.15);
  const longQueue = queued && rng.chance(0.04);
  let queueWaitMs = 0;
  if (queued)
    queueWaitMs = Math.round(longQueue ? rng.int(10, 30) * MINUTE : rng.exponential(busy ? 90_000 : 40_000)) + 1000;
  return { queueWaitMs, leftQueue: queued && rng.chance(longQueue ? 0.5 : 0.12) };
}

/** The served part of a timeline: responses, active chatting, holds and closing. */
type ServedTimeline = Pick<
  Conversation,
  'reactionSec' | 'firstResponseSec' | 'avgResponseSec' | 'lastMessageAt' | 'closedAt' | 'holdStart' | 'holdEnd'
> & { activeMs: number };

function drawServedTimeline(rng: Random, servedAt: number, queueWaitMs: number, busy: boolean): ServedTimeline {
  const reactionSec = sec3(queueWaitMs / 1000 + 0.2 + rng.exponential(4));
  const answered = rng.chance(0.95);
  const firstResponseSec = answered ? sec3(reactionSec + 2 + rng.exponential(busy ? 45 : 20)) : null;
  const avgResponseSec = answered ? sec3(5 + rng.exponential(busy ? 60 : 30)) : null;
  // Active chatting time; a few conversations then stay open for hours or days (forgotten ones for six days).
  const activeMs = Math.round(2 * MINUTE + rng.exponential(12 * MINUTE));
  const lastMessageAt = servedAt + Math.round(activeMs * 0.9);
  let closedAt = servedAt + activeMs + Math.round(rng.exponential(3 * MINUTE));
  const r = rng.next();
  if (r < 0.005) closedAt = servedAt + MAX_OPEN_MS;
  else if (r < 0.035) closedAt = servedAt + rng.int(2 * 60, 72 * 60) * MINUTE;
  let holdStart = Infinity;
  let holdEnd = Infinity;
  if (rng.chance(0.08)) {
    holdStart = servedAt + Math.round(activeMs * 0.5);
    holdEnd = holdStart + rng.int(10, 240) * MINUTE;
    if (closedAt <= holdEnd) closedAt = holdEnd + rng.int(1, 10) * MINUTE;
  }
  closedAt = Math.min(closedAt, servedAt + MAX_OPEN_MS);
  return { reactionSec, firstResponseSec, avgResponseSec, activeMs, lastMessageAt, closedAt, holdStart, holdEnd };
}

function drawTags(rng: Random, input: SlotInput): string[] {
  const tagCount = rng.weighted(TAG_COUNTS, TAG_COUNT_WEIGHTS);
  const tags: string[] = [];
  for (let i = 0; i < tagCount; i++) {
    const tag = rng.weighted(input.tags, input.tagWeights);
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** Left the queue (or no agent exists): never served, closed when the visitor gave up. */
function unservedConversation(rng: Random, o: Opening, queueWaitMs: number, greetingId: number | null): Conversation {
  const closedAt = o.createdAt + queueWaitMs;
  // Written out in full, in the same key order as a served one, so every conversation has one shape.
  return {
    id: o.id,
    chatId: o.chatId,
    departmentId: o.departmentId,
    groupId: o.groupId,
    createdAt: o.createdAt,
    visitorId: o.visitorId,
    visitorIp: o.visitorIp,
    visitorHasDetails: o.visitorHasDetails,
    agent: null,
    queueWaitMs,
    leftQueue: true,
    servedAt: Infinity,
    holdStart: Infinity,
    holdEnd: Infinity,
    closedAt,
    lastMessageAt: closedAt,
    messages: rng.chance(0.7) ? 1 : 0,
    firstResponseSec: null,
    avgResponseSec: null,
    reactionSec: null,
    agentChattingSec: 0,
    abandoned: false,
    tags: [],
    rating: null,
    startedBy: o.startedBy,
    greetingId,
    country: o.country,
    continuous: o.continuous,
    pageViews: o.pageViews,
    burst: false,
  };
}

/** How a served conversation was served. */
interface Service {
  agent: Agent;
  queueWaitMs: number;
  greetingId: number | null;
  busy: boolean;
}

function servedConversation(rng: Random, input: SlotInput, o: Opening, service: Service): Conversation {
  const { agent, queueWaitMs } = service;
  const servedAt = o.createdAt + queueWaitMs;
  const t = drawServedTimeline(rng, servedAt, queueWaitMs, service.busy);
  const messages = rng.chance(0.02) ? 0 : 2 + Math.round(rng.exponential(10));
  const tags = drawTags(rng, input);
  const rated = rng.chance(0.35);
  const good = rng.chance(0.75);
  return {
    id: o.id,
    chatId: o.chatId,
    departmentId: o.departmentId,
    groupId: o.groupId,
    createdAt: o.createdAt,
    visitorId: o.visitorId,
    visitorIp: o.visitorIp,
    visitorHasDetails: o.visitorHasDetails,
    agent,
    queueWaitMs,
    leftQueue: false,
    servedAt,
    holdStart: t.holdStart,
    holdEnd: t.holdEnd,
    closedAt: t.closedAt,
    lastMessageAt: t.lastMessageAt,
    messages,
    firstResponseSec: t.firstResponseSec,
    avgResponseSec: t.avgResponseSec,
    reactionSec: t.reactionSec,
    agentChattingSec: Math.round(t.activeMs / 1000),
    abandoned: rng.chance(0.08),
    tags,
    rating: rated ? (good ? 'good' : 'bad') : null,
    startedBy: o.startedBy,
    greetingId: service.greetingId,
    country: o.country,
    continuous: o.continuous,
    pageViews: o.pageViews,
    burst: false,
  };
}

function generateConversation(rng: Random, input: SlotInput, createdAt: number, busy: boolean): Conversation {
  // Every field is drawn in a fixed order, whatever the branch, so one slot always yields the same data.
  const opening = drawOpening(rng, input.department, createdAt);
  const { queueWaitMs, leftQueue } = drawQueue(rng, opening.startedBy, busy);
  const agents = input.department.agents;
  const agent = leftQueue || agents.length === 0 ? null : rng.pick(agents);
  const greetingId = opening.startedBy === 'customer_from_greeting' ? opening.greeting : null;
  if (agent === null) return unservedConversation(rng, opening, queueWaitMs, greetingId);
  return servedConversation(rng, input, opening, { agent, queueWaitMs, greetingId, busy });
}
