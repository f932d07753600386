import { Agent, request } from 'node:http';
import { epochMs, sleep } from './stats';

/** One scrape, timed on the wall clock (epoch ms, comparable with the simulator process' clock). */
export interface TimedScrape {
  readonly start: number;
  readonly end: number;
  /** HTTP 200 and the whole body read. */
  readonly ok: boolean;
}

/** Scrapers running until stopped; they start paused. */
export interface Scrapers {
  /** (Re)starts asking. */
  resume(): void;
  /** Stops asking after the scrapes in flight (resume() starts again). */
  pause(): void;
  /** Stops asking, waits for the answers in flight, and returns every scrape, in finishing order. */
  stop(): Promise<TimedScrape[]>;
}

/** Gives up on an answer after this long (it then counts as failed). */
const TIMEOUT_MS = 30_000;

/** One GET on `agent`, its body read and dropped. */
function scrapeOnce(url: string, headers: Readonly<Record<string, string>>, agent: Agent): Promise<TimedScrape> {
  const start = epochMs();
  return new Promise((resolve) => {
    const done = (ok: boolean) => resolve({ start, end: epochMs(), ok });
    const req = request(url, { agent, headers, timeout: TIMEOUT_MS }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => done(res.statusCode === 200));
      res.on('error', () => done(false));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done(false));
    req.end();
  });
}

/**
 * Creates `connections` scrapers, paused: once resumed, each asks on its own keep-alive connection
 * again as soon as its previous answer is read (a closed loop, like wrk), and times every scrape —
 * so that the caller can keep those that overlap some window, which wrk cannot tell.
 */
export function createScrapers(o: {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
}): Scrapers {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const scrapes: TimedScrape[] = [];
  let stopped = false;
  let paused = true;
  let wake: (() => void) | undefined;
  let resumed = new Promise<void>((r) => (wake = r));
  const loop = async () => {
    while (!stopped) {
      if (paused) {
        await resumed;
        continue;
      }
      const s = await scrapeOnce(o.url, o.headers, agent);
      scrapes.push(s);
      // A refused connection fails at once: do not spin.
      if (!s.ok) await sleep(10);
    }
  };
  const loops = Array.from({ length: o.connections }, loop);
  const release = () => {
    paused = false;
    wake?.();
  };
  return {
    resume: release,
    pause() {
      if (paused) return;
      paused = true;
      resumed = new Promise<void>((r) => (wake = r));
    },
    async stop() {
      stopped = true;
      release();
      await Promise.all(loops);
      agent.destroy();
      return scrapes;
    },
  };
}
