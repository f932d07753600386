import { startHarness, targetYaml } from './harness';

describe('livechat smoke (temporary)', () => {
  it('prints', async () => {
    const h = await startHarness();
    try {
      await h.start(targetYaml('reports: {ranking: true, performance: true}', { windows: '[1h, 24h]' }));
      console.log(h.text());
      for (const e of h.sim.requests.all().slice(0, 3)) console.log(e.method, e.path, JSON.stringify(e.query), JSON.stringify(e.body), e.headers.authorization, e.status);
      console.log(JSON.stringify(h.exporter.states()[0]?.lastError));
    } finally {
      await h.close();
    }
  });
});
