import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { catalogue } from '../../src/sources/catalogue';
import { metricsDocSections } from '../../src/sources/metricsDocSections';
import { BEGIN, END, renderMetricsMarkdown } from '../../src/metrics/renderMetricsMarkdown';

const doc = readFileSync(resolve(__dirname, '../../../docs/metrics.md'), 'utf8');

describe('docs/metrics.md', () => {
  it('holds the generated catalogue exactly (run `npm run docs:metrics` after changing a metric)', () => {
    const generated = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length);
    assert.equal(generated, renderMetricsMarkdown(metricsDocSections()));
  });

  it('lists every metric the exporter can render', () => {
    for (const m of catalogue) assert.ok(doc.includes(`| \`${m.name}\` |`), `${m.name} is not documented`);
  });
});
