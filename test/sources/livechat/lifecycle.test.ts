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

  describe('notices on the status pages (TargetState.notices)', () => {
    const notices = (name = 'lc') => h.exporter.states().find((s) => s.name === name)!.notices;

    it('a past Deprecation date: the version is switched off, an error naming the day and what to do', async () => {
      h = await startHarness();
      await h.start(targetYaml(only('tags'), { version: '3.2' }));
      assert.deepEqual(notices(), [
        {
          level: 'error',
          at: Date.UTC(2023, 2, 31),
          message:
            'LiveChat Reports API v3.2 is switched off: its deprecation stage ended on 2023-03-31 (Deprecation header), so it may stop answering at any time. Move api_version to 3.6 (docs/livechat.md).',
        },
      ]);
    });

    it('a coming Deprecation date is a warning; a coming Legacy date is information; a stable version has none', async () => {
      h = await startHarness({ lifecycle: { '3.4': { header: 'Deprecation', date: '2024-06-30' } } });
      await h.start(
        [
          targetYaml(only('tags'), { version: '3.4', name: 'deprecated' }),
          targetYaml(only('tags'), { version: '3.5', name: 'legacy' }).split('\n').slice(1).join('\n'),
          targetYaml(only('tags'), { version: '3.6', name: 'stable' }).split('\n').slice(1).join('\n'),
        ].join('\n'),
      );
      assert.deepEqual(notices('deprecated'), [
        {
          level: 'warning',
          at: Date.UTC(2024, 5, 30),
          message:
            'LiveChat Reports API v3.4 is deprecated: LiveChat switches it off on 2024-06-30 (Deprecation header). Move api_version to 3.6 (docs/livechat.md).',
        },
      ]);
      assert.deepEqual(
        notices('legacy').map((n) => [n.level, n.at]),
        [['info', Date.UTC(2026, 11, 31)]],
      );
      assert.match(
        notices('legacy')[0]!.message,
        /^LiveChat Reports API v3\.5 is legacy \(critical fixes only\) until 2026-12-31/,
      );
      assert.deepEqual(notices('stable'), []);
    });

    it('the stable version deprecated: upgrade the exporter, not api_version', async () => {
      h = await startHarness({ lifecycle: { '3.6': { header: 'Deprecation', date: '2027-02-28' } } });
      await h.start(targetYaml(only('tags')));
      assert.match(
        notices()[0]!.message,
        /Upgrade livechat-exporter to a release that supports a newer API version\.$/,
      );
    });
  });
});
