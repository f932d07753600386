import { strict as assert } from 'node:assert';
import { MessageChannel } from 'node:worker_threads';
import { sampleLine } from '../../src/metrics/renderExposition';
import { self } from '../../src/metrics/selfMetrics';
import { createSnapshotStore, type TargetSnapshot } from '../../src/snapshot/createSnapshotStore';
import { decodeSnapshot, encodeSnapshot, type EncodedSnapshot } from '../../src/snapshot/encodeSnapshot';
import { catalogue } from '../../src/sources/catalogue';

const defs = new Map(catalogue.map((d) => [d.name, d]));

function snapshot(): TargetSnapshot {
  return {
    families: new Map([
      [self.up, sampleLine(self.up, { target: 'Поддержка "EU" ✓' }, 1) + '\n'],
      [self.overlaps, sampleLine(self.overlaps, { target: 'a' }, 3) + '\n'],
      [self.maxStaleness, ''],
    ]),
  };
}

describe('encodeSnapshot / decodeSnapshot', () => {
  it('round-trips every family byte for byte, multi-byte text and empty families included', () => {
    const s = snapshot();
    const decoded = decodeSnapshot(encodeSnapshot(s), defs);
    assert.deepEqual([...decoded.keys()], [...s.families.keys()]);
    for (const [def, lines] of s.families) assert.equal(decoded.get(def)!.toString('utf8'), lines);
  });

  it('crosses a thread boundary by transfer, and the store serves what arrived as it would the original', async () => {
    const { port1, port2 } = new MessageChannel();
    const encoded = encodeSnapshot(snapshot());
    const arrived = new Promise<EncodedSnapshot>((r) => port2.once('message', r));
    port1.postMessage(encoded, [encoded.bytes]);
    assert.equal(encoded.bytes.byteLength, 0, 'the sender no longer holds the bytes');
    const received = await arrived;
    port1.close();
    const viaBytes = createSnapshotStore(catalogue);
    viaBytes.setBytes('t', decodeSnapshot(received, defs));
    const viaStrings = createSnapshotStore(catalogue);
    viaStrings.set('t', snapshot());
    assert.deepEqual(viaBytes.render('text').body, viaStrings.render('text').body);
  });

  it('refuses a family the catalogue does not know (it would be served without HELP and TYPE)', () => {
    const encoded = encodeSnapshot(snapshot());
    assert.throws(() => decodeSnapshot(encoded, new Map()), /livechat_exporter_up is not in the metrics catalogue/);
  });
});
