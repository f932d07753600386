import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { DEFAULT_CONFIG_FILE, DEFAULT_PORT, FlagError, parseFlags } from '../../src/cli/parseFlags';
import { resolveShard } from '../../src/cli/resolveShard';
import { PROMETHEUS_RULE_FILE, renderPrometheusRule, RULES_FILE } from '../../src/tools/renderPrometheusRule';
import { REPO_ROOT } from '../helpers/paths';
import { runCli } from '../helpers/runCli';

/** The fields of the rendered objects these tests read (a partial view of the Kubernetes types). */
interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string> };
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
}
interface Container {
  image: string;
  args: string[];
  env: EnvVar[];
  ports: unknown[];
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
  livenessProbe: { httpGet: unknown };
  readinessProbe: { httpGet: unknown };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: unknown;
}
interface KeyToPath {
  key: string;
  path: string;
}
interface ProjectedSource {
  configMap?: { name: string; items: KeyToPath[] };
  secret?: { name: string; items: KeyToPath[] };
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: {
    containers: Container[];
    volumes: { name: string; projected: { sources: ProjectedSource[] } }[];
    securityContext: { runAsNonRoot: boolean; runAsUser: number; seccompProfile: { type: string } };
    automountServiceAccountToken?: boolean;
  };
}
interface Workload extends K8sObject {
  spec: { replicas: number; template: PodTemplate; serviceName?: string; podManagementPolicy?: string };
}
interface Service extends K8sObject {
  spec: { clusterIP: string; selector: Record<string, string>; ports: unknown[] };
}
interface ServiceMonitor extends K8sObject {
  spec: { selector: { matchLabels: Record<string, string> }; endpoints: { port: string; path: string }[] };
}
interface PortRule {
  ports: { port: string | number; protocol: string }[];
}
interface NetworkPolicy extends K8sObject {
  spec: {
    podSelector: { matchLabels: Record<string, string> };
    policyTypes: string[];
    ingress: PortRule[];
    egress: PortRule[];
  };
}
interface ConfigMap extends K8sObject {
  data: Record<string, string>;
}
interface PrometheusRule extends K8sObject {
  spec: { groups: unknown };
}

const KUBECTL = 'kubectl';
const BASE = 'deploy/kubernetes';
const SHARDED = 'deploy/kubernetes/overlays/sharded';
const SECRET = 'livechat-exporter-credentials';
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

/** `kubectl kustomize dir`: the rendered objects; 'missing' when kubectl is not installed. */
function kustomize(dir: string): Promise<K8sObject[] | 'missing'> {
  return new Promise((resolve, reject) => {
    execFile(KUBECTL, ['kustomize', dir], { cwd: REPO_ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') return resolve('missing');
      if (err) return reject(new Error(`kubectl kustomize ${dir} failed:\n${stderr}`));
      resolve(parseAllDocuments(stdout).map((d) => d.toJS() as K8sObject));
    });
  });
}

/** The one object of `kind`, typed as the caller reads it. */
function byKind<T extends K8sObject>(objects: K8sObject[], kind: string): T {
  const found = objects.filter((o) => o.kind === kind);
  assert.equal(found.length, 1, `${found.length} objects of kind ${kind}`);
  return found[0] as T;
}

const workloadOf = (objects: K8sObject[]): Workload =>
  objects.find((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet') as Workload;

/** Kubernetes' `$(VAR)` expansion of a container's args from its env (literal values and the pod's own name). */
function expandArgs(container: Container, podName: string): string[] {
  const env = new Map<string, string>();
  for (const e of container.env) {
    if (typeof e.value === 'string') env.set(e.name, e.value);
    else if (e.valueFrom?.fieldRef?.fieldPath === 'metadata.name') env.set(e.name, podName);
  }
  return container.args.map((a) =>
    a.replace(/\$\((\w+)\)/g, (m, name: string) => env.get(name) ?? assert.fail(`${a}: $(${name}) is not set`)),
  );
}

describe('deploy/kubernetes: the kustomize base and the sharded overlay, rendered by kubectl', function () {
  this.timeout(120_000);
  let base: K8sObject[];
  let sharded: K8sObject[];

  before(async function () {
    const b = await kustomize(BASE);
    if (b === 'missing') {
      if (process.env.CI) throw new Error('kubectl is missing: CI renders deploy/kubernetes with `kubectl kustomize`');
      this.skip();
    }
    base = b;
    sharded = (await kustomize(SHARDED)) as K8sObject[];
  });

  it('renders the base: one process in a Deployment, with its Service, config, monitoring and policy', async () => {
    assert.deepEqual(base.map((o) => o.kind).sort(), [
      'ConfigMap',
      'Deployment',
      'NetworkPolicy',
      'PrometheusRule',
      'Service',
      'ServiceAccount',
      'ServiceMonitor',
    ]);
    assert.deepEqual(await kustomize(`${BASE}/base`), base, 'deploy/kubernetes is deploy/kubernetes/base');
    for (const o of base) assert.equal(o.metadata.labels?.['app.kubernetes.io/name'], 'livechat-exporter', o.kind);
    assert.ok(!base.some((o) => o.kind === 'Secret'), 'no secret is shipped: the operator creates it');
  });

  it('renders the sharded overlay: the same objects with a StatefulSet instead of the Deployment', () => {
    assert.deepEqual(
      sharded.map((o) => o.kind).sort(),
      base
        .map((o) => o.kind)
        .map((k) => (k === 'Deployment' ? 'StatefulSet' : k))
        .sort(),
    );
    const sts = byKind<Workload>(sharded, 'StatefulSet');
    assert.equal(sts.spec.podManagementPolicy, 'Parallel');
    assert.equal(sts.spec.serviceName, byKind(sharded, 'Service').metadata.name);
    // The pod is the base Deployment's, plus the shard flags and their env vars.
    const shardPod = structuredClone(sts.spec.template);
    const c = shardPod.spec.containers[0]!;
    c.args = c.args.filter((a) => !/^--(pod|total-shards)=/.test(a));
    c.env = c.env.filter((e) => !['POD_NAME', 'TOTAL_SHARDS'].includes(e.name));
    assert.deepEqual(shardPod, byKind<Workload>(base, 'Deployment').spec.template);
  });

  for (const [name, kind] of [
    ['base', 'Deployment'],
    ['sharded', 'StatefulSet'],
  ] as const) {
    describe(`the ${kind}'s pod (${name})`, () => {
      const workload = () => byKind<Workload>(name === 'base' ? base : sharded, kind);
      const container = () => workload().spec.template.spec.containers[0]!;

      it('runs the released image without privileges: non-root, read-only root filesystem, no capabilities', () => {
        const pod = workload().spec.template.spec;
        assert.equal(pod.containers.length, 1);
        assert.equal(container().image, `ghcr.io/livechat-exporter/livechat-exporter:${pkg.version}`);
        assert.equal(pod.automountServiceAccountToken, false, 'the exporter needs no Kubernetes API');
        assert.equal(pod.securityContext.runAsNonRoot, true);
        assert.ok(pod.securityContext.runAsUser > 0);
        assert.equal(pod.securityContext.seccompProfile.type, 'RuntimeDefault');
        assert.deepEqual(container().securityContext, {
          allowPrivilegeEscalation: false,
          privileged: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        });
      });

      it('probes /-/healthy for liveness and /-/ready for readiness on the exporter port', () => {
        const c = container();
        assert.deepEqual(c.ports, [{ name: 'http', containerPort: DEFAULT_PORT, protocol: 'TCP' }]);
        assert.deepEqual(c.livenessProbe.httpGet, { path: '/-/healthy', port: 'http' });
        assert.deepEqual(c.readinessProbe.httpGet, { path: '/-/ready', port: 'http' });
      });

      it('requests and limits memory as measured in docs/performance.md', () => {
        const mebibytes = (q: string) => {
          const m = /^(\d+)Mi$/.exec(q);
          assert.ok(m, `memory quantity ${q} in Mi`);
          return Number(m[1]);
        };
        const { requests, limits } = container().resources;
        const [request, limit] = [requests.memory ?? '', limits.memory ?? ''];
        // Measured: 140-152 MiB RSS for a small config once idle; 417 MiB peak with 500 targets and 110k series.
        assert.ok(mebibytes(request) >= 152, request);
        assert.ok(mebibytes(limit) >= 417, limit);
        assert.ok(requests.cpu, 'a CPU request');
      });

      it('validates its ConfigMap config with --config.check, given the secrets the pod mounts and the env it sets', async () => {
        const objects = name === 'base' ? base : sharded;
        const pod = workload().spec.template.spec;
        const c = container();
        assert.ok(!c.args.some((a) => a.startsWith('--config.file')), 'the default --config.file is used');
        const mount = c.volumeMounts.find((m) => m.name === 'config');
        assert.ok(mount?.readOnly);
        const volume = pod.volumes.find((v) => v.name === 'config');
        assert.ok(volume);
        const dir = mkdtempSync(join(tmpdir(), 'k8s-config-'));
        try {
          // The projected volume, laid out under a temp dir standing for its mount path.
          const files: string[] = [];
          for (const source of volume.projected.sources) {
            const { configMap, secret } = source;
            for (const item of (configMap ?? secret)!.items) {
              const file = join(dir, item.path);
              mkdirSync(dirname(file), { recursive: true });
              if (configMap) {
                const cm = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === configMap.name);
                assert.ok(cm, `ConfigMap ${configMap.name}`);
                writeFileSync(file, (cm as ConfigMap).data[item.key]!);
              } else {
                assert.equal(secret!.name, SECRET);
                writeFileSync(file, `secret-${item.key}-0123456789\n`);
              }
              files.push(`${mount.mountPath}/${item.path}`);
            }
          }
          assert.ok(files.includes(DEFAULT_CONFIG_FILE), `${DEFAULT_CONFIG_FILE} among ${files.join(', ')}`);
          const env: Record<string, string> = {};
          for (const e of c.env)
            if (e.valueFrom?.secretKeyRef) {
              assert.equal(e.valueFrom.secretKeyRef.name, SECRET);
              env[e.name] = `secret-${e.valueFrom.secretKeyRef.key}`;
            }
          const r = await runCli(['--config.check', `--config.file=${join(dir, 'config.yml')}`], env);
          assert.equal(r.code, 0, r.stderr);
          assert.match(r.stdout, /valid, 2 target\(s\): acme-chat \(rocketchat\), acme-livechat \(livechat\)/);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    });
  }

  it('gives each StatefulSet pod the shard of its ordinal, with --total-shards equal to the replicas', () => {
    const sts = byKind<Workload>(sharded, 'StatefulSet');
    const replicas = sts.spec.replicas;
    assert.ok(replicas > 1);
    const c = sts.spec.template.spec.containers[0]!;
    assert.ok(!c.args.some((a) => a.startsWith('--shard=')), 'the shard comes from the pod name');
    for (let ordinal = 0; ordinal < replicas; ordinal++) {
      const flags = parseFlags(expandArgs(c, `${sts.metadata.name}-${ordinal}`));
      assert.deepEqual(resolveShard(flags), { index: ordinal, total: replicas });
    }
    // A pod added by `kubectl scale` without a new --total-shards refuses to start, saying why.
    assert.throws(
      () => resolveShard(parseFlags(expandArgs(c, `${sts.metadata.name}-${replicas}`))),
      (err: Error) => err instanceof FlagError && /more replicas than shards/.test(err.message),
    );
  });

  it('scrapes every pod through a headless Service that the ServiceMonitor selects', () => {
    for (const objects of [base, sharded]) {
      const svc = byKind<Service>(objects, 'Service');
      const workload = workloadOf(objects);
      assert.equal(svc.spec.clusterIP, 'None');
      for (const [k, v] of Object.entries(svc.spec.selector))
        assert.equal(workload.spec.template.metadata.labels[k], v, `Service selector ${k}`);
      assert.deepEqual(svc.spec.ports, [{ name: 'http', port: DEFAULT_PORT, targetPort: 'http', protocol: 'TCP' }]);
      const sm = byKind<ServiceMonitor>(objects, 'ServiceMonitor');
      for (const [k, v] of Object.entries(sm.spec.selector.matchLabels))
        assert.equal(svc.metadata.labels?.[k], v, `ServiceMonitor selector ${k}`);
      assert.deepEqual(
        sm.spec.endpoints.map((e) => [e.port, e.path]),
        [['http', '/metrics']],
      );
    }
  });

  it('lets only Prometheus in, and the exporter out to DNS and HTTPS', () => {
    const np = byKind<NetworkPolicy>(base, 'NetworkPolicy');
    const pod = workloadOf(base).spec.template.metadata.labels;
    for (const [k, v] of Object.entries(np.spec.podSelector.matchLabels)) assert.equal(pod[k], v);
    assert.deepEqual(np.spec.policyTypes, ['Ingress', 'Egress']);
    assert.deepEqual(
      np.spec.ingress.map((r) => r.ports),
      [[{ port: 'http', protocol: 'TCP' }]],
    );
    assert.deepEqual(
      np.spec.egress.map((r) => r.ports.map((p) => `${p.port}/${p.protocol}`)),
      [['53/UDP', '53/TCP'], ['443/TCP']],
    );
  });

  it("renders docs/kubernetes.md's example overlay as it says: namespace, replaced config, image and labels", async () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'kubernetes.md'), 'utf8');
    const example = /# my-livechat-exporter\/kustomization\.yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(example, 'docs/kubernetes.md has the example overlay');
    const remote = 'github.com/livechat-exporter/livechat-exporter/deploy/kubernetes?ref=v0.1.0';
    assert.ok(example.includes(remote), remote);
    const dir = mkdtempSync(join(tmpdir(), 'k8s-overlay-'));
    try {
      writeFileSync(join(dir, 'kustomization.yaml'), example.replace(remote, relative(dir, join(REPO_ROOT, BASE))));
      writeFileSync(join(dir, 'config.yml'), 'targets: []\n');
      const objects = await kustomize(dir);
      assert.ok(objects !== 'missing');
      for (const o of objects) assert.equal((o.metadata as { namespace?: string }).namespace, 'monitoring', o.kind);
      const cm = byKind<ConfigMap>(objects, 'ConfigMap');
      assert.equal(cm.data['config.yml'], 'targets: []\n');
      const d = byKind<Workload>(objects, 'Deployment');
      assert.equal(d.spec.template.spec.containers[0]!.image, 'registry.example.com/livechat-exporter:0.1.0');
      assert.equal(byKind(objects, 'ServiceMonitor').metadata.labels?.release, 'prometheus');
      assert.equal(byKind(objects, 'PrometheusRule').metadata.labels?.release, 'prometheus');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`holds in its PrometheusRule exactly the groups of ${RULES_FILE} (npm run deploy:rules)`, () => {
    const rulesText = readFileSync(join(REPO_ROOT, RULES_FILE), 'utf8');
    const file = readFileSync(join(REPO_ROOT, PROMETHEUS_RULE_FILE), 'utf8');
    assert.equal(file, renderPrometheusRule(rulesText), `${PROMETHEUS_RULE_FILE} is stale: run npm run deploy:rules`);
    const rule = byKind<PrometheusRule>(base, 'PrometheusRule');
    assert.deepEqual(rule.spec.groups, (parse(rulesText) as { groups: unknown }).groups);
  });
});
