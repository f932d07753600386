import { strict as assert } from 'node:assert';
import { capLabelValue } from '../../src/metrics/capLabelValue';

describe('capLabelValue', () => {
  it('keeps values up to the cap as they are', () => {
    assert.equal(capLabelValue('x'.repeat(1024)), 'x'.repeat(1024));
    assert.equal(capLabelValue('é'.repeat(512)), 'é'.repeat(512), '1024 bytes exactly');
  });

  it('cuts on a code point, within the cap, with the bytes cut and a hash of the whole value', () => {
    const v = '😀'.repeat(300); // 1,200 bytes
    const out = capLabelValue(v, 100);
    assert.ok(Buffer.byteLength(out) <= 100);
    assert.match(out, /^(😀)+…\[cut \d+ bytes, [0-9a-f]{8}\]$/u);
    const kept = out.slice(0, out.indexOf('…'));
    assert.equal(Number(/cut (\d+)/.exec(out)![1]), 1200 - Buffer.byteLength(kept));
    assert.notEqual(capLabelValue(`${v}a`, 100), out, 'values sharing the kept prefix stay apart');
  });
});
