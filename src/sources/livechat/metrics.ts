import { dataGauge, type MetricDef } from '../../metrics/MetricDef';

const W = ['target', 'window'] as const;
const AVG = " Weighted by each bucket's count; absent when the window has no such chat.";
/** Labels of the live per-group series: no window, they describe now. */
const G = ['target', 'group', 'group_name'] as const;

/** Every LiveChat metric family, keyed for use by the report table. */
export const lc = {
  chats: dataGauge('livechat_chats', 'Chats in the window (total-chats report total).', W, 'chats/total_chats total'),
  continuousChats: dataGauge(
    'livechat_continuous_chats',
    'Continuous (asynchronous) chats in the window.',
    W,
    'chats/total_chats records.*.continuous',
  ),
  durationChats: dataGauge(
    'livechat_chat_duration_chats',
    'Chats the duration averages are computed over (the weight of both duration averages).',
    W,
    'chats/duration records.*.count (3.2/3.3: chats/agents_chatting_duration)',
  ),
  agentsChattingDurationAvg: dataGauge(
    'livechat_agents_chatting_duration_avg_seconds',
    'Average time agents spent chatting per chat.' + AVG,
    W,
    'chats/duration records.*.agents_chatting_duration (3.2/3.3: chats/agents_chatting_duration records.*.seconds)',
  ),
  chatDurationAvg: dataGauge(
    'livechat_chat_duration_avg_seconds',
    'Average chat duration (API v3.4 and later only).' + AVG,
    W,
    'chats/duration records.*.duration',
  ),
  tagChats: dataGauge(
    'livechat_tag_chats',
    'Chats tagged with each tag; the tags beyond tags_limit are summed into tag="__other__".',
    [...W, 'tag'],
    'chats/tags records.*.<tag>',
  ),
  ratedChats: dataGauge(
    'livechat_rated_chats',
    'Chats rated good or bad by the customer.',
    [...W, 'rating'],
    'chats/ratings records.*.{good,bad}',
  ),
  responseTimeAvg: dataGauge(
    'livechat_response_time_avg_seconds',
    'Average agent response time.' + AVG,
    W,
    'chats/response_time records.*.response_time',
  ),
  responseTimeChats: dataGauge(
    'livechat_response_time_chats',
    'Chats the response time average is computed over.',
    W,
    'chats/response_time records.*.count',
  ),
  firstResponseTimeAvg: dataGauge(
    'livechat_first_response_time_avg_seconds',
    'Average time to the first agent response.' + AVG,
    W,
    'chats/first_response_time records.*.first_response_time',
  ),
  firstResponseTimeChats: dataGauge(
    'livechat_first_response_time_chats',
    'Chats the first response time average is computed over.',
    W,
    'chats/first_response_time records.*.count',
  ),
  engagementChats: dataGauge(
    'livechat_engagement_chats',
    'Chats by how they started: customer_from_greeting, customer_without_greeting or agent.',
    [...W, 'started_by'],
    'chats/engagement records.*.started_by_<started_by>',
  ),
  queuedVisitors: dataGauge(
    'livechat_queued_visitors',
    'Visitors who waited in the queue, by outcome: queued (then chatted) or left_queue (left without a chat).',
    [...W, 'outcome'],
    'chats/queued_visitors records.*.<outcome>.count',
  ),
  queueWaitAvg: dataGauge(
    'livechat_queue_wait_avg_seconds',
    'Average time visitors waited in the queue, by outcome.' + AVG,
    [...W, 'outcome'],
    'chats/queued_visitors records.*.<outcome>.avg',
  ),
  queueWaitMin: dataGauge(
    'livechat_queue_wait_min_seconds',
    'Shortest queue wait in the window, by outcome; absent without queued visitors.',
    [...W, 'outcome'],
    'chats/queued_visitors records.*.<outcome>.min',
  ),
  queueWaitMax: dataGauge(
    'livechat_queue_wait_max_seconds',
    'Longest queue wait in the window, by outcome; absent without queued visitors.',
    [...W, 'outcome'],
    'chats/queued_visitors records.*.<outcome>.max',
  ),
  groupChats: dataGauge(
    'livechat_group_chats',
    'Chats per group (group id), only groups with chats in the window.',
    [...W, 'group'],
    'chats/groups records.*.<group id>',
  ),
  availability: dataGauge(
    'livechat_availability_seconds',
    'Time in the window the chat was available (accepting chats).',
    W,
    'agents/availability records.*.hours (x3600) / .minutes (x60)',
  ),
  tagUsageChats: dataGauge(
    'livechat_tag_usage_chats',
    'Chats using each tag (tag usage report); the tags beyond tags_limit are summed into tag="__other__".',
    [...W, 'tag'],
    'tags/chat_usage records.<tag>',
  ),
  uniqueVisitors: dataGauge(
    'livechat_unique_visitors',
    'Unique visitors in the window.',
    W,
    'customers/unique_visitors summary.unique_visitors',
  ),
  pageViews: dataGauge(
    'livechat_page_views',
    'Page views in the window.',
    W,
    'customers/unique_visitors summary.page_views',
  ),
  agentRankingScore: dataGauge(
    'livechat_agent_ranking_score',
    'Agent ranking score, 0-1 (opt-in: one series per agent).',
    [...W, 'agent'],
    'chats/ranking records.<email>.score',
  ),
  agentRankingRatedChats: dataGauge(
    'livechat_agent_ranking_rated_chats',
    'Rated chats the ranking score is based on, good or bad (opt-in: one series per agent).',
    [...W, 'agent', 'rating'],
    'chats/ranking records.<email>.{good,bad}',
  ),
  agentChats: dataGauge(
    'livechat_agent_chats',
    'Chats per agent (opt-in: one series per agent).',
    [...W, 'agent'],
    'agents/performance records.<email>.chats_count',
  ),
  agentRatedChats: dataGauge(
    'livechat_agent_rated_chats',
    'Chats per agent rated good or bad (opt-in: one series per agent).',
    [...W, 'agent', 'rating'],
    'agents/performance records.<email>.chats_rated_{good,bad}',
  ),
  agentFirstResponseTimeAvg: dataGauge(
    'livechat_agent_first_response_time_avg_seconds',
    'Average first response time per agent (opt-in); absent when the agent has no first response.',
    [...W, 'agent'],
    'agents/performance records.<email>.first_response_time',
  ),
  agentFirstResponseChats: dataGauge(
    'livechat_agent_first_response_chats',
    'Chats with a first response per agent (opt-in).',
    [...W, 'agent'],
    'agents/performance records.<email>.first_response_chats_count',
  ),
  agentAcceptingChats: dataGauge(
    'livechat_agent_accepting_chats_seconds',
    'Time per agent spent accepting chats (opt-in).',
    [...W, 'agent'],
    'agents/performance records.<email>.accepting_chats_time',
  ),
  agentNotAcceptingChats: dataGauge(
    'livechat_agent_not_accepting_chats_seconds',
    'Time per agent logged in but not accepting chats (opt-in).',
    [...W, 'agent'],
    'agents/performance records.<email>.not_accepting_chats_time',
  ),
  agentLoggedIn: dataGauge(
    'livechat_agent_logged_in_seconds',
    'Time per agent logged in (opt-in).',
    [...W, 'agent'],
    'agents/performance records.<email>.logged_in_time',
  ),
  agentChatting: dataGauge(
    'livechat_agent_chatting_seconds',
    'Time per agent spent chatting (opt-in).',
    [...W, 'agent'],
    'agents/performance records.<email>.chatting_time',
  ),
  // Live state (live.enabled): what holds now, from the Agent Chat and Configuration APIs v3.6; no window label.
  liveGroupActiveChats: dataGauge(
    'livechat_live_group_active_chats',
    'Now: chats of the group whose last thread is active (list_chats with filters.active). A chat in several groups counts in each, so never sum groups: livechat_live_active_chats is the distinct total.',
    G,
    'agent/action/list_chats filters.active=true: chats_summary[] by access.group_ids',
  ),
  liveGroupQueuedChats: dataGauge(
    'livechat_live_group_queued_chats',
    'Now: active chats of the group waiting in the queue for an agent (list_chats: last_thread_summary.queue present). A chat in several groups counts in each.',
    G,
    'agent/action/list_chats filters.active=true: chats_summary[] with last_thread_summary.queue, by access.group_ids',
  ),
  liveGroupOldestQueued: dataGauge(
    'livechat_live_group_oldest_queued_timestamp_seconds',
    "Now: Unix time the group's longest-waiting queued chat entered the queue (the oldest queue.queued_at in list_chats); its wait so far is time() minus this. Absent while nothing is queued in the group.",
    G,
    'agent/action/list_chats: min last_thread_summary.queue.queued_at (or queued_at_us) per group',
  ),
  liveActiveChats: dataGauge(
    'livechat_live_active_chats',
    'Now: chats whose last thread is active (list_chats with filters.active), each chat once whatever its groups.',
    ['target'],
    'agent/action/list_chats filters.active=true: distinct chats_summary[].id',
  ),
  liveQueuedChats: dataGauge(
    'livechat_live_queued_chats',
    'Now: active chats waiting in the queue for an agent (list_chats: last_thread_summary.queue present), each chat once whatever its groups.',
    ['target'],
    'agent/action/list_chats filters.active=true: distinct chats with last_thread_summary.queue',
  ),
  liveOldestQueued: dataGauge(
    'livechat_live_oldest_queued_timestamp_seconds',
    'Now: Unix time the longest-waiting queued chat entered the queue (the oldest queue.queued_at in list_chats); its wait so far is time() minus this. Absent while nothing is queued.',
    ['target'],
    'agent/action/list_chats: min last_thread_summary.queue.queued_at (or queued_at_us)',
  ),
  liveChatsTruncated: dataGauge(
    'livechat_live_chats_truncated',
    'Now: 1 when the last list_chats walk stopped at live.max_pages pages of 100 chats, so the live chat counts are lower bounds and the oldest queued chat may be missing; 0 when every active chat was read.',
    ['target'],
    'agent/action/list_chats: next_page_id still present after live.max_pages pages',
  ),
  liveGroupAgents: dataGauge(
    'livechat_live_group_agents',
    "Now: the group's members that get chats routed (list_groups agent_priorities other than supervisor; agents and bots) by routing status from list_routing_statuses: accepting_chats, not_accepting_chats or offline (a member it leaves out is offline).",
    [...G, 'status'],
    'configuration/action/list_groups agent_priorities × agent/action/list_routing_statuses status',
  ),
  liveAgents: dataGauge(
    'livechat_live_agents',
    'Now: agents and bots of the account by routing status from list_routing_statuses (accepting_chats, not_accepting_chats, offline), each once whatever its groups; group members it leaves out count as offline.',
    ['target', 'status'],
    'agent/action/list_routing_statuses status, plus list_groups members it leaves out',
  ),
  liveGroupRoutingStatus: dataGauge(
    'livechat_live_group_routing_status',
    "Now: the group's routing status from list_groups as a state set: 1 for the current status (accepting_chats, not_accepting_chats or offline), 0 for the others; all 0 when upstream sent another value.",
    [...G, 'status'],
    'configuration/action/list_groups routing_status',
  ),
  apiSunset: dataGauge(
    'livechat_api_sunset_timestamp_seconds',
    'Unix time (00:00 UTC) an API version the target calls (its Reports api_version; 3.6 for live state) ends its legacy or deprecation stage, from the Legacy/Deprecation response headers; a deprecated version is switched off after its stage ends.',
    ['target', 'version', 'stage'],
    'Legacy / Deprecation response headers (YYYY-MM-DD)',
  ),
} satisfies Record<string, MetricDef>;

/** The list form, for the catalogue. */
export const liveChatMetrics: readonly MetricDef[] = Object.values(lc);
