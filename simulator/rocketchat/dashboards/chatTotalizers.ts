import { hasRespondedAt } from '../../world/conversationStateAt';
import type { World } from '../../world/createWorld';
import { expandDayWindow } from '../expandDayWindow';
import { secondsToHHMMSS } from '../secondsToHHMMSS';
import { addToDepartment, ceilAverages, mean, perDepartmentMean, type SumsByDepartment } from './averages';
import { eachConversation, exactWindow, type DashboardBody, type DashboardQuery } from './DashboardQuery';

const NO_GROUP = '\u0000none';

/** chats-totalizers: abandoned chats, their share per department, and the average chat duration. */
export function chatsTotalizers(world: World, q: DashboardQuery): DashboardBody {
  const { from, to } = exactWindow(q);
  const now = world.now();
  const groups = new Map<string, { rooms: number; abandoned: number; duration: number }>();
  let abandonedTotal = 0;
  eachConversation(world, from, to, q.departmentId, (c) => {
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
}

/** productivity-totalizers: average response, first response and reaction times, and the waiting time. */
export function productivityTotalizers(world: World, q: DashboardQuery): DashboardBody {
  const now = world.now();
  const day = expandDayWindow(q.start, q.end, world.zone);
  const response: number[] = [],
    first: number[] = [],
    reaction: number[] = [];
  eachConversation(world, day.from, day.to, q.departmentId, (c) => {
    if (!hasRespondedAt(c, now)) return;
    response.push(c.avgResponseSec ?? 0);
    first.push(c.firstResponseSec ?? 0);
    reaction.push(c.reactionSec ?? 0);
  });
  const { from, to } = exactWindow(q);
  const perDept: SumsByDepartment = new Map();
  eachConversation(world, from, to, q.departmentId, (c) => {
    if (!hasRespondedAt(c, now)) return; // waitingResponse rooms are excluded
    addToDepartment(perDept, c.departmentId, c.firstResponseSec ?? 0);
  });
  return {
    totalizers: [
      { title: 'Avg_response_time', value: secondsToHHMMSS(mean(response)) },
      { title: 'Avg_first_response_time', value: secondsToHHMMSS(mean(first)) },
      { title: 'Avg_reaction_time', value: secondsToHHMMSS(mean(reaction)) },
      { title: 'Avg_of_waiting_time', value: secondsToHHMMSS(perDepartmentMean(ceilAverages(perDept))) },
    ],
  };
}
