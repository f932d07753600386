import type { Clock } from '../clock';

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
 * request ever linked. The deadline runs on `clock` (a test's manual clock can
 * let it pass in no wall time); dispose it, or its timer keeps the process alive.
 */
export function linkAbortSignals(
  parents: readonly AbortSignal[],
  deadline?: { readonly ms: number; readonly clock: Clock },
): LinkedSignal {
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
  if (deadline !== undefined && !controller.signal.aborted) {
    hooks.push(
      deadline.clock.after(deadline.ms, () => {
        timedOut = true;
        controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      }),
    );
  }
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose: () => hooks.forEach((unhook) => unhook()),
  };
}
