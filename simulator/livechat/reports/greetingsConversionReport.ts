import { deriveSeed } from '../../world/createRandom';
import { createBucketer } from './createBucketer';
import { dict } from './reportFields';
import type { Report } from './ReportScope';

/** Accepted greetings per bucket, with displays, dismissals and goals derived from the world's seed. */
export const greetingsConversionReport: Report = (scope) => {
  const { req, world } = scope;
  let total = 0;
  const b = createBucketer(req.distribution, req.zone, req.from, req.to);
  const { records } = scope.bucketed(
    () => ({ key: '', greetings: new Map<number, number>() }),
    (a, c) => {
      if (c.greetingId === null) return;
      a.key = b.keyOf(c.createdAt);
      a.greetings.set(c.greetingId, (a.greetings.get(c.greetingId) ?? 0) + 1);
    },
    (a) => {
      const out = dict<unknown>();
      for (const [id, accepted] of [...a.greetings].sort((x, y) => x[0] - y[0])) {
        total += accepted;
        // Displays and dismissals are not modelled per visitor; derive stable, plausible numbers.
        const h = deriveSeed(world.seed, 'greeting', a.key, id);
        const canceled = h % (accepted + 2);
        out[String(id)] = {
          accepted,
          canceled,
          displayed: accepted + canceled + (h % 7),
          goals: (h >>> 3) % (accepted + 1),
        };
      }
      return out;
    },
  );
  return { name: 'greetings-conversion-report', total, records };
};
