import { conversationStateAt, hasRespondedAt, messagesAt } from '../world/conversationStateAt';
import type { World } from '../world/createWorld';
import { HOUR_MS } from '../world/createZone';
import type { Conversation } from '../world/types';
import { expandDayWindow } from './expandDayWindow';
import { secondsToHHMMSS } from './secondsToHHMMSS';

/** Validated query of a dashboard endpoint (raw strings, as newest builds pass them on). */
export interface DashboardQuery {
  start: string;
  end: string;
  /** Already normalised: undefined for absent, empty or the literal "undefined". */
  departmentId?: string;
}

/** Body of a dashboard endpoint before `success: true` is appended. */
export type DashboardBody = Record<string, unknown>;

/** Computes the nine Rocket.Chat dashboard responses from the world at the current clock time. */
export interface DashboardMetrics {
  conversationTotalizers(q: DashboardQuery): DashboardBody;
  agentsProductivityTotalizers(q: DashboardQuery): DashboardBody;
  chatsTotalizers(q: DashboardQuery): DashboardBody;
  productivityTotalizers(q: DashboardQuery): DashboardBody;
  chats(q: DashboardQuery): DashboardBody;
  chatsPerAgent(q: DashboardQuery): DashboardBody;
  agentsStatus(departmentId: string | undefined): DashboardBody;
  chatsPerDepartment(q: DashboardQuery): DashboardBody;
  timings(q: DashboardQuery): DashboardBody;
}

/** "2PM", "12AM": moment's 'hA' format. */
function hourLabel(hour: number): string {
  const h = ((hour % 24) + 24) % 24;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}${h < 12 ? 'AM' : 'PM'}`;
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const NO_GROUP = '\u0000none';

/** Creates the dashboard computations over `world` (reporting timezone = world.zone). */
export function createDashboardMetrics(deps: { world: World }): DashboardMetrics {
  const { world } = deps;
  const zone = world.zone;
  const idsOf = (departmentId: string | undefined): string[] | undefined =>
    departmentId === undefined ? undefined : [departmentId];
  const each = (from: number, to: number, departmentId: string | undefined, fn: (c: Conversation) => void): void =>
    world.forEachConversation(from, to, idsOf(departmentId), fn);
  const exact = (q: DashboardQuery): { from: number; to: number } => ({
    from: Date.parse(q.start),
    to: Date.parse(q.end),
  });
  /**
   * Unweighted mean of per-department values: how RC averages when no departmentId is given
   * (docs/upstream/rocketchat.md §7.5).
   */
  const perDepartmentMean = (groups: Map<string, number>): number => mean([...groups.values()]);

  function overviewConversations(q: DashboardQuery): {
    total: number;
    open: number;
    onHold: number;
    messages: number;
    busiestTime: string;
  } {
    const { from, to } = expandDayWindow(q.start, q.end, zone);
    const now = world.now();
    let total = 0,
      open = 0,
      onHold = 0,
      messages = 0;
    const messagesPerDay = new Map<number, number>();
    const roomsPerDayHour = new Map<number, number[]>();
    each(from, to, q.departmentId, (c) => {
      total++;
      const state = conversationStateAt(c, now);
      if (state === 'queued' || state === 'open') open++;
      if (state === 'onhold' && c.createdAt < to) onHold++;
      // $unwind with preserveNullAndEmptyArrays + $sum: 1 counts a room without messages as 1.
      const m = Math.max(1, messagesAt(c, now));
      messages += m;
      const day = zone.localDayIndex(c.createdAt);
      messagesPerDay.set(day, (messagesPerDay.get(day) ?? 0) + m);
      let hours = roomsPerDayHour.get(day);
      if (!hours) roomsPerDayHour.set(day, (hours = new Array<number>(24).fill(0)));
      const hour = zone.localHour(c.createdAt);
      hours[hour] = (hours[hour] ?? 0) + 1;
    });
    let busiestDay: number | undefined;
    let max = 0;
    for (const [day, m] of [...messagesPerDay].sort((a, b) => a[0] - b[0])) {
      if (m > max) {
        max = m;
        busiestDay = day;
      }
    }
    let busiestTime = '-';
    if (busiestDay !== undefined) {
      const hours = roomsPerDayHour.get(busiestDay) ?? [];
      let best = -1,
        bestCount = 0;
      hours.forEach((n, h) => {
        if (n > bestCount) {
          bestCount = n;
          best = h;
        }
      });
      if (best >= 0) busiestTime = `${hourLabel(best)} - ${hourLabel(best + 1)}`;
    }
    return { total, open, onHold, messages, busiestTime };
  }

  return {
    conversationTotalizers(q) {
      const o = overviewConversations(q);
      const { from, to } = exact(q);
      const visitors = new Set<string>();
      // Total_visitors: exact [start, end) on the visitor's last activity (approximated by chat creation).
      each(from, to, q.departmentId, (c) => {
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
    },

    agentsProductivityTotalizers(q) {
      const o = overviewConversations(q);
      const now = world.now();
      // Avg_of_available_service_time: only the (server-local) calendar day of `start`; end is ignored.
      const day = zone.localDayIndex(Date.parse(q.start));
      const dayStart = zone.startOfLocalDay(day);
      const dayEnd = Math.min(zone.startOfLocalDay(day + 1), now);
      const availabilities: number[] = [];
      const agents =
        q.departmentId === undefined
          ? world.agents()
          : (world.departments().find((d) => d.id === q.departmentId)?.agents ?? []);
      for (const agent of agents) {
        let seconds = 0;
        for (let h = Math.floor(dayStart / HOUR_MS) * HOUR_MS; h < dayEnd; h += HOUR_MS) {
          if (world.agentStatus(agent, h) !== 'available') continue;
          seconds += (Math.min(h + HOUR_MS, dayEnd) - Math.max(h, dayStart)) / 1000;
        }
        if (seconds > 0) availabilities.push(seconds);
      }
      const { from, to } = exact(q);
      const perDept = new Map<string, { sum: number; n: number }>();
      each(from, to, q.departmentId, (c) => {
        if (c.agent === null || now < c.servedAt || !hasRespondedAt(c, now)) return;
        const g = perDept.get(c.departmentId) ?? { sum: 0, n: 0 };
        g.sum += (Math.min(c.lastMessageAt, now) - c.servedAt) / 1000;
        g.n++;
        perDept.set(c.departmentId, g);
      });
      const serviceAverages = new Map([...perDept].map(([k, g]) => [k, Math.ceil(g.sum / g.n)]));
      return {
        totalizers: [
          { title: 'Busiest_time', value: o.busiestTime },
          { title: 'Avg_of_available_service_time', value: secondsToHHMMSS(mean(availabilities)) },
          { title: 'Avg_of_service_time', value: secondsToHHMMSS(perDepartmentMean(serviceAverages)) },
        ],
      };
    },

    chatsTotalizers(q) {
      const { from, to } = exact(q);
      const now = world.now();
      const groups = new Map<string, { rooms: number; abandoned: number; duration: number }>();
      let abandonedTotal = 0;
      each(from, to, q.departmentId, (c) => {
        if (c.closedAt > now || c.closedAt > to) return;
        const key = c.departmentId || NO_GROUP;
        const g = groups.get(key) ?? { rooms: 0, abandoned: 0, duration: 0 };
        g.rooms++;
        g.duration += (c.closedAt - c.createdAt) / 1000;
        if (c.abandoned && c.agent !== null) {
          g.abandoned++;
          abandonedTotal++;
        }
        groups.set(key, g);
      });
      const percentages = new Map([...groups].map(([k, g]) => [k, Math.floor((g.abandoned * 100) / g.rooms)]));
      const durations = new Map([...groups].map(([k, g]) => [k, Math.ceil(g.duration / g.rooms)]));
      return {
        totalizers: [
          { title: 'Total_abandoned_chats', value: abandonedTotal },
          { title: 'Avg_of_abandoned_chats', value: `${perDepartmentMean(percentages)}%` },
          { title: 'Avg_of_chat_duration_time', value: secondsToHHMMSS(perDepartmentMean(durations)) },
        ],
      };
    },

    productivityTotalizers(q) {
      const now = world.now();
      const day = expandDayWindow(q.start, q.end, zone);
      const response: number[] = [],
        first: number[] = [],
        reaction: number[] = [];
      each(day.from, day.to, q.departmentId, (c) => {
        if (!hasRespondedAt(c, now)) return;
        response.push(c.avgResponseSec ?? 0);
        first.push(c.firstResponseSec ?? 0);
        reaction.push(c.reactionSec ?? 0);
      });
      const { from, to } = exact(q);
      const perDept = new Map<string, { sum: number; n: number }>();
      each(from, to, q.departmentId, (c) => {
        if (!hasRespondedAt(c, now)) return; // waitingResponse rooms are excluded
        const g = perDept.get(c.departmentId) ?? { sum: 0, n: 0 };
        g.sum += c.firstResponseSec ?? 0;
        g.n++;
        perDept.set(c.departmentId, g);
      });
      const waiting = new Map([...perDept].map(([k, g]) => [k, Math.ceil(g.sum / g.n)]));
      return {
        totalizers: [
          { title: 'Avg_response_time', value: secondsToHHMMSS(mean(response)) },
          { title: 'Avg_first_response_time', value: secondsToHHMMSS(mean(first)) },
          { title: 'Avg_reaction_time', value: secondsToHHMMSS(mean(reaction)) },
          { title: 'Avg_of_waiting_time', value: secondsToHHMMSS(perDepartmentMean(waiting)) },
        ],
      };
    },

    chats(q) {
      const { from, to } = exact(q);
      const now = world.now();
      const r = { open: 0, closed: 0, queued: 0, onhold: 0 };
      each(from, to, q.departmentId, (c) => {
        const state = conversationStateAt(c, now);
        if (state === 'onhold') {
          if (c.createdAt < to) r.onhold++;
        } else if (state === 'queued') r.queued++;
        else if (state === 'open') r.open++;
        else r.closed++;
      });
      return r;
    },

    chatsPerAgent(q) {
      const { from, to } = exact(q);
      const now = world.now();
      const open = new Map<string, number>(),
        closed = new Map<string, number>(),
        onhold = new Map<string, number>();
      const inc = (m: Map<string, number>, k: string): void => {
        m.set(k, (m.get(k) ?? 0) + 1);
      };
      each(from, to, q.departmentId, (c) => {
        if (c.agent === null) return;
        const state = conversationStateAt(c, now);
        if (state === 'open') inc(open, c.agent.username);
        else if (state === 'closed' && c.closedAt <= to) inc(closed, c.agent.username);
      });
      // The on-hold query has no time window: every currently on-hold room counts.
      each(world.retentionStart(), now, q.departmentId, (c) => {
        if (c.agent !== null && conversationStateAt(c, now) === 'onhold') inc(onhold, c.agent.username);
      });
      // Mirrors RC's merge: open -> {open, closed:0, onhold:0}; closed overwrites with {open, closed};
      // on-hold is spread back in. So each key is optional.
      const result = Object.create(null) as Record<string, Record<string, number>>;
      for (const [u, n] of open) result[u] = { open: n, closed: 0, onhold: 0 };
      for (const [u, n] of closed) result[u] = { open: result[u]?.open ?? 0, closed: n };
      for (const [u, n] of onhold) result[u] = { ...result[u], onhold: n };
      return result;
    },

    agentsStatus(departmentId) {
      const agents =
        departmentId === undefined
          ? world.agents()
          : (world.departments().find((d) => d.id === departmentId)?.agents ?? []);
      // An empty $group result makes the endpoint answer only {success: true}.
      if (agents.length === 0) return {};
      const r = { _id: null, offline: 0, away: 0, busy: 0, available: 0 };
      for (const a of agents) r[world.agentStatus(a)]++;
      return r;
    },

    chatsPerDepartment(q) {
      const { from, to } = exact(q);
      const now = world.now();
      const perDept = new Map<string, { open: number; closed: number }>();
      each(from, to, q.departmentId, (c) => {
        const g = perDept.get(c.departmentId) ?? { open: 0, closed: 0 };
        if (conversationStateAt(c, now) === 'closed') g.closed++;
        else g.open++;
        perDept.set(c.departmentId, g);
      });
      // Keyed by department *name*; a null-prototype object so "__proto__" is an ordinary key.
      const result = Object.create(null) as Record<string, { open: number; closed: number }>;
      for (const [id, g] of perDept) {
        const name = world.departments().find((d) => d.id === id)?.name ?? 'undefined';
        result[name] = g;
      }
      return result;
    },

    timings(q) {
      const { from, to } = exact(q);
      const now = world.now();
      const resp: number[] = [],
        react: number[] = [],
        dur: number[] = [];
      let respLongest = 0,
        reactLongest = 0,
        durLongest = 0;
      each(from, to, q.departmentId, (c) => {
        if (hasRespondedAt(c, now)) {
          resp.push(c.avgResponseSec ?? 0);
          respLongest = Math.max(respLongest, c.firstResponseSec ?? 0);
        }
        if (c.reactionSec !== null && now >= c.createdAt + c.reactionSec * 1000) {
          react.push(c.reactionSec);
          reactLongest = Math.max(reactLongest, c.reactionSec);
        }
        if (c.closedAt <= now) {
          const d = (c.closedAt - c.createdAt) / 1000;
          dur.push(d);
          durLongest = Math.max(durLongest, d);
        }
      });
      return {
        response: { avg: Math.trunc(mean(resp)), longest: respLongest },
        reaction: { avg: Math.trunc(mean(react)), longest: reactLongest },
        chatDuration: { avg: Math.trunc(mean(dur)), longest: durLongest },
      };
    },
  };
}
