import { strict as assert } from 'node:assert';
import bcrypt from 'bcryptjs';
import { createManualClock } from '../../src/clock';
import { parseBasicAuthHeader } from '../../src/web/parseBasicAuthHeader';
import { bcryptCost, fakeBcryptHash } from '../../src/web/bcryptHash';
import { parseGoDuration } from '../../src/web/parseGoDuration';
import { subjectAltNames } from '../../src/web/subjectAltNames';
import { createTokenBucket } from '../../src/web/createTokenBucket';

describe('parseGoDuration', () => {
  const cases: Array<[string, number | undefined]> = [
    ['0', 0],
    ['1s', 1000],
    ['250ms', 250],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['500us', 0.5],
    ['', undefined],
    ['1', undefined],
    ['1d', undefined],
    ['-1s', undefined],
    ['1 s', undefined],
    ['s', undefined],
  ];
  for (const [text, ms] of cases)
    it(`${JSON.stringify(text)} → ${String(ms)}`, () => assert.equal(parseGoDuration(text), ms));
});

describe('createTokenBucket', () => {
  it('allows a burst, then one request per interval', () => {
    const clock = createManualClock(0);
    const bucket = createTokenBucket({ intervalMs: 1000, burst: 2, clock });
    assert.deepEqual([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()], [true, true, false]);
    clock.advance(500);
    assert.equal(bucket.tryTake(), false);
    clock.advance(500);
    assert.deepEqual([bucket.tryTake(), bucket.tryTake()], [true, false]);
    clock.advance(10_000);
    assert.deepEqual([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()], [true, true, false]);
  });
});

describe('parseBasicAuthHeader', () => {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  it('splits at the first colon and accepts any scheme case', () => {
    assert.deepEqual(parseBasicAuthHeader(`basic ${b64('al:ice:pw')}`), { user: 'al', password: 'ice:pw' });
    assert.deepEqual(parseBasicAuthHeader(`Basic ${b64('u:')}`), { user: 'u', password: '' });
  });
  it('rejects other schemes, missing colons and bad base64', () => {
    assert.equal(parseBasicAuthHeader(`Bearer ${b64('u:p')}`), undefined);
    assert.equal(parseBasicAuthHeader(`Basic ${b64('nocolon')}`), undefined);
    assert.equal(parseBasicAuthHeader('Basic !!!'), undefined);
    assert.equal(parseBasicAuthHeader(undefined), undefined);
  });
});

describe('bcrypt hashes', () => {
  it('reads the cost of well-formed hashes only', () => {
    assert.equal(bcryptCost('$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi'), 10);
    assert.equal(bcryptCost('$2a$04$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi'), 4);
    assert.equal(bcryptCost('$2y$10$short'), undefined);
    assert.equal(bcryptCost('$2y$32$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi'), undefined);
    assert.equal(bcryptCost('$1$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi'), undefined);
  });
  it('builds a fake hash with the requested cost', () => {
    assert.equal(bcryptCost(fakeBcryptHash(12)), 12);
    assert.equal(bcryptCost(fakeBcryptHash(4)), 4);
  });
  it('builds a fake hash bcryptjs really hashes against (it must not throw early)', () => {
    assert.equal(bcrypt.compareSync('fakepassword', fakeBcryptHash(10)), true);
    assert.equal(bcrypt.compareSync('guess', fakeBcryptHash(4)), false);
  });
});

describe('subjectAltNames', () => {
  it('extracts DNS, IP, email and URI values, compressing IPv6', () => {
    assert.deepEqual(
      subjectAltNames(
        'DNS:client.example, email:ops@example.com, URI:spiffe://example/client, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1',
      ),
      ['client.example', 'ops@example.com', 'spiffe://example/client', '10.0.0.1', '::1'],
    );
  });
  it('unquotes values Node quoted and skips other kinds', () => {
    assert.deepEqual(subjectAltNames('DNS:"a, b", DirName:"CN=x", URI:"u\\"q"'), ['a, b', 'u"q']);
    assert.deepEqual(subjectAltNames(undefined), []);
  });
});
