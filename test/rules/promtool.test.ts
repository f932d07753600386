import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

/** Result of running a command to completion. */
interface Run {
  readonly code: number;
  readonly output: string;
}

/** Runs `cmd args` in the repository root; `missing` when the binary is not installed. */
function run(cmd: string, args: readonly string[]): Promise<Run | 'missing'> {
  return new Promise((resolve, reject) => {
    execFile(cmd, [...args], { cwd: REPO_ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = (err as NodeJS.ErrnoException | null)?.code;
      if (code === 'ENOENT') return resolve('missing');
      if (err && typeof code !== 'number' && (err as { killed?: boolean }).killed)
        return reject(new Error(`${cmd} timed out`));
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

const RULES = 'rules/livechat-exporter.rules.yml';
const UNIT_TESTS = readdirSync(join(REPO_ROOT, 'test', 'rules'))
  .filter((f) => f.endsWith('.test.yml'))
  .sort()
  .map((f) => `test/rules/${f}`);

describe('rules: promtool', function () {
  this.timeout(60_000);

  before(async function () {
    if ((await run('promtool', ['--version'])) === 'missing') {
      if (process.env.CI) throw new Error('promtool is missing (CI installs the Debian package prometheus in .ci/run)');
      this.skip();
    }
  });

  it('promtool check rules accepts the rules file', async () => {
    const r = (await run('promtool', ['check', 'rules', RULES])) as Run;
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /SUCCESS: \d+ rules found/);
  });

  it('promtool test rules passes every unit test file', async () => {
    assert.ok(UNIT_TESTS.length >= 3, `unit test files: ${UNIT_TESTS.join(', ')}`);
    const r = (await run('promtool', ['test', 'rules', ...UNIT_TESTS])) as Run;
    assert.equal(r.code, 0, r.output);
    assert.ok(!/FAILED/.test(r.output), r.output);
    assert.equal(r.output.match(/SUCCESS/g)?.length, UNIT_TESTS.length, r.output);
  });
});
