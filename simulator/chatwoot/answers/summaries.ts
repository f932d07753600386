import { assigneeAt, messagesBy, type ChatwootConversation, type ReportingEvent } from '../chatwootConversation';
import type { ChatwootHistory } from '../createChatwootHistory';

/** A window [since, until) in epoch ms, or null when since or until was missing (Chatwoot's nil range). */
export type Range = { readonly since: number; readonly until: number } | null;

/** Sums behind one row of a summary. */
interface Acc {
  conversations: number;
  resolved: number;
  sums: Record<string, number>;
  counts: Record<string, number>;
}

const newAcc = (): Acc => ({ conversations: 0, resolved: 0, sums: {}, counts: {} });
const inRange = (t: number, r: Range): boolean => r !== null && t >= r.since && t < r.until;
const mean = (a: Acc, name: string): number | null => (a.counts[name] ? a.sums[name]! / a.counts[name] : null);

function addEvent(a: Acc, e: ReportingEvent): void {
  if (e.name === 'conversation_resolved') a.resolved++;
  a.sums[e.name] = (a.sums[e.name] ?? 0) + e.value;
  a.counts[e.name] = (a.counts[e.name] ?? 0) + 1;
}

/** Every conversation created in the range, and every event written in it, handed to `on`. */
function scan(
  h: ChatwootHistory,
  r: Range,
  on: { created(x: ChatwootConversation): void; event(x: ChatwootConversation, e: ReportingEvent): void },
): void {
  if (r === null) return;
  h.forAll((x) => {
    if (inRange(x.c.createdAt, r)) on.created(x);
    for (const e of x.events) if (inRange(e.at, r)) on.event(x, e);
  });
}

/** `summary_reports/{inbox,team,agent}`: one row per member in member order, with or without data (§9.1). */
export function summaryRows(h: ChatwootHistory, now: number, dim: 'inbox' | 'team' | 'agent', r: Range) {
  const accs = new Map<number | null, Acc>();
  const acc = (k: number | null) => accs.get(k) ?? accs.set(k, newAcc()).get(k)!;
  const keyOf = (x: ChatwootConversation) =>
    dim === 'inbox' ? x.inbox.id : dim === 'team' ? x.teamId : assigneeAt(x, now, h.account);
  scan(h, r, {
    created: (x) => acc(keyOf(x)).conversations++,
    event: (x, e) => addEvent(acc(dim === 'agent' ? e.userId : keyOf(x)), e),
  });
  const ids =
    dim === 'inbox'
      ? h.account.inboxes.map((i) => i.id)
      : dim === 'team'
        ? h.account.teams().map((t) => t.id)
        : h.account.users().map((u) => u.id);
  return ids.map((id) => {
    const a = accs.get(id) ?? newAcc();
    return {
      id,
      conversations_count: a.conversations,
      resolved_conversations_count: a.resolved,
      avg_resolution_time: mean(a, 'conversation_resolved'),
      avg_first_response_time: mean(a, 'first_response'),
      avg_reply_time: mean(a, 'reply_time'),
    };
  });
}

/** The seven keys of `reports/summary?type=account` for one range (§7). */
function accountValues(h: ChatwootHistory, r: Range) {
  const a = newAcc();
  let incoming = 0;
  let outgoing = 0;
  scan(h, r, { created: () => a.conversations++, event: (_x, e) => addEvent(a, e) });
  if (r !== null)
    h.forAll((x) => {
      const before = messagesBy(x, r.since - 1);
      const by = messagesBy(x, r.until - 1);
      incoming += by.incoming - before.incoming;
      outgoing += by.outgoing - before.outgoing;
    });
  return {
    conversations_count: a.conversations,
    incoming_messages_count: incoming,
    outgoing_messages_count: outgoing,
    avg_first_response_time: mean(a, 'first_response'),
    avg_resolution_time: mean(a, 'conversation_resolved'),
    resolutions_count: a.resolved,
    reply_time: mean(a, 'reply_time'),
  };
}

/** The window before `r`, of the same length, as `previous` covers it. */
const previousOf = (r: Range): Range => (r === null ? null : { since: 2 * r.since - r.until, until: r.since });

/** `reports/summary?type=account`, with `previous` always computed. */
export function accountSummary(h: ChatwootHistory, r: Range) {
  return { ...accountValues(h, r), previous: accountValues(h, previousOf(r)) };
}

function botValues(h: ChatwootHistory, r: Range) {
  const handedOff = new Set<string>();
  const botResolved: string[] = [];
  scan(h, r, {
    created: () => undefined,
    event: (x, e) => {
      if (e.name === 'conversation_bot_handoff') handedOff.add(x.c.id);
      if (e.name === 'conversation_bot_resolved') botResolved.push(x.c.id);
    },
  });
  return {
    bot_resolutions_count: botResolved.filter((id) => !handedOff.has(id)).length,
    bot_handoffs_count: handedOff.size,
  };
}

/** `reports/bot_summary?type=account` (v3.7). */
export function botSummary(h: ChatwootHistory, r: Range) {
  return { ...botValues(h, r), previous: botValues(h, previousOf(r)) };
}

const METRIC_EVENTS: Record<string, ReportingEvent['name']> = {
  avg_first_response_time: 'first_response',
  avg_resolution_time: 'conversation_resolved',
  reply_time: 'reply_time',
};

/**
 * `reports?metric=` for an average metric, account-wide: one bucket per UTC day (or hour) from the period
 * containing `since` (groupdate), each `{value, timestamp, count}`; an empty bucket is `value: 0` (§6).
 * Count metrics and timezone_offset are not simulated (the exporter uses neither); an unknown metric is `{}`.
 */
export function timeseries(h: ChatwootHistory, r: Range, metric: string, groupBy: string) {
  const name = METRIC_EVENTS[metric];
  if (name === undefined) return {};
  if (r === null) return [];
  const step = groupBy === 'hour' ? 3_600_000 : 86_400_000;
  const starts = [Math.floor(r.since / step) * step];
  for (let t = starts[0]! + step; t < r.until; t += step) starts.push(t);
  const sums = starts.map(() => ({ sum: 0, count: 0 }));
  scan(h, r, {
    created: () => undefined,
    event: (_x, e) => {
      if (e.name !== name) return;
      const b = sums[Math.floor((e.at - starts[0]!) / step)]!;
      b.sum += e.value;
      b.count++;
    },
  });
  return starts.map((t, i) => ({
    value: sums[i]!.count ? sums[i]!.sum / sums[i]!.count : 0,
    timestamp: t / 1000,
    count: sums[i]!.count,
  }));
}
