/** Public surface of the built-in upstream simulators. */
export {
  createRocketChatSimulator, demoRocketChatUser, rocketChatFaultModes,
  type RocketChatFaultMode, type RocketChatSimulator, type RocketChatSimulatorOptions, type RocketChatUser,
} from './rocketchat/rocketchat-simulator';
export {
  createLiveChatSimulator, demoLiveChatAccount, demoLiveChatBearerToken, liveChatFaultModes,
  type LiveChatAccount, type LiveChatBearerToken, type LiveChatFaultMode, type LiveChatSimulator, type LiveChatSimulatorOptions,
} from './livechat/livechat-simulator';
export { DEFAULT_LIFECYCLE, LIVECHAT_VERSIONS, METHODS_BY_VERSION, type LifecycleHeader, type LiveChatVersion, type ReportMethod } from './livechat/method-table';
export { createWorld, type BurstOptions, type World, type WorldOptions } from './world/world';
export { defaultLiveChatGroups, defaultRocketChatDepartments } from './world/default-departments';
export { defaultTags } from './world/default-tags';
export type { Agent, AgentStatus, Conversation, ConversationState, Department, DepartmentSpec } from './world/types';
export type { FaultInjector, FaultSpec, ActiveFault } from './http/fault-injector';
export type { RequestLog, RequestLogEntry } from './http/request-log';
