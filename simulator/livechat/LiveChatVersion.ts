/** Reports API versions the simulator serves. */
export const LIVECHAT_VERSIONS = ['3.2', '3.3', '3.4', '3.5', '3.6'] as const;
/** One of LIVECHAT_VERSIONS. */
export type LiveChatVersion = (typeof LIVECHAT_VERSIONS)[number];

/** `<resource>/<action>` of a report method. */
export type ReportMethod =
  | 'chats/agents_chatting_duration'
  | 'chats/tags'
  | 'chats/total_chats'
  | 'chats/duration'
  | 'chats/ratings'
  | 'chats/ranking'
  | 'chats/engagement'
  | 'chats/greetings_conversion'
  | 'chats/surveys'
  | 'chats/forms'
  | 'chats/response_time'
  | 'chats/first_response_time'
  | 'chats/groups'
  | 'chats/queued_visitors'
  | 'chats/queued_visitors_left'
  | 'customers/unique_visitors'
  | 'agents/availability'
  | 'agents/performance'
  | 'tags/chat_usage';

const V34: readonly ReportMethod[] = [
  'chats/tags',
  'chats/total_chats',
  'chats/duration',
  'chats/ratings',
  'chats/ranking',
  'chats/engagement',
  'chats/greetings_conversion',
  'chats/surveys',
  'chats/response_time',
  'chats/first_response_time',
  'agents/availability',
  'agents/performance',
];
const V35: readonly ReportMethod[] = [...V34.filter((m) => m !== 'chats/surveys'), 'chats/forms', 'tags/chat_usage'];
const V36: readonly ReportMethod[] = [
  ...V35,
  'chats/groups',
  'chats/queued_visitors',
  'chats/queued_visitors_left',
  'customers/unique_visitors',
];

/** Methods per version, exactly as the table in docs/upstream/livechat.md §5. */
export const METHODS_BY_VERSION: Record<LiveChatVersion, readonly ReportMethod[]> = {
  '3.2': ['chats/agents_chatting_duration', 'chats/tags'],
  '3.3': ['chats/agents_chatting_duration', 'chats/tags', 'chats/total_chats'],
  '3.4': V34,
  '3.5': V35,
  '3.6': V36,
};

/** v3.2/v3.3 are GET-only with flat query strings; v3.4+ take POST JSON (and GET with dotted keys). */
export function isLegacyVersion(v: LiveChatVersion): boolean {
  return v === '3.2' || v === '3.3';
}

/** Lifecycle header announced for a version. */
export interface LifecycleHeader {
  header: 'Legacy' | 'Deprecation';
  /** YYYY-MM-DD when the stage ends. */
  date: string;
}

/**
 * Default lifecycle headers. v3.2's date is the announced decommissioning; the v3.3/v3.4 deprecation end dates
 * and v3.5's legacy end are not published, so these are plausible guesses. v3.6 (stable) sends none.
 */
export const DEFAULT_LIFECYCLE: Record<LiveChatVersion, LifecycleHeader | null> = {
  '3.2': { header: 'Deprecation', date: '2023-03-31' },
  '3.3': { header: 'Deprecation', date: '2025-10-31' },
  '3.4': { header: 'Deprecation', date: '2026-09-30' },
  '3.5': { header: 'Legacy', date: '2026-12-31' },
  '3.6': null,
};
