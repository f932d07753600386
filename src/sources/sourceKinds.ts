import { liveChatKind } from './livechat/liveChatKind';
import { rocketChatKind } from './rocketchat/rocketChatKind';
import type { SourceKind } from './SourceKind';

/** Every upstream kind the exporter supports, by the `kind` a target names. Adding a kind is one line here. */
export const SOURCE_KINDS: ReadonlyMap<string, SourceKind<any>> = new Map<string, SourceKind<any>>([
  [rocketChatKind.kind, rocketChatKind],
  [liveChatKind.kind, liveChatKind],
]);
