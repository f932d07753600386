/** Public surface of the built-in upstream simulators. */
export {
  createRocketChatSimulator,
  demoRocketChatUser,
  rocketChatFaultModes,
  type RocketChatFaultMode,
  type RocketChatSimulator,
  type RocketChatSimulatorOptions,
  type RocketChatUser,
} from './rocketchat/createRocketChatSimulator';
export {
  createLiveChatSimulator,
  demoLiveChatAccount,
  demoLiveChatBearerToken,
  liveChatFaultModes,
  type LiveChatAccount,
  type LiveChatBearerToken,
  type LiveChatFaultMode,
  type LiveChatSimulator,
  type LiveChatSimulatorOptions,
} from './livechat/createLiveChatSimulator';
export {
  DEFAULT_LIFECYCLE,
  LIVECHAT_VERSIONS,
  METHODS_BY_VERSION,
  type LifecycleHeader,
  type LiveChatVersion,
  type ReportMethod,
} from './livechat/LiveChatVersion';
export { createWorld, type BurstOptions, type World, type WorldOptions } from './world/createWorld';
export { defaultLiveChatGroups } from './world/defaultLiveChatGroups';
export { defaultRocketChatDepartments } from './world/defaultRocketChatDepartments';
export { defaultTags } from './world/defaultTags';
export type { Agent, AgentStatus, Conversation, ConversationState, Department, DepartmentSpec } from './world/types';
export type { FaultInjector, FaultSpec, ActiveFault } from './http/createFaultInjector';
export type { RequestLog, RequestLogEntry } from './http/createRequestLog';
export type { CommonSimulatorOptions, SimulatorServer } from './http/SimulatorServer';
