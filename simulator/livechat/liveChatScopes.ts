/**
 * Every scope the simulator checks (docs/upstream/livechat.md §4): the Reports API's, and the live calls'.
 * A credential without a scope list has them all.
 */
export const LIVECHAT_SCOPES: readonly string[] = [
  'reports_read',
  'chats--all:ro',
  'agents--all:ro',
  'agents-bot--all:ro',
  'groups--all:ro',
];

const LEVELS = ['my', 'access', 'all'];
const MODES = ['ro', 'rw'];
const SCOPE = /^([a-z][a-z-]*?)--(my|access|all):(ro|rw)$/;

/** Whether `held` covers `needed`: the same scope, or one of its resource at a wider level or with write access. */
function covers(held: string, needed: string): boolean {
  if (held === needed) return true;
  const h = SCOPE.exec(held);
  const n = SCOPE.exec(needed);
  if (!h || !n || h[1] !== n[1]) return false;
  return LEVELS.indexOf(h[2]!) >= LEVELS.indexOf(n[2]!) && MODES.indexOf(h[3]!) >= MODES.indexOf(n[3]!);
}

/** Whether the scopes include `needed` or one that implies it (`rw` includes `ro`; `all` includes `access` and `my`). */
export function hasScope(scopes: readonly string[], needed: string): boolean {
  return scopes.some((s) => covers(s, needed));
}
