import { chatwootKind } from './chatwoot/chatwootKind';
import { liveChatKind } from './livechat/liveChatKind';
import { rocketChatKind } from './rocketchat/rocketChatKind';
import type { SourceKind } from './SourceKind';

/**
 * Every upstream kind the exporter supports, by the `kind` a target names. A new kind is its folder under
 * sources/ plus one line here (docs/development.md has the checklist).
 */
export const SOURCE_KINDS: ReadonlyMap<string, SourceKind<any>> = new Map<string, SourceKind<any>>([
  [rocketChatKind.kind, rocketChatKind],
  [liveChatKind.kind, liveChatKind],
  [chatwootKind.kind, chatwootKind],
]);
