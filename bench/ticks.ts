import type { Activity, ActivityWindow, SimulatorProcess } from './startSimulatorProcess';
import { sleep } from './stats';

/** The first multiple of `periodMs` (a schedule's tick, in epoch ms) at or after `t`. */
export const nextTick = (t: number, periodMs: number): number => Math.ceil(t / periodMs) * periodMs;

/** Whether a window of `a` is over: nothing in flight and quiet for the gap since (a later window closes it too). */
export function isClosed(a: Activity, w: ActivityWindow): boolean {
  if (w !== a.windows[a.windows.length - 1]) return true;
  return a.inFlight === 0 && a.now - a.lastActivity >= a.gapMs;
}

/**
 * Waits until the simulators have served a burst that began at or after `after` (epoch ms) and it is
 * over; polls every 100 ms. Throws once `deadline` passes without one.
 */
export async function waitForBurst(sim: SimulatorProcess, after: number, deadline: number): Promise<ActivityWindow> {
  for (;;) {
    const a = await sim.activity();
    const i = a.windows.findIndex((w) => w.start >= after);
    if (i >= 0 && isClosed(a, a.windows[i]!)) return a.windows[i]!;
    if (a.now > deadline)
      throw new Error(`no burst of upstream requests finished in time (after ${new Date(after).toISOString()})`);
    await sleep(100);
  }
}
