/**
 * Child-process entry for the in-process benchmarks, so each starts with a
 * fresh heap and its CPU and memory are its own. argv[2] is
 * `{"scenario": "poll" | "memory" | "render", "options": {...}}`; the result is printed
 * as one `RESULT <json>` line, progress as other lines.
 */
import { memoryBench, type MemoryBenchOptions } from './memoryBench';
import { pollCycleBench, type PollCycleOptions } from './pollCycleBench';
import { renderBench, type RenderBenchOptions } from './renderBench';

async function run(): Promise<void> {
  const { scenario, options } = JSON.parse(process.argv[2] ?? '{}') as { scenario: string; options: unknown };
  const log = (line: string) => process.stdout.write(`${line}\n`);
  let result: unknown;
  if (scenario === 'poll') result = await pollCycleBench(options as PollCycleOptions);
  else if (scenario === 'memory') result = await memoryBench(options as MemoryBenchOptions, log);
  else if (scenario === 'render') result = await renderBench(options as RenderBenchOptions);
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
