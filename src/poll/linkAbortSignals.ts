/** A signal that aborts when any of its parents does; `dispose` unhooks it from them. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * Like AbortSignal.any(), but explicitly disposable. The parents here live as
 * long as a target (the poller's signal, a backoff gate), and AbortSignal.any()
 * leaves a registration behind on them for every request ever linked.
 */
export function linkAbortSignals(parents: readonly AbortSignal[]): LinkedSignal {
  const controller = new AbortController();
  const hooks: (() => void)[] = [];
  for (const parent of parents) {
    if (parent.aborted) {
      controller.abort(parent.reason);
      break;
    }
    const onAbort = () => controller.abort(parent.reason);
    parent.addEventListener('abort', onAbort, { once: true });
    hooks.push(() => parent.removeEventListener('abort', onAbort));
  }
  return { signal: controller.signal, dispose: () => hooks.forEach((unhook) => unhook()) };
}
