import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './helpers/paths';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** The Dockerfile's stages, by name (the unnamed last one is "runtime"), each as its instruction lines. */
function dockerStages(): Map<string, string[]> {
  const stages = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8').split('\n')) {
    const from = /^FROM \S+(?: AS (\S+))?/.exec(line);
    if (from) stages.set(from[1] ?? 'runtime', (current = []));
    else if (/^[A-Z]+ /.test(line)) current.push(line);
  }
  return stages;
}

/** The runtime image holds the exporter alone: no simulator code, no demo config or secrets. */
describe('the production build and image', () => {
  it('dist/src (src/tsconfig.json, as the Dockerfile builds it) holds no simulator or demo code', () => {
    const files = filesUnder(join(REPO_ROOT, 'dist', 'src'));
    assert.ok(files.some((f) => f.endsWith('main.js')));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const needle of [
        'createRocketChatSimulator',
        'createLiveChatSimulator',
        'startDemoSimulators',
        'demo-secrets',
      ])
        assert.ok(!text.includes(needle), `${relative(REPO_ROOT, file)} mentions ${needle}`);
    }
  });

  it('the Dockerfile compiles only src/ for the runtime image and copies no demo config', () => {
    const stages = dockerStages();
    assert.deepEqual([...stages.keys()], ['build', 'simulator', 'production-deps', 'runtime']);
    const build = stages.get('build')!;
    assert.ok(build.includes('RUN npx tsc -p src/tsconfig.json'));
    assert.ok(!build.some((l) => /\bsimulator\b/.test(l)), 'the build stage sees the simulator');
    const copies = stages.get('runtime')!.filter((l) => l.startsWith('COPY '));
    assert.deepEqual(copies, [
      'COPY --from=build /src/package.json ./',
      'COPY --from=production-deps /src/node_modules ./node_modules',
      'COPY --from=build /src/dist/src ./dist/src',
      'COPY config/exporter.example.yml ./config/',
      'COPY config/default.yml /etc/livechat-exporter/config.yml',
    ]);
    const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    assert.ok(ignored.includes('config/demo-secrets') && ignored.includes('config/demo.yml'));
  });
});
