import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers/paths';

const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  license: string;
  homepage: string;
  repository: { type: string; url: string };
  bugs: { url: string };
};
/** The project's public home: the placeholder the rules' runbook links and the image labels use too. */
const HOME = 'https://github.com/livechat-exporter/livechat-exporter';

describe('project metadata: package.json, LICENSE, CHANGELOG, README', () => {
  it('points package.json at the public home (repository, homepage, bugs)', () => {
    assert.deepEqual(pkg.repository, { type: 'git', url: `git+${HOME}.git` });
    assert.equal(pkg.homepage, `${HOME}#readme`);
    assert.equal(pkg.bugs.url, `${HOME}/issues`);
  });

  it('ships the full, unmodified Apache License 2.0 text that package.json names', () => {
    assert.equal(pkg.license, 'Apache-2.0');
    const text = read('LICENSE');
    // The text as published at https://www.apache.org/licenses/LICENSE-2.0.txt.
    assert.equal(
      createHash('sha256').update(text).digest('hex'),
      'cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30',
    );
    assert.match(text, /Apache License\s+Version 2\.0, January 2004/);
    assert.match(text, /END OF TERMS AND CONDITIONS/);
  });

  it('keeps a changelog in the Keep a Changelog format, with an Unreleased section', () => {
    const text = read('CHANGELOG.md');
    assert.match(text, /^# Changelog\n/);
    assert.match(text, /keepachangelog\.com\/en\/1\.1\.0/);
    assert.match(text, /^## \[Unreleased\]$/m);
    for (const [, heading] of text.matchAll(/^### (.+)$/gm))
      assert.ok(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'].includes(heading!), heading);
    for (const [, version] of text.matchAll(/^## \[(.+?)\]/gm))
      assert.match(version!, /^(Unreleased|\d+\.\d+\.\d+)$/, `version heading ${version}`);
  });

  it('links docs/kubernetes.md from the README', () => {
    assert.match(read('README.md'), /\]\(docs\/kubernetes\.md\)/);
  });
});
