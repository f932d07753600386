import cron from 'node-cron';
import type { Logger } from '../log/Logger';

/** A running schedule; `stop` frees it (node-cron keeps tasks in a registry until destroyed). */
export interface CronHandle {
  stop(): void;
}

/** Runs `fn` on a node-cron schedule; overlap handling is left to `fn` so overlaps can be counted. */
export function scheduleCron(
  expression: string,
  timezone: string,
  name: string,
  fn: () => Promise<void>,
  logger: Logger,
): CronHandle {
  const task = cron.createTask(
    expression,
    () => fn().catch((err) => logger.error('scheduled run failed', { task: name, err: String(err) })),
    {
      name,
      timezone,
      logger: {
        info: () => {},
        debug: () => {},
        warn: (m) => logger.warn('scheduler', { task: name, detail: m }),
        error: (m) => logger.error('scheduler', { task: name, detail: String(m) }),
      },
    },
  );
  void task.start();
  return { stop: () => void task.destroy() };
}
