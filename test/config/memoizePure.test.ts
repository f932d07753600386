import { strict as assert } from 'node:assert';
import { memoizePure } from '../../src/config/memoizePure';

describe('memoizePure', () => {
  it('checks each input once and answers repeats from memory, false answers included', () => {
    const seen: string[] = [];
    const valid = memoizePure((s) => {
      seen.push(s);
      return s.startsWith('*');
    });
    assert.deepEqual(['* * * * *', 'bad', '* * * * *', 'bad'].map(valid), [true, false, true, false]);
    assert.deepEqual(seen, ['* * * * *', 'bad']);
  });

  it('forgets everything once full, so it stays bounded', () => {
    let calls = 0;
    const len = memoizePure((s) => (calls++, s.length), 2);
    for (const s of ['a', 'bb', 'a', 'ccc', 'a']) len(s);
    // a, bb: checked; a: remembered; ccc: full, cleared, checked; a: checked again.
    assert.equal(calls, 4);
  });
});
