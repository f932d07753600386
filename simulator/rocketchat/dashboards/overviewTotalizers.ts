import { conversationStateAt, hasRespondedAt, messagesAt } from '../../world/conversationStateAt';
import type { World } from '../../world/createWorld';
import { HOUR_MS } from '../../world/createZone';
import type { Agent } from '../../world/types';
import { expandDayWindow } from '../expandDayWindow';
import { secondsToHHMMSS } from '../secondsToHHMMSS';
import { addToDepartment, ceilAverages, mean, perDepartmentMean, type SumsByDepartment } from './averages';
import {
  departmentAgents,
  eachConversation,
  exactWindow,
  type DashboardBody,
  type DashboardQuery,
} from './DashboardQuery';

/** The conversation counts both overview totalizers share, over the day-expanded window. */
interface Overview {
  total: number;
  open: number;
  onHold: number;
  messages: number;
  busiestTime: string;
}

/** "2PM", "12AM": moment's 'hA' format. */
function hourLabel(hour: number): string {
  const h = ((hour % 24) + 24) % 24;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}${h < 12 ? 'AM' : 'PM'}`;
}

/** "2PM - 3PM": the hour with the most new rooms on the day with the most messages; "-" without any. */
function busiestTime(messagesPerDay: Map<number, number>, roomsPerDayHour: Map<number, number[]>): string {
  let busiestDay: number | undefined;
  let max = 0;
  for (const [day, m] of [...messagesPerDay].sort((a, b) => a[0] - b[0])) {
    if (m > max) {
      max = m;
      busiestDay = day;
    }
  }
  if (busiestDay === undefined) return '-';
  const hours = roomsPerDayHour.get(busiestDay) ?? [];
  let best = -1,
    bestCount = 0;
  hours.forEach((n, h) => {
    if (n > bestCount) {
      bestCount = n;
      best = h;
    }
  });
  return best >= 0 ? `${hourLabel(best)} - ${hourLabel(best + 1)}` : '-';
}

function overviewConversations(world: World, q: DashboardQuery): Overview {
  const zone = world.zone;
  const { from, to } = expandDayWindow(q.start, q.end, zone);
  const now = world.now();
  const o = { total: 0, open: 0, onHold: 0, messages: 0 };
  const messagesPerDay = new Map<number, number>();
  const roomsPerDayHour = new Map<number, number[]>();
  eachConversation(world, from, to, q.departmentId, (c) => {
    o.total++;
    const state = conversationStateAt(c, now);
    if (state === 'queued' || state === 'open') o.open++;
    if (state === 'onhold' && c.createdAt < to) o.onHold++;
    // $unwind with preserveNullAndEmptyArrays + $sum: 1 counts a room without messages as 1.
    const m = Math.max(1, messagesAt(c, now));
    o.messages += m;
    const day = zone.localDayIndex(c.createdAt);
    messagesPerDay.set(day, (messagesPerDay.get(day) ?? 0) + m);
    let hours = roomsPerDayHour.get(day);
    if (!hours) roomsPerDayHour.set(day, (hours = new Array<number>(24).fill(0)));
    const hour = zone.localHour(c.createdAt);
    hours[hour] = (hours[hour] ?? 0) + 1;
  });
  return { ...o, busiestTime: busiestTime(messagesPerDay, roomsPerDayHour) };
}

/** Seconds `agent` was available on [dayStart, dayEnd), hour by hour. */
function availableSeconds(world: World, agent: Agent, dayStart: number, dayEnd: number): number {
  let seconds = 0;
  for (let h = Math.floor(dayStart / HOUR_MS) * HOUR_MS; h < dayEnd; h += HOUR_MS) {
    if (world.agentStatus(agent, h) !== 'available') continue;
    seconds += (Math.min(h + HOUR_MS, dayEnd) - Math.max(h, dayStart)) / 1000;
  }
  return seconds;
}

/** Avg_of_available_service_time: only the (server-local) calendar day of `start`; end is ignored. */
function availableServiceTime(world: World, q: DashboardQuery): number {
  const zone = world.zone;
  const day = zone.localDayIndex(Date.parse(q.start));
  const dayStart = zone.startOfLocalDay(day);
  const dayEnd = Math.min(zone.startOfLocalDay(day + 1), world.now());
  const availabilities: number[] = [];
  for (const agent of departmentAgents(world, q.departmentId)) {
    const seconds = availableSeconds(world, agent, dayStart, dayEnd);
    if (seconds > 0) availabilities.push(seconds);
  }
  return mean(availabilities);
}

/** Avg_of_service_time: per department, from serving to the last agent message of answered rooms. */
function serviceTimes(world: World, q: DashboardQuery): Map<string, number> {
  const now = world.now();
  const { from, to } = exactWindow(q);
  const perDept: SumsByDepartment = new Map();
  eachConversation(world, from, to, q.departmentId, (c) => {
    if (c.agent === null || now < c.servedAt || !hasRespondedAt(c, now)) return;
    addToDepartment(perDept, c.departmentId, (Math.min(c.lastMessageAt, now) - c.servedAt) / 1000);
  });
  return ceilAverages(perDept);
}

/** conversation-totalizers: rooms, open and on-hold rooms, messages and visitors. */
export function conversationTotalizers(world: World, q: DashboardQuery): DashboardBody {
  const o = overviewConversations(world, q);
  const { from, to } = exactWindow(q);
  const visitors = new Set<string>();
  // Total_visitors: exact [start, end) on the visitor's last activity (approximated by chat creation).
  eachConversation(world, from, to, q.departmentId, (c) => {
    if (c.createdAt < to) visitors.add(c.visitorId);
  });
  return {
    totalizers: [
      { title: 'Total_conversations', value: o.total },
      { title: 'Open_conversations', value: o.open },
      { title: 'On_Hold_conversations', value: o.onHold },
      { title: 'Total_messages', value: o.messages },
      { title: 'Total_visitors', value: visitors.size },
    ],
  };
}

/** agents-productivity-totalizers: busiest time, average available time and average service time. */
export function agentsProductivityTotalizers(world: World, q: DashboardQuery): DashboardBody {
  const o = overviewConversations(world, q);
  return {
    totalizers: [
      { title: 'Busiest_time', value: o.busiestTime },
      { title: 'Avg_of_available_service_time', value: secondsToHHMMSS(availableServiceTime(world, q)) },
      { title: 'Avg_of_service_time', value: secondsToHHMMSS(perDepartmentMean(serviceTimes(world, q))) },
    ],
  };
}
