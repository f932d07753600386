/** A signal that aborts when any of its parents does, or at its deadline; `dispose` unhooks it. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** True once the deadline (not a parent) aborted the signal. */
  readonly timedOut: boolean;
  dispose(): void;
}

/**
 * Like AbortSignal.any() (plus AbortSignal.timeout()), but explicitly disposable.
 * The parents here live as long as a target (the poller's signal, a backoff
 * gate), and AbortSignal.any() leaves a registration behind on them for every
 * request ever linked. The deadline timer does not keep the process alive.
 */
export function linkAbortSignals(parents: readonly AbortSignal[], timeoutMs?: number): LinkedSignal {
  const controller = new AbortController();
  const hooks: (() => void)[] = [];
  let timedOut = false;
  for (const parent of parents) {
    if (parent.aborted) {
      controller.abort(parent.reason);
      break;
    }
    const onAbort = () => controller.abort(parent.reason);
    parent.addEventListener('abort', onAbort, { once: true });
    hooks.push(() => parent.removeEventListener('abort', onAbort));
  }
  if (timeoutMs !== undefined && !controller.signal.aborted) {
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, timeoutMs);
    timer.unref();
    hooks.push(() => clearTimeout(timer));
  }
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose: () => hooks.forEach((unhook) => unhook()),
  };
}
