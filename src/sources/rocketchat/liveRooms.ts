import type { Sample } from '../../metrics/Sample';
import { UpstreamError } from '../../upstream/UpstreamError';
import type { Job, JobContext } from '../Source';
import { ALL_DEPARTMENTS, departmentLabels, type Department } from './Department';
import { rc } from './metrics';
import { requestJson, type RocketChatGet } from './requestJson';

/** A room's state now, as the live gauges count it. */
type RoomState = 'queued' | 'open' | 'onhold';
const STATES: readonly RoomState[] = ['queued', 'open', 'onhold'];

/** What the live room jobs learn about the server and its rooms, kept across cycles. */
export interface LiveRoomsState {
  /** Whether livechat/rooms has `queued` (6.11+); undefined until an answer tells. */
  queuedFilter: boolean | undefined;
  /** When the server last answered that it has no `queued` (epoch ms): asked again an hour later (upgrades). */
  noFilterSince: number;
  /** The last all-departments totals, which size the next cycle's listings. */
  readonly totals: Partial<Record<RoomState, number>>;
  /** Whether the last plan lists rooms (true) or counts them per department (false). */
  listing: boolean | undefined;
}

/** A fresh state: nothing known yet. */
export const createLiveRoomsState = (): LiveRoomsState => ({
  queuedFilter: undefined,
  noFilterSince: 0,
  totals: {},
  listing: undefined,
});

/** How long a server without `queued` is taken at its word before `queued` is tried again. */
const RECHECK_MS = 3_600_000;

/** Whether to ask with `queued`: unless the server said within the hour that it has none. */
const tryQueuedFilter = (state: LiveRoomsState, now: number): boolean =>
  state.queuedFilter !== false || now - state.noFilterSince >= RECHECK_MS;

/** The livechat/rooms route: one limiter budget, needs view-livechat-rooms (checked in its handler). */
export const ROOMS_ROUTE = {
  endpoint: 'livechat-rooms',
  path: '/api/v1/livechat/rooms',
  permission: 'view-livechat-rooms',
} as const;
/** Upstream caps `count` at 100 (API_Upper_Count_Limit). */
const PAGE = 100;
/** 10,000 rooms in one state: beyond that the count queries are cheaper anyway, and listing stops. */
const MAX_PAGES = 100;

/** The fields of a room the gauges need. */
interface Room {
  readonly ts: number | undefined;
  readonly departmentId: string | undefined;
  readonly served: boolean;
}

/** One page of livechat/rooms: its rooms and the `total` of the whole filter. */
async function roomsPage(ctx: JobContext, query: Record<string, string>): Promise<{ rooms: Room[]; total: number }> {
  const get: RocketChatGet = { ...ROOMS_ROUTE, query };
  const body = await requestJson(ctx, get);
  const { rooms, total } = body;
  if (!Array.isArray(rooms) || typeof total !== 'number' || !Number.isInteger(total) || total < 0)
    throw new UpstreamError('parse', 'livechat/rooms: expected {rooms: [...], total}');
  return {
    total,
    rooms: rooms.map((r: unknown) => {
      const { ts, departmentId, servedBy } = (r ?? {}) as Record<string, unknown>;
      const t = typeof ts === 'string' ? Date.parse(ts) : NaN;
      if (!Number.isFinite(t)) ctx.problem(`livechat/rooms: a room without a valid ts (${JSON.stringify(ts)})`);
      return {
        ts: Number.isFinite(t) ? t : undefined,
        departmentId: typeof departmentId === 'string' ? departmentId : undefined,
        served: servedBy !== undefined && servedBy !== null,
      };
    }),
  };
}

/** True for the 400 of a server before 6.11, which has no `queued` filter (docs/upstream/rocketchat.md §11.1). */
function isNoQueuedFilter(err: unknown): boolean {
  return err instanceof UpstreamError && err.status === 400 && /must NOT have additional properties/.test(err.message);
}

/**
 * Whether to list rooms (pages of 100 per state, grouped by department here) rather than count them (count=1
 * queries per department and for all, reading `total`): listing when it needs fewer calls and they fit the route's
 * budget of one live cycle (a listing is only consistent when all its pages are read in one go). Before 6.11 a
 * count needs a listing of the department's open rooms anyway (open=true includes queued rooms there: only
 * servedBy tells them apart), so both cost more.
 */
export function chooseListing(state: LiveRoomsState, departments: number, allowance: number): boolean {
  const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));
  const t = { queued: state.totals.queued ?? 0, open: state.totals.open ?? 0, onhold: state.totals.onhold ?? 0 };
  const legacy = state.queuedFilter === false;
  const list = (legacy ? pages(t.queued + t.open) : pages(t.queued) + pages(t.open)) + pages(t.onhold);
  const count = (legacy ? 2 : 3) * (departments + 1);
  if (list > allowance) return false;
  // A switch drops the other mode's series until the next live cycle: only switch for a clear saving (20 %).
  if (state.listing === undefined) return list < count;
  return state.listing ? list <= count * 1.2 : list * 1.2 < count;
}

/** The samples of one department: a count per state, and the oldest queued room's creation time while one waits. */
function roomSamples(
  labels: Readonly<Record<string, string>>,
  counts: Record<RoomState, number>,
  oldestQueued: number | undefined,
): Sample[] {
  const out: Sample[] = STATES.map((state) => ({
    metric: rc.liveConversations,
    labels: { ...labels, state },
    value: counts[state],
  }));
  if (counts.queued > 0 && oldestQueued !== undefined)
    out.push({ metric: rc.liveOldestQueued, labels: { ...labels }, value: oldestQueued / 1000 });
  return out;
}

/** Every room of one filter, oldest first, page by page until `total` (a room moving meanwhile may be missed). */
async function listAll(ctx: JobContext, filter: Record<string, string>): Promise<Room[]> {
  const out: Room[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = { ...filter, count: String(PAGE), offset: String(out.length), sort: '{"ts":1}' };
    const { rooms, total } = await roomsPage(ctx, query);
    out.push(...rooms);
    if (rooms.length === 0 || out.length >= total) return out;
  }
  throw new UpstreamError(
    'parse',
    `livechat/rooms: more than ${MAX_PAGES * PAGE} rooms with ${JSON.stringify(filter)}`,
  );
}

/**
 * Runs `modern` (which asks with `queued`) unless the server recently said it has no `queued`; on that 400 the
 * state learns it and `legacy` runs instead, in the same job: a server before 6.11 costs one refused call an hour.
 */
async function withQueuedFilter<T>(
  state: LiveRoomsState,
  now: number,
  modern: () => Promise<T>,
  legacy: () => Promise<T>,
): Promise<T> {
  if (tryQueuedFilter(state, now)) {
    try {
      const out = await modern();
      state.queuedFilter = true;
      return out;
    } catch (err) {
      if (!isNoQueuedFilter(err)) throw err;
      state.queuedFilter = false;
      state.noFilterSince = now;
    }
  }
  return legacy();
}

/** Queued (open, no servedBy) and served rooms of a listing of open=true before 6.11. */
function splitLegacyOpen(rooms: readonly Room[]): { queued: Room[]; open: Room[] } {
  return { queued: rooms.filter((r) => !r.served), open: rooms.filter((r) => r.served) };
}

const oldestOf = (rooms: readonly Room[]): number | undefined =>
  rooms.reduce<number | undefined>(
    (min, r) => (r.ts !== undefined && (min === undefined || r.ts < min) ? r.ts : min),
    undefined,
  );

/**
 * Count mode: one job per department (and for all). Since 6.11 three count=1 queries (queued oldest first, so
 * its one room is the longest waiting); before, the department's open rooms are listed and split by servedBy.
 */
export function roomCountJob(dep: Department, state: LiveRoomsState, now: number): Job {
  const scope: Record<string, string> = dep === ALL_DEPARTMENTS ? {} : { departmentId: dep.id };
  return {
    key: `${ROOMS_ROUTE.endpoint}|count|${dep.id}`,
    endpoint: ROOMS_ROUTE.endpoint,
    labels: departmentLabels(dep),
    cycle: 'live',
    async run(ctx) {
      const { queued, open, oldest } = await withQueuedFilter(
        state,
        now,
        async () => {
          const q = await roomsPage(ctx, { ...scope, queued: 'true', count: '1', sort: '{"ts":1}' });
          const o = await roomsPage(ctx, { ...scope, open: 'true', count: '1' });
          return { queued: q.total, open: o.total, oldest: q.rooms[0]?.ts };
        },
        async () => {
          const split = splitLegacyOpen(await listAll(ctx, { ...scope, open: 'true' }));
          return { queued: split.queued.length, open: split.open.length, oldest: oldestOf(split.queued) };
        },
      );
      const onhold = (await roomsPage(ctx, { ...scope, onhold: 'true', count: '1' })).total;
      const counts = { queued, open, onhold };
      if (dep === ALL_DEPARTMENTS) Object.assign(state.totals, counts);
      return roomSamples({}, counts, oldest);
    },
  };
}

/** Per department id (and '' for all), the counts and the oldest queued room. */
type Tally = Map<string, { counts: Record<RoomState, number>; oldest: number | undefined }>;

function tally(into: Tally, key: string, s: RoomState, ts: number | undefined): void {
  let t = into.get(key);
  if (!t) into.set(key, (t = { counts: { queued: 0, open: 0, onhold: 0 }, oldest: undefined }));
  t.counts[s]++;
  if (s === 'queued' && ts !== undefined && (t.oldest === undefined || ts < t.oldest)) t.oldest = ts;
}

/** Every queued, open and on-hold room of the server, by state (before 6.11: open=true split by servedBy). */
async function listByState(ctx: JobContext, state: LiveRoomsState, now: number): Promise<Record<RoomState, Room[]>> {
  const queuedAndOpen = await withQueuedFilter(
    state,
    now,
    async () => ({
      queued: await listAll(ctx, { queued: 'true' }),
      open: await listAll(ctx, { open: 'true' }),
    }),
    async () => splitLegacyOpen(await listAll(ctx, { open: 'true' })),
  );
  return { ...queuedAndOpen, onhold: await listAll(ctx, { onhold: 'true' }) };
}

/**
 * List mode: one job for every department, which reads all queued, open and on-hold rooms and groups them by
 * departmentId. Rooms of departments not polled (none, deleted, not discovered) count only for all.
 */
export function roomListingJob(departments: readonly Department[], state: LiveRoomsState, now: number): Job {
  return {
    key: `${ROOMS_ROUTE.endpoint}|list`,
    endpoint: ROOMS_ROUTE.endpoint,
    labels: {},
    cycle: 'live',
    async run(ctx) {
      const known = new Set(departments.map((d) => d.id));
      const counted: Tally = new Map([['', { counts: { queued: 0, open: 0, onhold: 0 }, oldest: undefined }]]);
      const byState = await listByState(ctx, state, now);
      for (const s of STATES) {
        for (const room of byState[s]) {
          tally(counted, '', s, room.ts);
          if (room.departmentId !== undefined && known.has(room.departmentId))
            tally(counted, room.departmentId, s, room.ts);
        }
      }
      Object.assign(state.totals, counted.get('')!.counts);
      return [ALL_DEPARTMENTS, ...departments].flatMap((d) => {
        const t = counted.get(d === ALL_DEPARTMENTS ? '' : d.id);
        return roomSamples(departmentLabels(d), t?.counts ?? { queued: 0, open: 0, onhold: 0 }, t?.oldest);
      });
    },
  };
}
