import { dataGauge, type MetricDef } from '../../metrics/MetricDef';

const W = ['target', 'department', 'department_name', 'window'] as const;
/** Live gauges: what holds now, so no window. */
const LIVE = ['target', 'department', 'department_name'] as const;
const DAY = ' Rocket.Chat counts whole days for this value (see docs/rocketchat.md).';

/** Every Rocket.Chat metric family, keyed for use by the endpoint table. */
export const rc = {
  conversations: dataGauge(
    'rocketchat_conversations',
    'Conversations created in the window (Total_conversations).' + DAY,
    W,
    'conversation-totalizers Total_conversations',
  ),
  openConversations: dataGauge(
    'rocketchat_open_conversations',
    'Conversations created in the window that are open now, queued included (Open_conversations).' + DAY,
    W,
    'conversation-totalizers Open_conversations',
  ),
  onholdConversations: dataGauge(
    'rocketchat_onhold_conversations',
    'Conversations created in the window that are on hold now (On_Hold_conversations).' + DAY,
    W,
    'conversation-totalizers On_Hold_conversations',
  ),
  messages: dataGauge(
    'rocketchat_messages',
    'Messages in conversations created in the window (Total_messages).' + DAY,
    W,
    'conversation-totalizers Total_messages',
  ),
  visitors: dataGauge(
    'rocketchat_visitors',
    'Visitors active in the window (Total_visitors).',
    W,
    'conversation-totalizers Total_visitors',
  ),
  totalizer: dataGauge(
    'rocketchat_totalizer',
    'A dashboard totalizer the exporter has no dedicated metric for, by its upstream title; counts as is, HH:MM:SS as seconds, percentages as ratios.',
    [...W, 'endpoint', 'title'],
    '(any unknown totalizer title)',
  ),
  abandonedChats: dataGauge(
    'rocketchat_abandoned_chats',
    'Abandoned chats in the window (Total_abandoned_chats).',
    W,
    'chats-totalizers Total_abandoned_chats',
  ),
  abandonedChatsRatio: dataGauge(
    'rocketchat_abandoned_chats_ratio',
    'Share of chats abandoned, 0-1; without a department it is an unweighted mean over departments (Avg_of_abandoned_chats).',
    W,
    'chats-totalizers Avg_of_abandoned_chats',
  ),
  chatDurationAvg: dataGauge(
    'rocketchat_chat_duration_avg_seconds',
    'Average chat duration (Avg_of_chat_duration_time).',
    W,
    'chats-totalizers Avg_of_chat_duration_time',
  ),
  busiestHour: dataGauge(
    'rocketchat_busiest_hour',
    'Hour of day (0-23, reporting timezone) the busiest hour starts at (Busiest_time).' + DAY,
    W,
    'agents-productivity-totalizers Busiest_time',
  ),
  availableServiceTimeAvg: dataGauge(
    'rocketchat_available_service_time_avg_seconds',
    'Average available service time on the start day (Avg_of_available_service_time).',
    W,
    'agents-productivity-totalizers Avg_of_available_service_time',
  ),
  serviceTimeAvg: dataGauge(
    'rocketchat_service_time_avg_seconds',
    'Average service time (Avg_of_service_time).',
    W,
    'agents-productivity-totalizers Avg_of_service_time',
  ),
  responseTimeAvg: dataGauge(
    'rocketchat_response_time_avg_seconds',
    'Average response time (Avg_response_time).' + DAY,
    W,
    'productivity-totalizers Avg_response_time',
  ),
  firstResponseTimeAvg: dataGauge(
    'rocketchat_first_response_time_avg_seconds',
    'Average first response time (Avg_first_response_time).' + DAY,
    W,
    'productivity-totalizers Avg_first_response_time',
  ),
  reactionTimeAvg: dataGauge(
    'rocketchat_reaction_time_avg_seconds',
    'Average reaction time (Avg_reaction_time).' + DAY,
    W,
    'productivity-totalizers Avg_reaction_time',
  ),
  waitingTimeAvg: dataGauge(
    'rocketchat_waiting_time_avg_seconds',
    'Average waiting time (Avg_of_waiting_time).',
    W,
    'productivity-totalizers Avg_of_waiting_time',
  ),
  chats: dataGauge(
    'rocketchat_chats',
    'Chats created in the window by their state now: open (served), closed, queued, onhold.',
    [...W, 'state'],
    'charts/chats open, closed, queued, onhold',
  ),
  agentChats: dataGauge(
    'rocketchat_agent_chats',
    'Chats per agent created in the window by state now (opt-in: one series per agent).',
    [...W, 'agent', 'state'],
    'charts/chats-per-agent <username>.{open,closed,onhold}',
  ),
  agents: dataGauge(
    'rocketchat_agents',
    'Omnichannel agents by status now (no window).',
    ['target', 'department', 'department_name', 'status'],
    'charts/agents-status available, away, busy, offline',
  ),
  departmentChats: dataGauge(
    'rocketchat_department_chats',
    'Chats created in the window per department (keyed upstream by department name) by state: open (queued and on hold included) or closed.',
    ['target', 'window', 'department', 'department_name', 'state'],
    'charts/chats-per-department <name>.{open,closed}',
  ),
  timingAvg: dataGauge(
    'rocketchat_timing_avg_seconds',
    'Average response, reaction or chat duration time, truncated to whole seconds upstream.',
    [...W, 'timing'],
    'charts/timings <timing>.avg',
  ),
  timingLongest: dataGauge(
    'rocketchat_timing_longest_seconds',
    'Longest first response, reaction or chat duration time.',
    [...W, 'timing'],
    'charts/timings <timing>.longest',
  ),
  departments: dataGauge(
    'rocketchat_departments',
    'Departments found by discovery at its last successful run.',
    ['target'],
    'livechat/department total',
  ),
  liveConversations: dataGauge(
    'rocketchat_live_conversations',
    'Now: conversations by state, whenever they were created: queued (open, no agent yet), open (served by an agent, not on hold) or onhold. From livechat/rooms (the total of queued=true, open=true, onhold=true; before Rocket.Chat 6.11 queued and open rooms are told apart in a listing of open=true).',
    [...LIVE, 'state'],
    'livechat/rooms total of queued=true, open=true, onhold=true',
  ),
  liveOldestQueued: dataGauge(
    'rocketchat_live_oldest_queued_timestamp_seconds',
    'Now: creation time (Unix seconds) of the oldest conversation waiting for an agent; absent while none waits. Its wait is time() minus this (a conversation returned to the queue keeps its creation time, so its wait is overstated).',
    LIVE,
    'livechat/rooms?queued=true&sort={"ts":1} rooms[0].ts',
  ),
  liveAgents: dataGauge(
    'rocketchat_live_agents',
    'Now: Omnichannel agents by status: available (online), away and busy accept chats (Rocket.Chat routes to away agents unless Livechat_enabled_when_agent_idle is off); offline ones are logged out; not_available ones turned Omnichannel availability off.',
    [...LIVE, 'status'],
    'livechat/users/agent status, statusLivechat, departments',
  ),
  liveDepartmentOnline: dataGauge(
    'rocketchat_live_department_online',
    'Now: 1 when a new chat in the department would find an agent, 0 when not (or Omnichannel is off). Rocket.Chat\'s own routing verdict, as its chat widget asks it (fallback departments, bots and "accept chats with no agents" included); department="all": any agent at all.',
    LIVE,
    'livechat/config?department=<id> config.online',
  ),
  roomsQueuedFilter: dataGauge(
    'rocketchat_rooms_queued_filter',
    "Whether the server's livechat/rooms has the queued filter (Rocket.Chat 6.11+): 1; 0 before 6.11, where open=true includes queued rooms and the exporter splits them by servedBy. Learnt from the live cycle's answers; a server without it is asked again hourly.",
    ['target'],
    'livechat/rooms?queued=true&count=1: 200, or 400 before 6.11',
  ),
  roomsListing: dataGauge(
    'rocketchat_rooms_listing',
    'How the live room counts are read this live cycle: 1 by listing rooms (100 a page) and grouping them by department, 0 by one count query per department and state; the one needing fewer calls (docs/rocketchat.md#live-state).',
    ['target'],
    '(exporter)',
  ),
} satisfies Record<string, MetricDef>;

/** The list form, for the catalogue. */
export const rocketChatMetrics: readonly MetricDef[] = Object.values(rc);
