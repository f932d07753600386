const BCRYPT = /^\$2[aby]?\$(\d\d)\$[./A-Za-z0-9]{53}$/;

/**
 * The cost of a well-formed bcrypt hash ($2$, $2a$, $2b$ or $2y$, cost 4–31, 53
 * characters of salt and digest), or undefined when it is not one. Checked at load
 * time so a typo fails the config instead of silently locking a user out.
 */
export function bcryptCost(hash: string): number | undefined {
  const m = BCRYPT.exec(hash);
  if (!m) return undefined;
  const cost = Number(m[1]);
  return cost >= 4 && cost <= 31 ? cost : undefined;
}

// exporter-toolkit's fixed fake hash (of "fakepassword"), minus its "$2y$10$" prefix.
const FAKE_SALT_AND_DIGEST = 'QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi';

/**
 * A fixed, well-formed bcrypt hash with the given cost. Unknown users are checked
 * against it so that their request costs the same bcrypt work as a known user with a
 * wrong password, and user names cannot be enumerated by timing.
 */
export function fakeBcryptHash(cost: number): string {
  return `$2y$${String(cost).padStart(2, '0')}$${FAKE_SALT_AND_DIGEST}`;
}
