import type { Clock } from '../clock';
import type { Logger } from '../log/Logger';
import { UpstreamError } from '../upstream/UpstreamError';
import type { PollCounters } from './createPollCounters';
import type { LastError } from './TargetState';

/**
 * Where a target's failures go: counted, logged at debug (each cycle logs a
 * summary of its failures at warn), and auth refusals remembered.
 */
export interface FailureRecorder {
  /** Records one failed request; returns it as the target's last error. */
  failed(
    endpoint: string,
    err: UpstreamError,
    labels: Readonly<Record<string, string>> | undefined,
    durationMs: number,
  ): LastError;
  /** Records one malformed value that was skipped (the job itself succeeded). */
  badValue(endpoint: string, labels: Readonly<Record<string, string>> | undefined, message: string): void;
  lastError(): LastError | undefined;
  /** Set while the upstream refuses the target's credentials (401): nothing is asked until unblocked. */
  targetBlocked(): string | undefined;
  /** Endpoints refused on their own (403), by endpoint, with the refusal message. */
  blockedEndpoints(): ReadonlyMap<string, string>;
  isBlocked(endpoint: string): boolean;
  /** Forgets auth refusals, so the next cycle asks again (a reload does this). */
  unblock(): void;
}

/** What the recorder needs. */
export interface FailureRecorderDeps {
  readonly counters: PollCounters;
  readonly clock: Clock;
  /** The target's logger. */
  readonly log: Logger;
  /** Masks the target's secrets in a message (which may quote upstream). */
  readonly mask: (text: string) => string;
}

/** Creates a target's failure recorder. */
export function createFailureRecorder(d: FailureRecorderDeps): FailureRecorder {
  const blocked = new Map<string, string>();
  let targetBlocked: string | undefined;
  let last: LastError | undefined;

  return {
    failed(endpoint, failure, labels, durationMs) {
      const message = d.mask(failure.message);
      const err = message === failure.message ? failure : new UpstreamError(failure.reason, message, failure.details);
      d.counters.error(endpoint, err.reason);
      last = { at: d.clock.now(), endpoint, reason: err.reason, message: err.message, labels };
      d.log.debug('upstream request failed', {
        endpoint,
        window: labels?.window,
        department: labels?.department,
        reason: err.reason,
        status: err.status,
        duration_ms: Math.round(durationMs),
        error: err.message,
      });
      // Refused credentials: asking again only burns the upstream's rate limit until the next reload.
      if (err.reason === 'auth') {
        if (err.details.endpointOnly) blocked.set(endpoint, err.message);
        else targetBlocked = err.message;
      }
      return last;
    },
    badValue(endpoint, labels, message) {
      // A malformed value costs that one value, not the whole response: count it and go on.
      d.counters.error(endpoint, 'parse');
      d.log.debug('unparsable upstream value', {
        endpoint,
        window: labels?.window,
        department: labels?.department,
        reason: 'parse',
        msg_detail: d.mask(message),
      });
    },
    lastError: () => last,
    targetBlocked: () => targetBlocked,
    blockedEndpoints: () => blocked,
    isBlocked: (endpoint) => targetBlocked !== undefined || blocked.has(endpoint),
    unblock() {
      targetBlocked = undefined;
      blocked.clear();
    },
  };
}
