import { strict as assert } from 'node:assert';
import { REPORTS } from '../../../src/sources/livechat/reports';
import { series, startHarness, targetYaml, type Harness } from './harness';

const SUNSET = 'livechat_exporter_livechat_api_sunset_timestamp_seconds';
const only = (name: string): string => `reports: {${REPORTS.map((r) => `${r.name}: ${r.name === name}`).join(', ')}}`;

describe('livechat lifecycle headers', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('Deprecation on v3.2 → the stage end at 00:00 UTC', async () => {
    h = await startHarness();
    await h.start(targetYaml(only('tags'), { version: '3.2' }));
    assert.equal(
      h.sim.requests.all()[0]!.responseHeaders?.Deprecation ?? h.sim.requests.all()[0]!.responseHeaders?.deprecation,
      '2023-03-31',
    );
    assert.deepEqual(
      [...series(h.text(), SUNSET)],
      [['{target="lc",version="3.2",stage="deprecation"}', Date.UTC(2023, 2, 31) / 1000]],
    );
    assert.match(h.text(), /# HELP livechat_exporter_livechat_api_sunset_timestamp_seconds .*Legacy\/Deprecation/);
  });

  it('Legacy on v3.5; nothing on the stable v3.6', async () => {
    h = await startHarness();
    await h.start(
      [
        targetYaml(only('tags'), { version: '3.5', name: 'legacy' }),
        targetYaml(only('tags'), { version: '3.6', name: 'stable' }).split('\n').slice(1).join('\n'),
      ].join('\n'),
    );
    assert.deepEqual(
      [...series(h.text(), SUNSET)],
      [['{target="legacy",version="3.5",stage="legacy"}', Date.UTC(2026, 11, 31) / 1000]],
    );
  });

  it('error responses carry the header too', async () => {
    h = await startHarness({ lifecycle: { '3.6': { header: 'Deprecation', date: '2027-02-28' } } });
    h.sim.faults.add({ mode: 'authentication' });
    await h.start(targetYaml(only('tags')));
    assert.deepEqual(
      [...series(h.text(), SUNSET)],
      [['{target="lc",version="3.6",stage="deprecation"}', Date.UTC(2027, 1, 28) / 1000]],
    );
  });
});
