import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { usage } from '../../src/cli/parseFlags';
import { REPO_ROOT } from '../helpers/paths';

const read = (...path: string[]) => readFileSync(join(REPO_ROOT, ...path), 'utf8');

/** The text of a markdown section: from its heading to the next heading of the same or a higher level. */
function section(doc: string, heading: string): string {
  const at = doc.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `no section ${heading}`);
  const level = /^#+/.exec(heading)![0];
  const rest = doc.slice(at + heading.length + 2);
  const next = new RegExp(`^#{1,${level.length}} `, 'm').exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

describe('operator docs agree with the command line', () => {
  it("the README's Running table lists every flag --help lists", () => {
    const running = section(read('README.md'), '## Running');
    const flags = [...usage().matchAll(/^ {2}--([a-z.-]+)/gm)].map((m) => m[1]!);
    assert.ok(flags.includes('config.check.skip-secrets'));
    for (const flag of flags) assert.ok(running.includes(`\`--${flag}\``), `README's Running lacks --${flag}`);
  });

  it('warns about the per-IP limiter a --once run shares, where an operator looks: README Running, docs/rocketchat.md, --help', () => {
    assert.match(section(read('README.md'), '## Running'), /per client IP[\s\S]*`--once`/);
    assert.match(section(read('docs', 'rocketchat.md'), '## Request budget'), /One limit per IP[\s\S]*--once/);
    assert.match(usage(), /--once .*shares the per-IP rate limiter/);
  });

  it('says how relative secret paths resolve, for the main config too', () => {
    assert.match(
      section(read('README.md'), '## Configuration'),
      /relative `file` path\s+is resolved from the config file's folder/,
    );
    assert.match(
      read('config', 'exporter.example.yml'),
      /relative file path is resolved from this config file's folder/,
    );
  });
});
