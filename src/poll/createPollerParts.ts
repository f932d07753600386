import { setMaxListeners } from 'node:events';
import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { TargetConfig } from '../config/types';
import type { Logger } from '../log/Logger';
import type { JobOutcome } from '../snapshot/renderTargetSnapshot';
import type { CycleName, Source } from '../sources/Source';
import type { Budget } from '../upstream/createBudget';
import { createUpstreamClient } from '../upstream/createUpstreamClient';
import type { Exchange } from '../upstream/UpstreamClientOptions';
import type { UpstreamHttp } from '../upstream/UpstreamHttp';
import { createFailureRecorder, type FailureRecorder } from './createFailureRecorder';
import type { Redactor } from '../log/createRedactor';
import { createCycleLogger, type CycleLogger } from './createCycleLogger';
import { createLabelSanitizer, type LabelSanitizer } from './createLabelSanitizer';
import { createPollCounters, type PollCounters } from './createPollCounters';
import { cycleDeadlineMs } from './cycleDeadlineMs';
import type { JobAttempt, LastError } from './TargetState';

/** What a target's poller needs. */
export interface TargetPollerDeps {
  readonly target: TargetConfig;
  readonly source: Source;
  readonly budget: Budget;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Masks every form of the target's secrets; applied to error messages, URLs and label values from upstream. */
  readonly redactor: Redactor;
  readonly retryBaseMs?: number;
  /** At most one warning per kind of failing cycle (reasons and endpoints) per interval; default 5 minutes. */
  readonly logRepeatIntervalMs?: number;
  /** How many recent exchanges the debug view keeps. */
  readonly exchangeHistory?: number;
}

/** A job's last outcome, kept across cycles. */
export interface JobResult extends JobOutcome {
  readonly error: LastError | undefined;
  readonly attempt: JobAttempt | undefined;
}

/** How one cycle (analytics or live) of the target last went. */
export interface CycleRecord {
  /** Cycles finished. */
  runs: number;
  lastEnd: number | undefined;
  lastDurationMs: number | undefined;
  /** Whether every request of its last cycle that asked anything succeeded; undefined before one did. */
  ok: boolean | undefined;
  /** The cycle running now has already failed (a request failed, or it passed its deadline). */
  failing: boolean;
}

/** The target's health: each cycle's record, and when every cycle last succeeded together. */
export interface CycleHealth {
  readonly cycles: Map<CycleName, CycleRecord>;
  lastSuccess: number | undefined;
}

/** The state and tools of one target's poller, shared by its cycle, tasks and views. */
export interface PollerParts {
  readonly target: TargetConfig;
  readonly source: Source;
  readonly budget: Budget;
  readonly clock: Clock;
  readonly log: Logger;
  readonly http: UpstreamHttp;
  /** Aborted when the poller stops: in-flight requests and backoff sleeps end. */
  readonly controller: AbortController;
  readonly counters: PollCounters;
  readonly failures: FailureRecorder;
  readonly cycleLog: CycleLogger;
  /** By job key. */
  readonly results: Map<string, JobResult>;
  /** The most recent exchanges, oldest first, for the debug view. */
  readonly exchanges: Exchange[];
  readonly health: CycleHealth;
  readonly redactor: Redactor;
  /** Masks and caps label values from upstream before anything else sees them. */
  readonly sanitize: LabelSanitizer;
  /** When the poller was created: a group never refreshed has been waiting since then. */
  readonly startedAt: number;
  /** How long each cycle may run (cycleDeadlineMs of its schedule). */
  readonly deadlines: ReadonlyMap<CycleName, number>;
}

/** Builds a target's poller parts: counters, failure recorder and an HTTP client that feeds them. */
export function createPollerParts(d: TargetPollerDeps): PollerParts {
  const { target, clock } = d;
  const log = d.logger.child({ target: target.name });
  const controller = new AbortController();
  // Each in-flight request and each backoff sleep listens on this signal: up to two per concurrent job.
  setMaxListeners(Math.max(10, 2 * target.concurrency + 2), controller.signal);
  const counters = createPollCounters();
  const failures = createFailureRecorder({
    counters,
    clock,
    log,
    mask: (text) => d.redactor.mask(text),
  });
  const exchanges: Exchange[] = [];
  const debug = log.enabled('debug');
  const http = createUpstreamClient({
    baseUrl: target.url,
    source: d.source,
    budget: d.budget,
    clock,
    dispatcher: d.dispatcher,
    timeoutMs: target.timeoutMs,
    retries: target.retries,
    retryBaseMs: d.retryBaseMs,
    redact: (text) => d.redactor.mask(text),
    log,
    onExchange: (e) => {
      counters.request(e.endpoint, String(e.status ?? 'none'));
      // Upstream data (department ids) goes into query strings too.
      const url = d.redactor.mask(e.url);
      exchanges.push(url === e.url ? e : { ...e, url });
      if (exchanges.length > (d.exchangeHistory ?? 50)) exchanges.shift();
      // Once per request: at the default level the fields would be built for nothing.
      if (!debug) return;
      log.debug('upstream request', {
        endpoint: e.endpoint,
        method: e.method,
        path: url.replace(/^[a-z]+:\/\/[^/]+/i, ''),
        status: e.status ?? 'none',
        duration_ms: Math.round(e.durationMs),
        bytes: e.bytes,
        reason: e.error?.reason,
      });
    },
  });
  const health: CycleHealth = { cycles: new Map(), lastSuccess: undefined };
  const deadlines = new Map<CycleName, number>([
    ['analytics', cycleDeadlineMs(target.schedule, target.timezone)],
    ['live', cycleDeadlineMs(target.liveSchedule, target.timezone)],
  ]);
  const { source, budget } = d;
  return {
    target,
    source,
    budget,
    clock,
    log,
    http,
    controller,
    counters,
    failures,
    cycleLog: createCycleLogger(log, clock, d.logRepeatIntervalMs ?? 300_000),
    results: new Map(),
    exchanges,
    health,
    redactor: d.redactor,
    sanitize: createLabelSanitizer(d.redactor),
    startedAt: clock.now(),
    deadlines,
  };
}
