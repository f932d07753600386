import cron from 'node-cron';
import type { Logger } from '../log/Logger';

/** A subscription to a schedule; `stop` ends it (the last one of a schedule frees node-cron's task). */
export interface CronHandle {
  stop(): void;
}

/** Shares one node-cron task among every subscriber of the same expression and timezone. */
export interface CronHub {
  /** Runs `fn` on the schedule; overlap handling is left to `fn` so overlaps can be counted. */
  schedule(expression: string, timezone: string, name: string, fn: () => Promise<void>, logger: Logger): CronHandle;
  /** Schedules with at least one subscriber (for tests and the status page). */
  size(): number;
}

interface Subscriber {
  readonly name: string;
  readonly fn: () => Promise<void>;
  readonly logger: Logger;
}

/** Starts the node-cron task of one schedule, calling every subscriber at each match. */
function startTask(expression: string, timezone: string, subscribers: ReadonlySet<Subscriber>, logger: Logger) {
  const name = `${expression} (${timezone})`;
  const task = cron.createTask(
    expression,
    () => {
      // Each subscriber runs on its own: one slow or failing target never delays another.
      for (const s of subscribers) {
        s.fn().catch((err) => s.logger.error('scheduled run failed', { task: s.name, err: String(err) }));
      }
    },
    {
      name,
      timezone,
      logger: {
        info: () => {},
        debug: () => {},
        warn: (m) => logger.warn('scheduler', { schedule: name, detail: m }),
        error: (m) => logger.error('scheduler', { schedule: name, detail: String(m) }),
      },
    },
  );
  void task.start();
  return task;
}

/**
 * Creates a hub. With hundreds of targets on the same schedule, one task per
 * schedule works out the next match (timezone arithmetic) once per fire, not
 * once per target, and holds one timer instead of hundreds.
 */
export function createCronHub(): CronHub {
  const schedules = new Map<string, { subscribers: Set<Subscriber>; destroy: () => void }>();
  return {
    schedule(expression, timezone, name, fn, logger) {
      const key = `${expression}\0${timezone}`;
      let s = schedules.get(key);
      if (!s) {
        const subscribers = new Set<Subscriber>();
        const task = startTask(expression, timezone, subscribers, logger);
        schedules.set(key, (s = { subscribers, destroy: () => void task.destroy() }));
      }
      const entry = s;
      const subscriber: Subscriber = { name, fn, logger };
      entry.subscribers.add(subscriber);
      return {
        stop() {
          if (!entry.subscribers.delete(subscriber) || entry.subscribers.size > 0) return;
          entry.destroy();
          schedules.delete(key);
        },
      };
    },
    size: () => schedules.size,
  };
}
