import { scheduleIntervalMs } from '../../config/scheduleIntervalMs';
import type { TargetConfig } from '../../config/types';
import type { Logger } from '../../log/Logger';
import type { Sample } from '../../metrics/Sample';
import { computeWindow } from '../../upstream/computeWindow';
import { formatLocalInstant } from '../../upstream/formatLocalInstant';
import type { SourceDeps } from '../SourceKind';
import type { BackgroundTask, Job, JobContext, Source } from '../Source';
import { decodeRocketChatError } from './decodeRocketChatError';
import { ALL_DEPARTMENTS, departmentLabels, type Department } from './Department';
import { discoverDepartments } from './discoverDepartments';
import { ENDPOINTS, type ParseContext, type RocketChatEndpoint } from './endpoints';
import { LIVE_ENDPOINTS } from './liveEndpoints';
import { createLiveRoomsState, type LiveRoomsState } from './liveRooms';
import { rc } from './metrics';
import type { RocketChatOptions } from './readRocketChatOptions';
import { requestJson } from './requestJson';

/**
 * The departments discovery found, less one whose id clashes with the
 * aggregate's; logs what changed since `current` (debug), or the first list.
 */
function adoptDiscovered(
  found: Department[],
  current: readonly Department[],
  first: boolean,
  log: Logger,
): Department[] {
  if (found.some((d) => d.id === ALL_DEPARTMENTS.id))
    log.warn('department id "all" clashes with the aggregate label and is skipped');
  const next = found.filter((d) => d.id !== ALL_DEPARTMENTS.id);
  const before = new Set(current.map((d) => d.id));
  const added = next.filter((d) => !before.has(d.id)).length;
  const removed = before.size - (next.length - added);
  if (added > 0 || removed > 0 || first)
    log.debug('departments discovered', { departments: next.length, added, removed });
  return next;
}

/** The analytics jobs of one dashboard endpoint: per department (or only for all) × window. */
function dashboardJobs(
  ep: RocketChatEndpoint,
  departments: readonly Department[],
  target: TargetConfig,
  bounds: ReadonlyMap<unknown, { start: string; end: string }>,
  parseContext: (ctx: JobContext) => ParseContext,
): Job[] {
  const jobs: Job[] = [];
  const deps = ep.scope === 'department' ? [ALL_DEPARTMENTS, ...departments] : [ALL_DEPARTMENTS];
  for (const dep of deps) {
    for (const w of ep.windowed ? target.windows : [undefined]) {
      const query: Record<string, string> = w ? { ...bounds.get(w)! } : {};
      if (dep !== ALL_DEPARTMENTS) query.departmentId = dep.id;
      const labels: Record<string, string> = ep.scope === 'department' ? departmentLabels(dep) : {};
      if (w) labels.window = w.label;
      jobs.push({
        key: `${ep.name}|${dep.id}|${w?.label ?? ''}`,
        endpoint: ep.name,
        labels,
        run: async (ctx) =>
          ep.parse(
            await requestJson(ctx, { endpoint: ep.name, path: ep.path, query, permission: ep.permission }),
            parseContext(ctx),
          ),
      });
    }
  }
  return jobs;
}

/**
 * Each window's bounds, once per plan (the timezone math is the costly part of planning), written in the target's
 * zone so the date newest servers read off the front is the local one (docs/upstream/rocketchat.md §7.3).
 */
function windowBounds(now: number, target: TargetConfig): Map<unknown, { start: string; end: string }> {
  return new Map(
    target.windows.map((w) => {
      const { start, end } = computeWindow(now, w, target);
      const local = (d: Date) => formatLocalInstant(d.getTime(), target.timezone);
      return [w, { start: local(start), end: local(end) }] as const;
    }),
  );
}

/** livechat/rooms calls per live interval the budget allows: its share of one live cycle (Infinity when unlimited). */
function roomsAllowance(target: TargetConfig): number {
  if (target.budget === 'unlimited') return Infinity;
  const interval = scheduleIntervalMs(target.liveSchedule, target.timezone) ?? target.budget.perMs;
  return Math.max(1, Math.floor((target.budget.requests * interval) / target.budget.perMs));
}

/** What the server is (queued filter) and how the rooms are read (listing), once known. */
function liveTargetSamples(rooms: LiveRoomsState): Sample[] {
  const out: Sample[] = [];
  if (rooms.queuedFilter !== undefined)
    out.push({ metric: rc.roomsQueuedFilter, labels: {}, value: rooms.queuedFilter ? 1 : 0 });
  if (rooms.listing !== undefined) out.push({ metric: rc.roomsListing, labels: {}, value: rooms.listing ? 1 : 0 });
  return out;
}

/**
 * Builds the Rocket.Chat source of one target: the windowed dashboards (one job per endpoint × department ×
 * window, on `schedule`) and the live state (livechat/rooms, users/agent, config, on `live_schedule`).
 */
export function createRocketChatSource(target: TargetConfig<RocketChatOptions>, deps: SourceDeps): Source {
  const o = target.options;
  let departments: readonly Department[] = o.departments.mode === 'list' ? o.departments.list : [];
  let discovered: number | undefined;
  const log = deps.logger.child({ target: target.name });
  const rooms = createLiveRoomsState();
  const allowance = roomsAllowance(target);

  const parseContext = (ctx: JobContext): ParseContext => ({
    departmentIdByName: (name) => departments.find((d) => d.name === name)?.id,
    warn: (message) => ctx.problem(message),
  });

  const tasks: BackgroundTask[] = [];
  if (o.departments.mode === 'discover') {
    const settings = o.departments;
    tasks.push({
      name: 'department-discovery',
      schedule: settings.schedule,
      endpoint: 'livechat-department',
      run: async (ctx) => {
        const found = await discoverDepartments(ctx, { includeDisabled: settings.includeDisabled });
        departments = adoptDiscovered(found, departments, discovered === undefined, log);
        discovered = found.length;
      },
    });
  }
  return {
    tasks,
    requestHeaders: () => ({ 'X-User-Id': o.userId.reveal(), 'X-Auth-Token': o.token.reveal() }),
    credentialHeaders: ['x-user-id', 'x-auth-token'],
    decodeError: decodeRocketChatError,
    targetSamples: (): Sample[] => [
      ...(discovered === undefined ? [] : [{ metric: rc.departments, labels: {}, value: discovered }]),
      ...liveTargetSamples(rooms),
    ],
    plan(now: number): Job[] {
      const bounds = windowBounds(now, target);
      const jobs = ENDPOINTS.filter((ep) => o.endpoints.has(ep.name)).flatMap((ep) =>
        dashboardJobs(ep, departments, target, bounds, parseContext),
      );
      const live = { departments, rooms, roomsAllowance: allowance, now };
      for (const ep of LIVE_ENDPOINTS) if (o.endpoints.has(ep.name)) jobs.push(...ep.jobs(live));
      return jobs;
    },
  };
}
