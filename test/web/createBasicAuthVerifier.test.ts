import { strict as assert } from 'node:assert';
import bcrypt from 'bcryptjs';
import { createBasicAuthVerifier, type PasswordComparator } from '../../src/web/createBasicAuthVerifier';

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The real comparator, recording which hash each compare used. */
function countingCompare(): PasswordComparator & { hashes: string[] } {
  const hashes: string[] = [];
  const fn = (password: string, hash: string): Promise<boolean> => {
    hashes.push(hash);
    return bcrypt.compare(password, hash);
  };
  return Object.assign(fn, { hashes });
}

describe('createBasicAuthVerifier', () => {
  const aliceHash = bcrypt.hashSync('s3cret', 5);
  const users = new Map([['alice', aliceHash]]);

  it('accepts the right password and rejects everything else', async () => {
    const v = createBasicAuthVerifier({ users });
    assert.equal(await v.verify(basic('alice', 's3cret')), true);
    assert.equal(await v.verify(basic('alice', 'wrong')), false);
    assert.equal(await v.verify(basic('mallory', 's3cret')), false);
    assert.equal(await v.verify(undefined), false);
    assert.equal(await v.verify('Bearer abc'), false);
  });

  it('runs exactly one compare for a wrong password and for an unknown user, at the same cost', async () => {
    const compare = countingCompare();
    const v = createBasicAuthVerifier({ users, compare });
    assert.equal(await v.verify(basic('alice', 'wrong')), false);
    assert.equal(await v.verify(basic('mallory', 'whatever')), false);
    assert.equal(compare.hashes.length, 2);
    assert.equal(compare.hashes[0], aliceHash);
    assert.notEqual(compare.hashes[1], aliceHash);
    assert.equal(bcrypt.getRounds(compare.hashes[1] ?? ''), bcrypt.getRounds(aliceHash));
  });

  it('never caches failures', async () => {
    const compare = countingCompare();
    const v = createBasicAuthVerifier({ users, compare });
    for (let i = 0; i < 3; i++) assert.equal(await v.verify(basic('alice', 'wrong')), false);
    assert.equal(compare.hashes.length, 3);
  });

  it('caches successes so repeated scrapes skip bcrypt', async () => {
    const compare = countingCompare();
    const v = createBasicAuthVerifier({ users, compare });
    for (let i = 0; i < 3; i++) assert.equal(await v.verify(basic('alice', 's3cret')), true);
    assert.equal(compare.hashes.length, 1);
  });

  it('does not serve a cached success to another verifier (new config)', async () => {
    const compare = countingCompare();
    assert.equal(await createBasicAuthVerifier({ users, compare }).verify(basic('alice', 's3cret')), true);
    const rotated = new Map([['alice', bcrypt.hashSync('n3w', 5)]]);
    const v2 = createBasicAuthVerifier({ users: rotated, compare });
    assert.equal(await v2.verify(basic('alice', 's3cret')), false);
    assert.equal(await v2.verify(basic('alice', 'n3w')), true);
    assert.equal(compare.hashes.length, 3);
  });

  it('runs compares one at a time', async () => {
    let running = 0;
    let maxRunning = 0;
    const compare: PasswordComparator = async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return false;
    };
    const v = createBasicAuthVerifier({ users, compare });
    await Promise.all([1, 2, 3, 4].map(() => v.verify(basic('alice', 'x'))));
    assert.equal(maxRunning, 1);
  });

  it('evicts the oldest success beyond the cache size', async () => {
    const compare = countingCompare();
    const many = new Map([
      ['a', bcrypt.hashSync('1', 4)],
      ['b', bcrypt.hashSync('2', 4)],
    ]);
    const v = createBasicAuthVerifier({ users: many, compare, cacheSize: 1 });
    await v.verify(basic('a', '1'));
    await v.verify(basic('b', '2'));
    await v.verify(basic('a', '1'));
    assert.equal(compare.hashes.length, 3);
  });
});
