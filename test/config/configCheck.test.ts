import { strict as assert } from 'node:assert';
import { BAD_CONFIGS, expandExpected, FIXTURE_ENV, NEVER_ECHOED } from '../helpers/badConfigs';
import { fixturePath } from '../helpers/paths';
import { runCli, type CliRun } from '../helpers/runCli';

/** Runs the real CLI as a separate process: `node dist/src/main.js --config.check --config.file=<file>`. */
function configCheck(file: string, env: Readonly<Record<string, string>> = FIXTURE_ENV): Promise<CliRun> {
  return runCli(['--config.check', `--config.file=${file}`], env);
}

/** A stack frame line as Node prints them. */
const STACK_FRAME = /^\s+at /m;

describe('--config.check (spawned CLI)', () => {
  it('exits 0 and names the targets for a valid file', async () => {
    const file = fixturePath('config', 'good', 'minimal.yml');
    const r = await configCheck(file, {});
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${file}: valid, 1 target(s): acme-chat (rocketchat)\n`);
    assert.equal(r.stderr, '');
  });

  it('exits 0 for full.yml with env secrets', async () => {
    const r = await configCheck(fixturePath('config', 'good', 'full.yml'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /valid, 2 target\(s\): acme-chat \(rocketchat\), acme-chat\.eu \(rocketchat\)\n$/);
  });

  // A few fixtures with several problems each, a YAML syntax error and secrets that must not leak.
  const CASES = [
    'bad-durations.yml',
    'url-userinfo.yml',
    'inline-secret.yml',
    'secret-file-unreadable.yml',
    'yaml-syntax.yml',
    'unknown-kind.yml',
    'reserved-labels.yml',
  ];
  for (const name of CASES) {
    it(`exits 1 and prints every problem of ${name} with its YAML path, without a stack trace`, async () => {
      const file = fixturePath('config', 'bad', name);
      const expected = BAD_CONFIGS.find((b) => b.file === name)!.expected.map((e) => expandExpected(e, file));
      const r = await configCheck(file);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `${file}: invalid configuration\n${expected.map((p) => `  ${p}\n`).join('')}`);
      assert.doesNotMatch(r.stderr, STACK_FRAME);
      for (const secret of NEVER_ECHOED) assert.ok(!r.stderr.includes(secret), `stderr must not contain ${secret}`);
    });
  }

  it('exits 1 without a stack trace when the file does not exist', async () => {
    const file = fixturePath('config', 'no-such-file.yml');
    const r = await configCheck(file);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `${file}: invalid configuration\n  ${file}: cannot read config file (ENOENT)\n`);
    assert.doesNotMatch(r.stderr, STACK_FRAME);
  });
});
