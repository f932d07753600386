/**
 * What differs between the Rocket.Chat builds the simulator imitates (docs/upstream/rocketchat.md §8.3, §11.1,
 * §14): the `queued` filter of livechat/rooms, and the 401/403 bodies of each era and of the 9.0 mode.
 */
export interface ServerEra {
  /** What GET /api/info answers. */
  readonly version: string;
  /** 6.11+ (PR #32800): livechat/rooms takes `queued`, and `open=true` no longer includes queued rooms. */
  readonly queuedFilter: boolean;
  /** 401 body: `restivus` before ≈7.0 ({status, message}), `newest` (both forms), `breaking` (9.0 mode). */
  readonly unauthorizedBody: 'restivus' | 'newest' | 'breaking';
  /** Route-level 403: `manual` (≈3.x/4.x, `unauthorized`), `unauthorized` ([error-unauthorized]), `forbidden` (9.0 mode). */
  readonly routeForbiddenBody: 'manual' | 'unauthorized' | 'forbidden';
  /** Handler-level 403 (livechat/rooms, livechat/users/:type): error `unauthorized`, or `forbidden` in 9.0 mode. */
  readonly handlerForbiddenBody: 'unauthorized' | 'forbidden';
}

/** [major, minor, patch] of a "x.y.z" version; missing parts are 0. */
function parts(version: string): [number, number, number] {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version.trim());
  if (!m) throw new Error(`invalid Rocket.Chat version ${JSON.stringify(version)} (use e.g. 6.10.0 or 7.5.0)`);
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/** True when `version` is at least `min` (both "x.y.z"). */
function atLeast(version: string, min: string): boolean {
  const a = parts(version);
  const b = parts(min);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

/** The era of a build `version`, optionally with the 9.0 breaking-change mode (`applyBreakingChanges`) on. */
export function serverEra(version: string, breakingChanges = false): ServerEra {
  return {
    version,
    queuedFilter: atLeast(version, '6.11.0'),
    unauthorizedBody: breakingChanges ? 'breaking' : atLeast(version, '7.0.0') ? 'newest' : 'restivus',
    routeForbiddenBody: breakingChanges ? 'forbidden' : atLeast(version, '5.0.0') ? 'unauthorized' : 'manual',
    handlerForbiddenBody: breakingChanges ? 'forbidden' : 'unauthorized',
  };
}

/** The version the simulator imitates unless told otherwise. */
export const NEWEST_ERA = serverEra('7.5.0');
