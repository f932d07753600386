import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { metricsDocSections } from '../sources/metricsDocSections';
import { BEGIN, END, renderMetricsMarkdown } from '../metrics/renderMetricsMarkdown';

/** Rewrites the generated part of docs/metrics.md from the code's metric definitions. */
function main(): void {
  const file = resolve(__dirname, '../../../docs/metrics.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`${file}: generated-section markers not found`);
  writeFileSync(
    file,
    text.slice(0, start) + renderMetricsMarkdown(metricsDocSections()) + text.slice(end + END.length),
  );
  process.stdout.write(`updated ${file}\n`);
}

main();
