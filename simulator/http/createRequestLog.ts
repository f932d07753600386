/** One recorded request/response pair. */
export interface RequestLogEntry {
  /** Increasing sequence number. */
  seq: number;
  /** Clock time (epoch ms) when the request arrived. */
  time: number;
  method: string;
  path: string;
  /** Parsed query; repeated keys become arrays. */
  query: Record<string, string | string[]>;
  /** Request headers, lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  ip: string;
  /** Parsed JSON request body (or raw text when not JSON), if any. */
  body?: unknown;
  /** Response status; undefined while pending or if the request hung. */
  status?: number;
  responseHeaders?: Record<string, string>;
  /** Response body as served (the object for JSON responses, raw text otherwise). */
  responseBody?: unknown;
  /** Fault mode applied, if any. */
  fault?: string;
}

/** A bounded log of requests; the oldest entries are dropped first. */
export interface RequestLog {
  /** Snapshot of the entries, oldest first. */
  all(): RequestLogEntry[];
  /** The most recent entry, optionally only among those whose path includes `pathIncludes`. */
  last(pathIncludes?: string): RequestLogEntry | undefined;
  /** Entries whose path includes `pathIncludes`. */
  filter(pathIncludes: string): RequestLogEntry[];
  clear(): void;
  readonly size: number;
  /** Records a new entry (kept by reference so the response can be filled in later). */
  record(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry;
}

/** Creates a RequestLog holding at most `max` entries (0 disables recording). */
export function createRequestLog(max: number): RequestLog {
  let entries: RequestLogEntry[] = [];
  let seq = 0;
  return {
    all: () => entries.slice(),
    last(pathIncludes) {
      for (let i = entries.length - 1; i >= 0; i--) {
        const e = entries[i];
        if (e && (pathIncludes === undefined || e.path.includes(pathIncludes))) return e;
      }
      return undefined;
    },
    filter: (pathIncludes) => entries.filter((e) => e.path.includes(pathIncludes)),
    clear() {
      entries = [];
    },
    get size() {
      return entries.length;
    },
    record(partial) {
      const entry: RequestLogEntry = { seq: ++seq, ...partial };
      if (max <= 0) return entry;
      entries.push(entry);
      // Trim in chunks so a full log costs amortised O(1) per request.
      if (entries.length > max + Math.max(16, max >> 3)) entries = entries.slice(entries.length - max);
      return entry;
    },
  };
}
