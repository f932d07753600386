import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { bcryptCost, fakeBcryptHash } from './bcryptHash';
import { parseBasicAuthHeader } from './parseBasicAuthHeader';

/** Checks a password against a bcrypt hash; injectable so tests can count calls. */
export type PasswordComparator = (password: string, hash: string) => Promise<boolean>;

/** Decides whether an `Authorization` header carries valid credentials. */
export interface BasicAuthVerifier {
  verify(authorization: string | undefined): Promise<boolean>;
}

/** bcryptjs's asynchronous compare, which yields to the event loop while hashing. */
export const bcryptCompare: PasswordComparator = (password, hash) => bcrypt.compare(password, hash);

const DEFAULT_CACHE_SIZE = 100;

/**
 * Basic auth against bcrypt hashes, following exporter-toolkit's handler:
 * - a request without parseable Basic credentials is refused without hashing;
 * - otherwise exactly one bcrypt compare runs unless a previous success is cached;
 *   an unknown user is compared against a fixed fake hash of the users' cost so it
 *   takes as long as a wrong password (no user enumeration by timing);
 * - compares run one at a time, as bcrypt is CPU-bound and Node has one thread;
 * - only successes are cached, keyed by a SHA-256 of (user, stored hash, password), so
 *   failures always pay full price and a changed hash never matches an old entry.
 * Build a new verifier when the users change: that also drops the cache.
 */
export function createBasicAuthVerifier(deps: {
  users: ReadonlyMap<string, string>;
  compare?: PasswordComparator;
  cacheSize?: number;
}): BasicAuthVerifier {
  const { users, compare = bcryptCompare, cacheSize = DEFAULT_CACHE_SIZE } = deps;
  const fakeHash = fakeBcryptHash(typicalCost(users));
  const successes = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    async verify(authorization) {
      const creds = parseBasicAuthHeader(authorization);
      if (!creds) return false;
      const stored = users.get(creds.user);
      const hash = stored ?? fakeHash;
      const key = createHash('sha256')
        .update(JSON.stringify([creds.user, hash, creds.password]))
        .digest('hex');
      if (stored !== undefined && successes.has(key)) return true;
      const matches = await serially(() => compare(creds.password, hash).catch(() => false));
      if (stored === undefined || !matches) return false;
      // Bounded; Set iteration order makes the first entry the oldest.
      if (successes.size >= cacheSize) {
        const oldest = successes.values().next();
        if (!oldest.done) successes.delete(oldest.value);
      }
      successes.add(key);
      return true;
    },
  };
}

// The most common cost among the users (ties: the higher), so the fake compare costs
// what a real one does; 10 (htpasswd's and exporter-toolkit's) when there are none.
function typicalCost(users: ReadonlyMap<string, string>): number {
  const counts = new Map<number, number>();
  for (const hash of users.values()) {
    const cost = bcryptCost(hash);
    if (cost !== undefined) counts.set(cost, (counts.get(cost) ?? 0) + 1);
  }
  let best = 10;
  let bestCount = 0;
  for (const [cost, count] of counts) {
    if (count > bestCount || (count === bestCount && cost > best)) [best, bestCount] = [cost, count];
  }
  return best;
}
