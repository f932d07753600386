/** A count keyed by endpoint and one more label value (a status code, a reason). */
export type EndpointCount = readonly [endpoint: string, value: string, count: number];

/** The counters of one target's poller; they only grow, as Prometheus counters must. */
export interface PollCounters {
  /** One upstream exchange, by its status code (`none` when no response arrived). */
  request(endpoint: string, code: string): void;
  /** One failed request or unparsable value, by reason. */
  error(endpoint: string, reason: string): void;
  /** One refresh carried over because the endpoint's budget was used up. */
  deferred(endpoint: string): void;
  /** One cycle skipped because the previous one still ran. */
  overlap(): void;
  overlaps(): number;
  /** One cycle cut at its deadline. */
  deadlineExceeded(cycle: string): void;
  deadlinesExceeded(cycle: string): number;
  deferredOf(endpoint: string): number;
  /** Sorted by endpoint, then code: the maps fill in the order requests finish, which varies with concurrency. */
  requests(): EndpointCount[];
  /** Sorted by endpoint, then reason. */
  errors(): EndpointCount[];
  /** Endpoints this target has called or deferred, sorted (a budget shared with other targets knows more). */
  endpoints(): string[];
}

const byKey = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function sorted(m: ReadonlyMap<string, number>): EndpointCount[] {
  return [...m].sort(byKey).map(([k, n]) => {
    const [endpoint, value] = k.split('\0') as [string, string];
    return [endpoint, value, n] as const;
  });
}

/** Creates a target's counters, all at zero. */
export function createPollCounters(): PollCounters {
  const requests = new Map<string, number>(); // "endpoint\0code"
  const errors = new Map<string, number>(); // "endpoint\0reason"
  const deferred = new Map<string, number>();
  let overlaps = 0;
  const deadlines = new Map<string, number>();
  const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  return {
    request: (endpoint, code) => bump(requests, `${endpoint}\0${code}`),
    error: (endpoint, reason) => bump(errors, `${endpoint}\0${reason}`),
    deferred: (endpoint) => bump(deferred, endpoint),
    overlap: () => void overlaps++,
    overlaps: () => overlaps,
    deadlineExceeded: (cycle) => bump(deadlines, cycle),
    deadlinesExceeded: (cycle) => deadlines.get(cycle) ?? 0,
    deferredOf: (endpoint) => deferred.get(endpoint) ?? 0,
    requests: () => sorted(requests),
    errors: () => sorted(errors),
    endpoints() {
      const set = new Set<string>(deferred.keys());
      for (const k of requests.keys()) set.add(k.slice(0, k.indexOf('\0')));
      return [...set].sort();
    },
  };
}
