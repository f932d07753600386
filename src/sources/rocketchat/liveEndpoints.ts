import type { Job } from '../Source';
import { ALL_DEPARTMENTS, type Department } from './Department';
import { AGENTS_ROUTE, agentsJob } from './liveAgents';
import { CONFIG_ROUTE, departmentOnlineJob } from './liveDepartmentOnline';
import { chooseListing, ROOMS_ROUTE, roomCountJob, roomListingJob, type LiveRoomsState } from './liveRooms';

/** What a live endpoint plans its jobs from. */
export interface LivePlan {
  /** The polled departments (discovered or configured), without the all-departments aggregate. */
  readonly departments: readonly Department[];
  readonly rooms: LiveRoomsState;
  /** livechat/rooms calls the target's budget allows per live interval (Infinity when unlimited). */
  readonly roomsAllowance: number;
  /** The plan's instant (epoch ms). */
  readonly now: number;
}

/**
 * One Rocket.Chat live-state route, polled on the target's live_schedule (`cycle: 'live'`). Its name is the config
 * key, the `endpoint` label and the request budget's bucket, so it is one per upstream route: Rocket.Chat limits
 * each route on its own (docs/upstream/rocketchat.md §9). Unlike a dashboard (ENDPOINTS: one request per department
 * and window), a live route plans its own jobs, since the cheapest call pattern depends on the route.
 */
export interface LiveEndpoint {
  readonly name: string;
  readonly path: string;
  readonly cycle: 'live';
  /** Off unless the target enables it. */
  readonly optIn: boolean;
  jobs(plan: LivePlan): Job[];
}

/** Every live route the exporter reads, in exposition order. */
export const LIVE_ENDPOINTS: readonly LiveEndpoint[] = [
  {
    name: ROOMS_ROUTE.endpoint,
    path: ROOMS_ROUTE.path,
    cycle: 'live',
    optIn: false,
    jobs(p) {
      p.rooms.listing = chooseListing(p.rooms, p.departments.length, p.roomsAllowance);
      if (p.rooms.listing) return [roomListingJob(p.departments, p.rooms, p.now)];
      return [ALL_DEPARTMENTS, ...p.departments].map((d) => roomCountJob(d, p.rooms, p.now));
    },
  },
  {
    name: AGENTS_ROUTE.endpoint,
    path: AGENTS_ROUTE.path,
    cycle: 'live',
    optIn: false,
    jobs: (p) => [agentsJob(p.departments)],
  },
  {
    name: CONFIG_ROUTE.endpoint,
    path: CONFIG_ROUTE.path,
    cycle: 'live',
    optIn: false,
    jobs: (p) => [ALL_DEPARTMENTS, ...p.departments].map(departmentOnlineJob),
  },
];
