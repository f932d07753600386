import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { gzipParts } from '../../src/snapshot/gzipParts';

const gz = (parts: Buffer[]) =>
  gzipParts(
    parts,
    parts.reduce((n, p) => n + p.length, 0),
    { level: 3 },
  );

describe('gzipParts', () => {
  it('compresses parts in order, including empty ones, to what joining them gives', async () => {
    const parts = ['a{x="1"} 1\n', '', 'b 2\n', 'c{y="é"} 3\n'].map((s) => Buffer.from(s));
    assert.deepEqual(gunzipSync(await gz(parts)), Buffer.concat(parts));
  });

  it('carries parts across its 1 MiB block, one larger than the block included', async () => {
    // Random bytes do not compress: the output spans several zlib chunks too.
    const parts = [randomBytes(700_000), randomBytes(3_000_000), Buffer.from('tail\n'), randomBytes(1 << 20)];
    assert.deepEqual(gunzipSync(await gz(parts)), Buffer.concat(parts));
  });

  it('gives a valid empty member for no bytes', async () => {
    assert.equal(gunzipSync(await gz([])).length, 0);
    assert.equal(gunzipSync(await gz([Buffer.alloc(0)])).length, 0);
  });
});
