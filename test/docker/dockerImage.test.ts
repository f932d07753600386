import { strict as assert } from 'node:assert';
import { execFile, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { DEFAULT_CONFIG_FILE, DEFAULT_PORT } from '../../src/cli/parseFlags';
import { labelsOf, parseDockerfile, type DockerInstruction, type DockerStage } from '../helpers/parseDockerfile';
import { REPO_ROOT } from '../helpers/paths';
import { waitFor } from '../helpers/runCli';

const dockerfile = parseDockerfile(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'));
const stage = (name: string): DockerStage => {
  const s = dockerfile.stages.find((x) => x.name === name);
  assert.ok(s, `no stage ${name}`);
  return s;
};
const runtime = stage('runtime');
const only = (s: DockerStage, keyword: string): DockerInstruction => {
  const found = s.instructions.filter((i) => i.keyword === keyword);
  assert.equal(found.length, 1, `${s.name}: ${found.length} ${keyword} instructions`);
  return found[0]!;
};
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  license: string;
  description: string;
  homepage: string;
  repository: { url: string };
};
const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

/** Whether .dockerignore keeps `path` (relative to the context) out of the build context. */
function isIgnored(path: string): boolean {
  return ignored.some((p) => {
    assert.ok(!/[*?[!]/.test(p), `.dockerignore pattern ${p}: this test only understands plain paths`);
    return path === p || path.startsWith(`${p}/`);
  });
}

/** A COPY's options, sources and destination. */
function parseCopy(i: DockerInstruction): { from: string | undefined; sources: string[]; dest: string } {
  const words = i.args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const rest = words.filter((w) => !w.startsWith('--'));
  return { from, sources: rest.slice(0, -1), dest: rest.at(-1)! };
}

/** Copies a context path to `dest` as COPY does (a directory's content, a file as such), honouring .dockerignore. */
function copyFromContext(source: string, dest: string): void {
  assert.ok(!isIgnored(source), `COPY ${source}: .dockerignore drops it from the context`);
  const abs = join(REPO_ROOT, source);
  assert.ok(existsSync(abs), `COPY ${source}: no such file in the repository`);
  if (!statSync(abs).isDirectory()) {
    const target = dest.endsWith('/') ? join(dest, basename(source)) : dest;
    mkdirSync(dirname(target), { recursive: true });
    cpSync(abs, target);
    return;
  }
  for (const f of contextFiles(source)) {
    const target = join(dest, relative(source, f));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(REPO_ROOT, f), target);
  }
}

/** Every file a context path stands for (itself, or the files under it), minus what .dockerignore drops. */
function contextFiles(source: string): string[] {
  const abs = join(REPO_ROOT, source);
  if (!statSync(abs).isDirectory()) return isIgnored(source) ? [] : [source];
  return readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(REPO_ROOT, join(e.parentPath, e.name)))
    .filter((f) => !isIgnored(f));
}

function sh(command: string, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], { cwd, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('the Docker image (Dockerfile parsed; its commands run in a temp dir, as there is no Docker engine)', function () {
  this.timeout(180_000);

  it('runs as the non-root node user, exposes the default port and probes /-/healthy on it', () => {
    assert.equal(only(runtime, 'USER').args, 'node');
    assert.equal(only(runtime, 'EXPOSE').args, String(DEFAULT_PORT));
    const health = only(runtime, 'HEALTHCHECK');
    assert.match(health.args, new RegExp(`http://127\\.0\\.0\\.1:${DEFAULT_PORT}/-/healthy`));
  });

  it('finds its config at the default --config.file without any flag, so docker run arguments add to the defaults', () => {
    assert.deepEqual(only(runtime, 'ENTRYPOINT').exec, ['node', '/app/dist/src/main.js']);
    assert.deepEqual(only(runtime, 'CMD').exec, []);
    assert.equal(DEFAULT_CONFIG_FILE, '/etc/livechat-exporter/config.yml');
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY').map(parseCopy);
    assert.deepEqual(
      copies.filter((c) => c.dest === DEFAULT_CONFIG_FILE),
      [{ from: undefined, sources: ['config/default.yml'], dest: DEFAULT_CONFIG_FILE }],
    );
    for (const s of dockerfile.stages)
      for (const i of s.instructions)
        assert.ok(!i.args.includes('--config.file'), `${s.name}: ${i.keyword} ${i.args} names a config file`);
  });

  it('carries OCI labels that agree with package.json', () => {
    const labels = labelsOf(runtime);
    const arg = (name: string) =>
      runtime.instructions.find((i) => i.keyword === 'ARG' && i.args.startsWith(`${name}=`))?.args.split('=')[1];
    assert.equal(arg('VERSION'), pkg.version, 'ARG VERSION defaults to package.json version');
    const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    assert.deepEqual(Object.fromEntries(labels), {
      'org.opencontainers.image.title': 'livechat-exporter',
      'org.opencontainers.image.description': pkg.description,
      'org.opencontainers.image.version': '${VERSION}',
      'org.opencontainers.image.revision': '${REVISION}',
      'org.opencontainers.image.licenses': pkg.license,
      'org.opencontainers.image.url': repo,
      'org.opencontainers.image.source': repo,
      'org.opencontainers.image.documentation': pkg.homepage,
    });
  });

  it('copies no demo config or secret into the stages the runtime image is built from', () => {
    const demoSecrets = readdirSync(join(REPO_ROOT, 'config', 'demo-secrets')).map((f) =>
      readFileSync(join(REPO_ROOT, 'config', 'demo-secrets', f), 'utf8').trim(),
    );
    assert.ok(isIgnored('config/demo-secrets/rocketchat-token') && isIgnored('config/demo.yml'));
    for (const name of ['build', 'production-deps', 'runtime']) {
      for (const c of stage(name)
        .instructions.filter((i) => i.keyword === 'COPY')
        .map(parseCopy)
        .filter((x) => x.from === undefined)) {
        for (const source of c.sources) {
          assert.doesNotMatch(source, /demo/, `${name}: COPY ${source}`);
          for (const file of contextFiles(source)) {
            const text = readFileSync(join(REPO_ROOT, file), 'utf8');
            for (const secret of demoSecrets)
              assert.ok(!text.includes(secret), `${file} holds the demo secret ${secret}`);
          }
        }
      }
    }
  });

  describe('built and started as the image would be', () => {
    let dir: string;
    before(() => void (dir = mkdtempSync(join(tmpdir(), 'livechat-exporter-image-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("runs the build stage's commands on a copy of its context, and the result starts with the default config", async function () {
      // The build stage: its context copies, then its RUN commands, in a temp /src. `npm ci` installs the
      // lock file's packages; here the repository's node_modules (installed by `npm ci` too) is linked instead.
      const build = stage('build');
      const src = join(dir, 'src');
      mkdirSync(src);
      for (const i of build.instructions) {
        if (i.keyword === 'WORKDIR') assert.equal(i.args, '/src');
        else if (i.keyword === 'COPY') {
          const c = parseCopy(i);
          for (const s of c.sources) copyFromContext(s, c.dest === './' ? `${src}/` : join(src, c.dest));
        } else if (i.keyword === 'RUN' && /^npm ci\b/.test(i.args))
          symlinkSync(join(REPO_ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
        else if (i.keyword === 'RUN') {
          const r = await sh(i.args, src);
          assert.equal(r.code, 0, `RUN ${i.args}:\n${r.output}`);
        } else assert.fail(`build stage: unexpected ${i.keyword}`);
      }

      // The runtime stage's files under a temp root: /app and /etc/livechat-exporter.
      const root = join(dir, 'root');
      const workdir = only(runtime, 'WORKDIR').args;
      const at = (p: string) => join(root, p.startsWith('/') ? p : join(workdir, p));
      for (const c of runtime.instructions.filter((i) => i.keyword === 'COPY').map(parseCopy)) {
        for (const s of c.sources) {
          const dest = c.dest.endsWith('/') ? `${at(c.dest)}/` : at(c.dest);
          if (c.from === undefined) copyFromContext(s, dest);
          else if (c.from === 'production-deps') {
            // `npm prune --omit=dev` would prune the repository's own node_modules through the link: linked as is.
            assert.equal(s, '/src/node_modules');
            symlinkSync(join(REPO_ROOT, 'node_modules'), dest, 'dir');
          } else {
            assert.equal(c.from, 'build');
            const from = join(src, relative('/src', s));
            const target = dest.endsWith('/') ? join(dest, s.split('/').at(-1)!) : dest;
            mkdirSync(dirname(target), { recursive: true });
            cpSync(from, target, { recursive: true });
          }
        }
      }
      const configFile = join(root, DEFAULT_CONFIG_FILE);
      assert.ok(existsSync(configFile), 'the default config is in place');

      // ENTRYPOINT + CMD, with /app under the temp root. The one flag added: the default config's path under it.
      const command = [...only(runtime, 'ENTRYPOINT').exec!, ...only(runtime, 'CMD').exec!].map((a) =>
        a.startsWith('/') ? join(root, a) : a,
      );
      const child = spawn(
        command[0]!,
        [...command.slice(1), `--config.file=${configFile}`, '--web.listen-address=127.0.0.1:0'],
        { cwd: at(workdir), env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' } },
      );
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      try {
        await waitFor(() => /msg=listening address=\S*:\d+/.test(output) || child.exitCode !== null);
        const port = /msg=listening address=\S*:(\d+)/.exec(output)?.[1];
        assert.ok(port, `the image's exporter did not start:\n${output}`);
        const base = `http://127.0.0.1:${port}`;
        await waitFor(() => /no targets configured/.test(output));
        assert.match(
          output,
          /level=warn msg="no targets configured[^"]*" config=\S*\/etc\/livechat-exporter\/config\.yml/,
        );
        assert.equal((await fetch(`${base}/-/ready`)).status, 200, 'nothing to poll, nothing to wait for');
        assert.match(await (await fetch(`${base}/`)).text(), /No targets configured/);
        // The HEALTHCHECK's own command, pointed at this port.
        const health = only(runtime, 'HEALTHCHECK').args.replace(/^.*?CMD\s+/, '');
        const probe = (JSON.parse(health) as string[]).map((a) => a.replace(`:${DEFAULT_PORT}/`, `:${port}/`));
        const r = await new Promise<number | null>((resolve) =>
          spawn(probe[0]!, probe.slice(1), { stdio: 'ignore' }).on('exit', (code) => resolve(code)),
        );
        assert.equal(r, 0, 'the healthcheck passes');
      } finally {
        child.kill('SIGTERM');
      }
    });
  });
});
