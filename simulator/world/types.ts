/** An agent belonging to one department (Rocket.Chat) / group (LiveChat). */
export interface Agent {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly departmentId: string;
}

/** A department (Rocket.Chat) or group (LiveChat); immutable once created. */
export interface Department {
  /** Rocket.Chat-style id (17 chars) or, for LiveChat worlds, the group number as a string. */
  readonly id: string;
  readonly name: string;
  /** LiveChat group id. */
  readonly groupId: number;
  readonly enabled: boolean;
  readonly archived: boolean;
  readonly description: string;
  readonly email: string;
  /** Traffic multiplier relative to the world's base arrival rate. */
  readonly weight: number;
  readonly agents: readonly Agent[];
  /** Epoch ms of the last (simulated) update. */
  readonly updatedAt: number;
}

/** How to create a department; everything but `name` has a default. */
export interface DepartmentSpec {
  id?: string;
  name: string;
  groupId?: number;
  enabled?: boolean;
  archived?: boolean;
  description?: string;
  email?: string;
  weight?: number;
  /** Number of agents; defaults to the world's agentsPerDepartment. */
  agents?: number;
}

/** How a LiveChat chat started (engagement report). */
export type StartedBy = 'customer_from_greeting' | 'customer_without_greeting' | 'agent';

/** Rating left by the customer. */
type Rating = 'good' | 'bad' | null;

/**
 * One conversation. All instants are epoch ms; `Infinity` means "never" (never served, never closed,
 * never on hold). Its state at time t derives from this timeline only (see conversationStateAt).
 */
export interface Conversation {
  /** Rocket.Chat room id (17 chars). */
  readonly id: string;
  /** LiveChat chat id (10 chars, upper case). */
  readonly chatId: string;
  readonly departmentId: string;
  readonly groupId: number;
  readonly createdAt: number;
  readonly visitorId: string;
  readonly visitorIp: string;
  /** Whether the visitor left name/email (LiveChat queued_visitors_left details). */
  readonly visitorHasDetails: boolean;
  /** Agent that served it, null if never served. */
  readonly agent: Agent | null;
  /** Time spent in the queue (0 = routed immediately). */
  readonly queueWaitMs: number;
  /** True if the visitor left the queue without being served. */
  readonly leftQueue: boolean;
  readonly servedAt: number;
  readonly holdStart: number;
  readonly holdEnd: number;
  readonly closedAt: number;
  /** Time of the last agent message (Rocket.Chat responseBy.lastMessageTs). */
  readonly lastMessageAt: number;
  /** Non-system messages once the conversation is finished. */
  readonly messages: number;
  /** Seconds from creation to the agent's first response (RC metrics.response.ft); null if never answered. */
  readonly firstResponseSec: number | null;
  /** Average agent response time in seconds (RC metrics.response.avg). */
  readonly avgResponseSec: number | null;
  /** Seconds from creation to the agent's first reaction (RC metrics.reaction.ft). */
  readonly reactionSec: number | null;
  /** Seconds the agent actually chatted (LiveChat agents_chatting_duration). */
  readonly agentChattingSec: number;
  /** Rocket.Chat visitor-inactivity abandonment (metrics.visitorInactivity over the timeout). */
  readonly abandoned: boolean;
  readonly tags: readonly string[];
  readonly rating: Rating;
  readonly startedBy: StartedBy;
  /** Greeting id when started from a greeting. */
  readonly greetingId: number | null;
  readonly country: string;
  /** LiveChat "continuous" chat. */
  readonly continuous: boolean;
  readonly pageViews: number;
  /** Injected by burst(), not generated. */
  readonly burst: boolean;
}

/** Current state of a conversation. */
export type ConversationState = 'queued' | 'open' | 'onhold' | 'closed';

/** Agent presence, Rocket.Chat style (`available` = online and accepting livechats). */
export type AgentStatus = 'available' | 'away' | 'busy' | 'offline';
