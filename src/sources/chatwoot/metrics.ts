import { dataGauge, type MetricDef } from '../../metrics/MetricDef';

const W = ['target', 'window'] as const;
const NOW = 'Now: ';
const NO_SAMPLE = ' Absent when the window has no such event (upstream null), never 0.';
const NO_WEIGHT = ' Upstream gives no sample count for this average.';
const RES_WEIGHT = ' Its sample count is the matching resolutions gauge.';

/** A live per-group family: one series per discovered group plus the group without a team or assignee. */
const group = (dim: 'team' | 'agent' | 'inbox') => ['target', `${dim}_id`, `${dim}_name`] as const;

/** The five windowed families of one summary_reports dimension. */
function dimension(dim: 'inbox' | 'team' | 'agent', by: string, endpoint: string) {
  const labels = [...W, `${dim}_id`, `${dim}_name`];
  const src = `summary_reports/${endpoint}`;
  return {
    conversations: dataGauge(
      `chatwoot_${dim}_conversations_created`,
      `Conversations created in the window, by their ${by} now.`,
      labels,
      `${src} conversations_count`,
    ),
    resolutions: dataGauge(
      `chatwoot_${dim}_resolutions`,
      `Resolution events in the window (a reopened and re-resolved conversation counts again), by ${dim === 'agent' ? 'the assignee at resolution' : `the ${by}`}.`,
      labels,
      `${src} resolved_conversations_count`,
    ),
    firstResponseAvg: dataGauge(
      `chatwoot_${dim}_first_response_time_avg_seconds`,
      `Average time to the first human reply, over first-response events in the window${dim === 'agent' ? ' (by the agent who replied)' : ''}.` +
        NO_SAMPLE +
        NO_WEIGHT,
      labels,
      `${src} avg_first_response_time`,
    ),
    resolutionAvg: dataGauge(
      `chatwoot_${dim}_resolution_time_avg_seconds`,
      'Average time from conversation creation to each resolution event in the window.' + NO_SAMPLE + RES_WEIGHT,
      labels,
      `${src} avg_resolution_time`,
    ),
    replyAvg: dataGauge(
      `chatwoot_${dim}_reply_time_avg_seconds`,
      'Average time customers waited for each later human reply (reply events in the window).' + NO_SAMPLE + NO_WEIGHT,
      labels,
      `${src} avg_reply_time`,
    ),
  };
}

/** Every Chatwoot metric family, keyed for use by the endpoint table. */
export const cw = {
  liveConversations: dataGauge(
    'chatwoot_live_conversations',
    NOW + 'conversations of the account by status: open, or pending (typically still with a bot).',
    ['target', 'status'],
    'live_reports/conversation_metrics open, pending',
  ),
  liveUnattended: dataGauge(
    'chatwoot_live_unattended_conversations',
    NOW + 'open conversations never answered by a human, or whose customer wrote after the last human reply.',
    ['target'],
    'live_reports/conversation_metrics unattended',
  ),
  liveUnassigned: dataGauge(
    'chatwoot_live_unassigned_conversations',
    NOW + 'open conversations without an assignee (held by a bot included).',
    ['target'],
    'live_reports/conversation_metrics unassigned',
  ),
  liveTeamOpen: dataGauge(
    'chatwoot_live_team_open_conversations',
    NOW +
      'open conversations per team; team_id="none" holds those without a team, a discovered team absent upstream is 0.',
    group('team'),
    'live_reports/grouped_conversation_metrics?group_by=team_id open',
  ),
  liveTeamUnattended: dataGauge(
    'chatwoot_live_team_unattended_conversations',
    NOW + 'unattended open conversations per team (team_id="none": without a team).',
    group('team'),
    'live_reports/grouped_conversation_metrics?group_by=team_id unattended',
  ),
  liveTeamUnassigned: dataGauge(
    'chatwoot_live_team_unassigned_conversations',
    NOW + 'open conversations without an assignee, per team (team_id="none": without a team).',
    group('team'),
    'live_reports/grouped_conversation_metrics?group_by=team_id unassigned',
  ),
  liveAgentOpen: dataGauge(
    'chatwoot_live_agent_open_conversations',
    NOW + 'open conversations per assignee (opt-in: one series per agent); agent_id="none" holds the unassigned ones.',
    group('agent'),
    'live_reports/grouped_conversation_metrics?group_by=assignee_id open',
  ),
  liveAgentUnattended: dataGauge(
    'chatwoot_live_agent_unattended_conversations',
    NOW + 'unattended open conversations per assignee (opt-in; agent_id="none": unassigned).',
    group('agent'),
    'live_reports/grouped_conversation_metrics?group_by=assignee_id unattended',
  ),
  liveInboxOpen: dataGauge(
    'chatwoot_live_inbox_open_conversations',
    NOW + 'open conversations per inbox that the token user can see (opt-in: 30 calls per minute per user).',
    group('inbox'),
    'conversations/meta?inbox_id= all_count',
  ),
  liveInboxUnassigned: dataGauge(
    'chatwoot_live_inbox_unassigned_conversations',
    NOW + 'open conversations without an assignee per inbox (opt-in).',
    group('inbox'),
    'conversations/meta?inbox_id= unassigned_count',
  ),
  liveInboxUnattended: dataGauge(
    'chatwoot_live_inbox_unattended_conversations',
    NOW + 'unattended open conversations per inbox (opt-in).',
    group('inbox'),
    'conversations/meta?inbox_id=&conversation_type=unattended all_count',
  ),
  conversations: dataGauge(
    'chatwoot_conversations_created',
    'Conversations created in the window, whole account.',
    W,
    'reports/summary?type=account conversations_count',
  ),
  messages: dataGauge(
    'chatwoot_messages',
    'Messages created in the window, whole account: incoming from customers, outgoing from agents and bots.',
    [...W, 'direction'],
    'reports/summary?type=account incoming_messages_count, outgoing_messages_count',
  ),
  resolutions: dataGauge(
    'chatwoot_resolutions',
    'Resolution events in the window, whole account (a re-resolved conversation counts again).',
    W,
    'reports/summary?type=account resolutions_count',
  ),
  firstResponseAvg: dataGauge(
    'chatwoot_first_response_time_avg_seconds',
    'Average time to the first human reply over first-response events in the window, whole account.' +
      NO_SAMPLE +
      ' Its sample count is chatwoot_first_responses.',
    W,
    'reports/summary?type=account avg_first_response_time',
  ),
  resolutionAvg: dataGauge(
    'chatwoot_resolution_time_avg_seconds',
    'Average time from creation to each resolution event in the window, whole account.' + NO_SAMPLE + RES_WEIGHT,
    W,
    'reports/summary?type=account avg_resolution_time',
  ),
  firstResponses: dataGauge(
    'chatwoot_first_responses',
    'First-response events written in the window, whole account: the sample count of chatwoot_first_response_time_avg_seconds.',
    W,
    'reports?metric=avg_first_response_time&type=account sum of count',
  ),
  replies: dataGauge(
    'chatwoot_replies',
    'Reply events (later human replies to a waiting customer) written in the window, whole account: the sample count of chatwoot_reply_time_avg_seconds.',
    W,
    'reports?metric=reply_time&type=account sum of count',
  ),
  replyAvg: dataGauge(
    'chatwoot_reply_time_avg_seconds',
    'Average customer waiting time for later human replies in the window, whole account.' +
      NO_SAMPLE +
      ' Its sample count is chatwoot_replies.',
    W,
    'reports/summary?type=account reply_time',
  ),
  botResolutions: dataGauge(
    'chatwoot_bot_resolutions',
    'Conversations resolved by a bot in the window without a hand-off to humans in it (Chatwoot 3.7 and later).',
    W,
    'reports/bot_summary?type=account bot_resolutions_count',
  ),
  botHandoffs: dataGauge(
    'chatwoot_bot_handoffs',
    'Conversations a bot handed off to humans in the window (Chatwoot 3.7 and later).',
    W,
    'reports/bot_summary?type=account bot_handoffs_count',
  ),
  inbox: dimension('inbox', 'inbox', 'inbox'),
  team: dimension('team', 'team', 'team'),
  agent: dimension('agent', 'assignee', 'agent'),
  serverInfo: dataGauge(
    'chatwoot_server_info',
    'Always 1; the version the Chatwoot server reported at the last probe.',
    ['target', 'version'],
    'GET /api version',
  ),
  endpointSupported: dataGauge(
    'chatwoot_endpoint_supported',
    '1 when the server version has the endpoint (only those are polled), else 0.',
    ['target', 'endpoint'],
    'GET /api version',
  ),
  discovered: dataGauge(
    'chatwoot_discovered',
    'Inboxes, teams, agents and labels found by discovery at its last successful run.',
    ['target', 'object'],
    '/api/v1/accounts/{id}/{inboxes,teams,agents,labels}',
  ),
};

/** The list form, for the catalogue. */
export const chatwootMetrics: readonly MetricDef[] = Object.values(cw).flatMap((m): MetricDef[] =>
  'name' in m ? [m] : Object.values(m),
);
