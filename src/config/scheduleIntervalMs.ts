import cron from 'node-cron';

/**
 * The shortest gap between the next few runs of a cron expression, in ms
 * (e.g. 60000 for "* * * * *"). Used to check that a request's timeout fits
 * inside one poll interval.
 */
export function scheduleIntervalMs(expression: string, timezone: string): number | undefined {
  const task = cron.createTask(expression, () => undefined, { timezone });
  try {
    const runs = task.getNextRuns(6).map((d) => d.getTime());
    let min = Infinity;
    for (let i = 1; i < runs.length; i++) min = Math.min(min, runs[i]! - runs[i - 1]!);
    return Number.isFinite(min) ? min : undefined;
  } finally {
    void task.destroy();
  }
}
