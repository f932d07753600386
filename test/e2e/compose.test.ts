import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/loadConfig';
import { SOURCE_KINDS } from '../../src/sources/sourceKinds';
import { REPO_ROOT } from '../helpers/paths';

/** The compose stack cannot run here (no Docker); these checks keep its files consistent with what the e2e test runs. */
interface Service {
  build?: unknown;
  image?: string;
  entrypoint?: string[];
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}
const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};

describe('e2e: docker-compose.yml', () => {
  it('runs exporter, simulator, Prometheus and Grafana', () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ['exporter', 'grafana', 'prometheus', 'simulator']);
    assert.equal(compose.services.exporter!.build, '.');
    // The Dockerfile's simulator stage; the default target, the exporter's runtime image, has no simulator.
    assert.deepEqual(compose.services.simulator!.build, { context: '.', target: 'simulator' });
  });

  it('starts the simulators on the ports the exporter config polls', () => {
    const sim = compose.services.simulator!;
    assert.deepEqual(
      [...sim.entrypoint!, ...sim.command!],
      [
        'node',
        'dist/simulator/main.js',
        '--rocketchat.listen-address=0.0.0.0:10471',
        '--livechat.listen-address=0.0.0.0:10472',
        '--chatwoot.listen-address=0.0.0.0:10473',
      ],
    );
  });

  it('gives the exporter a config that validates, with the credentials compose sets', () => {
    const exporter = compose.services.exporter!;
    assert.ok(exporter.volumes?.includes('./deploy/compose/exporter.yml:/etc/livechat-exporter/config.yml:ro'));
    const file = join(REPO_ROOT, 'deploy', 'compose', 'exporter.yml');
    const config = parseConfig(readFileSync(file, 'utf8'), {
      env: exporter.environment ?? {},
      kinds: SOURCE_KINDS,
      file,
    });
    assert.deepEqual(
      config.targets.map((t) => [t.name, t.kind, t.url]),
      [
        ['demo-rocketchat', 'rocketchat', 'http://simulator:10471'],
        ['demo-livechat', 'livechat', 'http://simulator:10472'],
        ['demo-chatwoot', 'chatwoot', 'http://simulator:10473'],
      ],
    );
    for (const t of config.targets)
      assert.ok(
        t.windows.some((w) => w.label === '15m'),
        `${t.name} polls no 15m window (the spike alert needs it)`,
      );
  });

  it('has Prometheus scrape the exporter and load rules/livechat-exporter.rules.yml', () => {
    const prom = compose.services.prometheus!;
    assert.ok(prom.volumes?.includes('./deploy/compose/prometheus.yml:/etc/prometheus/prometheus.yml:ro'));
    assert.ok(prom.volumes?.includes('./rules:/etc/prometheus/rules:ro'));
    const config = parse(readFileSync(join(REPO_ROOT, 'deploy', 'compose', 'prometheus.yml'), 'utf8')) as {
      rule_files: string[];
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    assert.deepEqual(config.rule_files, ['/etc/prometheus/rules/livechat-exporter.rules.yml']);
    assert.deepEqual(
      config.scrape_configs.map((j) => [j.job_name, j.static_configs[0]!.targets]),
      [['livechat-exporter', ['exporter:10458']]],
    );
  });
});
