import { assigneeAt, statusAt, unattendedAt, type ChatwootConversation } from '../chatwootConversation';
import type { ChatwootHistory } from '../createChatwootHistory';

/** `{open, unattended, unassigned, pending}` of the account now, optionally of one team (§5.1). */
export function conversationMetrics(h: ChatwootHistory, now: number, teamId: number | undefined) {
  const out = { open: 0, unattended: 0, unassigned: 0, pending: 0 };
  h.forAll((x) => {
    if (teamId !== undefined && x.teamId !== teamId) return;
    const status = statusAt(x, now);
    if (status === 'pending') out.pending++;
    if (status !== 'open') return;
    out.open++;
    if (unattendedAt(x, now)) out.unattended++;
    if (assigneeAt(x, now, h.account) === null) out.unassigned++;
  });
  return out;
}

/**
 * One row per team or assignee with at least one open conversation, the null group included, in no
 * particular order (rows come in hash order here), without pending (§5.2).
 */
export function groupedConversationMetrics(
  h: ChatwootHistory,
  now: number,
  groupBy: 'team_id' | 'assignee_id',
  teamId: number | undefined,
): Record<string, number | null>[] {
  const groups = new Map<number | null, { open: number; unattended: number; unassigned: number }>();
  h.forAll((x: ChatwootConversation) => {
    if (teamId !== undefined && x.teamId !== teamId) return;
    if (statusAt(x, now) !== 'open') return;
    const assignee = assigneeAt(x, now, h.account);
    const key = groupBy === 'team_id' ? x.teamId : assignee;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { open: 0, unattended: 0, unassigned: 0 }));
    g.open++;
    if (unattendedAt(x, now)) g.unattended++;
    if (assignee === null) g.unassigned++;
  });
  // PostgreSQL's GROUP BY without ORDER BY: no order to rely on (here a scrambled one).
  const scrambled = [...groups].sort(([a], [b]) => ((Number(a ?? 0) * 7919) % 13) - ((Number(b ?? 0) * 7919) % 13));
  return scrambled.map(([key, g]) => ({ ...g, [groupBy]: key }));
}

/** `conversations/meta` for one inbox: open (or another status) counts, or only the unattended ones (§12.5). */
export function conversationsMeta(
  h: ChatwootHistory,
  now: number,
  q: { inboxId?: number; status: string; unattended: boolean; teamId?: number; visible: boolean },
) {
  const out = { mine_count: 0, assigned_count: 0, unassigned_count: 0, all_count: 0 };
  if (!q.visible) return { meta: out };
  h.forAll((x) => {
    if (q.inboxId !== undefined && x.inbox.id !== q.inboxId) return;
    if (q.teamId !== undefined && x.teamId !== q.teamId) return;
    const status = statusAt(x, now);
    if (q.status !== 'all' && status !== q.status) return;
    if (q.unattended && !unattendedAt(x, now)) return;
    out.all_count++;
    if (assigneeAt(x, now, h.account) === null) out.unassigned_count++;
    else out.assigned_count++;
  });
  return { meta: out };
}
