/** A fault to inject. Which modes exist is up to each simulator. */
export interface FaultSpec<Mode extends string = string> {
  mode: Mode;
  /**
   * Which requests: omitted or "*" = all; "/exact/path"; "/prefix*"; or a suffix without leading slash
   * such as "charts/chats" (matches ".../charts/chats" but not ".../charts/chats-per-agent").
   */
  path?: string;
  /** Apply to this many matching requests, then disappear; omitted = until cleared. */
  times?: number;
  /** Extra delay for mode "slow" (default 2000 ms); for any other mode, a wait before the fault answers (default none). */
  delayMs?: number;
  /** Seconds to announce in Retry-After / the 429 text (rate-limit faults). */
  retryAfterSeconds?: number;
  /** Region to name in a misdirected_request fault (LiveChat). */
  region?: string;
  /** Body size for mode "huge_body" (default 2 GiB). */
  bytes?: number;
  /** Mode "huge_body": stream the body chunked, without Content-Length (default false: announce its length). */
  chunked?: boolean;
  /** Location of a "redirect" fault (default a login page on another origin, with a path and query). */
  location?: string;
}

/** An active fault with its id and remaining count. */
export interface ActiveFault<Mode extends string = string> extends FaultSpec<Mode> {
  id: number;
  remaining: number | null;
}

/** The fault list of one simulator. */
export interface FaultInjector<Mode extends string = string> {
  add(spec: FaultSpec<Mode>): ActiveFault<Mode>;
  /** Removes one fault by id, or all when no id is given; returns how many were removed. */
  clear(id?: number): number;
  list(): ActiveFault<Mode>[];
  /** Finds the first fault matching `path`, consuming one use of it. */
  take(path: string): ActiveFault<Mode> | undefined;
}

/** True when `pattern` (see FaultSpec.path) matches `path`. */
function faultPathMatches(pattern: string | undefined, path: string): boolean {
  if (pattern === undefined || pattern === '' || pattern === '*') return true;
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('/')) return path === pattern;
  return path === pattern || path.endsWith(`/${pattern}`);
}

/** Creates a FaultInjector accepting only `modes`. */
export function createFaultInjector<Mode extends string>(modes: readonly Mode[]): FaultInjector<Mode> {
  let faults: ActiveFault<Mode>[] = [];
  let nextId = 1;
  return {
    add(spec) {
      if (!modes.includes(spec.mode))
        throw new Error(`unknown fault mode ${JSON.stringify(spec.mode)}; expected one of ${modes.join(', ')}`);
      if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0))
        throw new Error('times must be a positive integer');
      const fault: ActiveFault<Mode> = { ...spec, id: nextId++, remaining: spec.times ?? null };
      faults.push(fault);
      return fault;
    },
    clear(id) {
      const before = faults.length;
      faults = id === undefined ? [] : faults.filter((f) => f.id !== id);
      return before - faults.length;
    },
    list: () => faults.map((f) => ({ ...f })),
    take(path) {
      const fault = faults.find((f) => faultPathMatches(f.path, path));
      if (!fault) return undefined;
      if (fault.remaining !== null && --fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
      return fault;
    },
  };
}
