import type { World } from '../../world/createWorld';
import { HOUR_MS } from '../../world/createZone';
import type { Agent, Conversation } from '../../world/types';
import type { ReportMethod } from '../LiveChatVersion';
import type { ReportRequest } from '../parseReportRequest';
import { createBucketer } from './createBucketer';
import { createChatFilter } from './createChatFilter';
import type { ReportBody } from './reportFields';

/** Per-bucket records of a report, and the accumulators behind them (for its total). */
interface Bucketed<A> {
  records: Record<string, unknown>;
  accs: A[];
}

/** What every report computes from: the world, the validated request, and the ways to walk its chats and hours. */
export interface ReportScope {
  readonly world: World;
  readonly req: ReportRequest;
  /** Calls `fn` for each matching chat: served and started by now, or every conversation with `includeUnserved`. */
  eachChat(fn: (c: Conversation) => void, includeUnserved?: boolean): void;
  /** Buckets of the request's distribution, all present (empty as {}): `add` fills one accumulator per bucket. */
  bucketed<A>(
    init: () => A,
    add: (acc: A, c: Conversation) => void,
    finish: (acc: A) => Record<string, unknown>,
    includeUnserved?: boolean,
  ): Bucketed<A>;
  /** The agents the groups and agents filters select. */
  selectedAgents(): Agent[];
  /** Calls `fn` with the seconds of [from, min(to, now)] that fall in each UTC hour, for availability accounting. */
  eachHour(fn: (hourStart: number, seconds: number, at: number) => void): void;
}

/** One report: its body computed from the scope. */
export type Report = (scope: ReportScope) => ReportBody;

/** Reports by method; each family of reports exports one. */
export type ReportTable = Partial<Record<ReportMethod, Report>>;

/** Department ids to scan for a groups filter (undefined = all); avoids generating unwanted groups. */
function departmentIds(world: World, req: ReportRequest): string[] | undefined {
  const values = req.groups?.values;
  if (!values) return undefined;
  return world
    .departments()
    .filter((d) => values.includes(d.groupId))
    .map((d) => d.id);
}

function eachChat(world: World, req: ReportRequest, fn: (c: Conversation) => void, includeUnserved = false): void {
  const now = world.now();
  const match = createChatFilter(req);
  world.forEachConversation(req.from, req.to, departmentIds(world, req), (c) => {
    if (!includeUnserved && (c.agent === null || c.servedAt > now)) return;
    if (match(c)) fn(c);
  });
}

function bucketed<A>(
  world: World,
  req: ReportRequest,
  init: () => A,
  add: (acc: A, c: Conversation) => void,
  finish: (acc: A) => Record<string, unknown>,
  includeUnserved = false,
): Bucketed<A> {
  const b = createBucketer(req.distribution, req.zone, req.from, req.to);
  const accs = new Map<string, A>();
  const addChat = (c: Conversation): void => {
    const key = b.keyOf(c.createdAt);
    let acc = accs.get(key);
    if (acc === undefined) accs.set(key, (acc = init()));
    add(acc, c);
  };
  eachChat(world, req, addChat, includeUnserved);
  const records: Record<string, unknown> = {};
  for (const key of b.keys()) {
    const acc = accs.get(key);
    records[key] = acc === undefined ? {} : finish(acc);
  }
  return { records, accs: [...accs.values()] };
}

function selectedAgents(world: World, req: ReportRequest): Agent[] {
  const deps = departmentIds(world, req);
  let agents = world.agents().filter((a) => deps === undefined || deps.includes(a.departmentId));
  const f = req.agents;
  if (f?.values) agents = agents.filter((a) => f.values?.includes(a.email));
  if (f?.exclude) agents = agents.filter((a) => !f.exclude?.includes(a.email));
  if (f?.exists === false) agents = [];
  return agents;
}

function eachHour(
  world: World,
  req: ReportRequest,
  fn: (hourStart: number, seconds: number, at: number) => void,
): void {
  const end = Math.min(req.to, world.now());
  for (let h = Math.floor(req.from / HOUR_MS) * HOUR_MS; h <= end; h += HOUR_MS) {
    const lo = Math.max(h, req.from);
    const hi = Math.min(h + HOUR_MS, end);
    if (hi > lo) fn(h, (hi - lo) / 1000, lo);
  }
}

/** Creates the scope of one report request over `world`. */
export function createReportScope(deps: { world: World; req: ReportRequest }): ReportScope {
  const { world, req } = deps;
  return {
    world,
    req,
    eachChat: (fn, includeUnserved) => eachChat(world, req, fn, includeUnserved),
    bucketed: (init, add, finish, includeUnserved) => bucketed(world, req, init, add, finish, includeUnserved),
    selectedAgents: () => selectedAgents(world, req),
    eachHour: (fn) => eachHour(world, req, fn),
  };
}
