import { strict as assert } from 'node:assert';
import { createRedactor, REDACTED, secretForms } from '../../src/log/createRedactor';

describe('createRedactor and secretForms', () => {
  it('derives the forms a Basic header carries: the value, the credentials, and the decoded pair', () => {
    const basic = Buffer.from('acct-1234:tok/en+5678').toString('base64');
    assert.deepEqual(secretForms(['acct-1234', 'tok/en+5678'], [`Basic ${basic}`]), [
      'acct-1234',
      'tok/en+5678',
      encodeURIComponent('tok/en+5678'),
      `Basic ${basic}`,
      basic,
      'acct-1234:tok/en+5678',
    ]);
    assert.deepEqual(secretForms(['abcdefgh'], ['Bearer abcdefgh']), ['abcdefgh', 'Bearer abcdefgh']);
  });

  it('masks the longest form first and counts each masked text once', () => {
    const r = createRedactor(['c3VwZXI=', 'Basic c3VwZXI=', 'ab']);
    assert.equal(r.mask('got Basic c3VwZXI= and c3VwZXI='), `got ${REDACTED} and ${REDACTED}`);
    assert.equal(r.mask('ab is too short to mask'), 'ab is too short to mask');
    assert.equal(r.hide('c3VwZXI='), REDACTED);
    assert.equal(r.masked(), 1, 'hide() is not counted');
  });
});
