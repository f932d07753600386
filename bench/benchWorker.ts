/**
 * Child-process entry for the in-process benchmarks, so each starts with a
 * fresh heap and its CPU and memory are its own. argv[2] is
 * `{"scenario": "render" | "config", "options": {...}}`; the result is printed
 * as one `RESULT <json>` line, progress as other lines.
 */
import { configLoadBench, type ConfigLoadOptions } from './configLoadBench';
import { renderBench, type RenderBenchOptions } from './renderBench';

async function run(): Promise<void> {
  const { scenario, options } = JSON.parse(process.argv[2] ?? '{}') as { scenario: string; options: unknown };
  let result: unknown;
  if (scenario === 'render') result = await renderBench(options as RenderBenchOptions);
  else if (scenario === 'config') result = await configLoadBench(options as ConfigLoadOptions);
  else throw new Error(`unknown scenario ${scenario}`);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

run().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
