import { benchGoals, verdict, type Goal } from './benchGoals';
import type { BenchReport } from './benchReport';
import { burstSection, pollSection, renderSection, scrapeSection, startupSection } from './formatDetails';

export type { BenchReport } from './benchReport';

/** A figure in its goal's unit. */
function figure(x: number, unit: Goal['unit']): string {
  if (Number.isNaN(x)) return '-';
  if (unit === '×') return `${x.toFixed(x >= 10 ? 1 : 3)}×`;
  if (unit === 's') return `${x.toFixed(2)} s`;
  if (unit === 'MiB') return `${x.toFixed(0)} MiB`;
  return `${x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3)} ms`;
}

/** The goals table: every goal, its median, each pass, and met or missed by how much. */
function goalsSection(out: string[], r: BenchReport): void {
  out.push('### Goals (issue 12)', '');
  out.push('| goal | target | median | passes | | notes |', '|---|---|---:|---|---|---|');
  for (const g of benchGoals(r)) {
    const target = `${g.compare} ${figure(g.threshold, g.unit)}${g.of ? ` ${g.of}` : ''}`;
    const med = g.value === undefined ? '-' : figure(g.value, g.unit);
    const passes = g.passes.map((x) => figure(x, g.unit)).join(', ') || '-';
    out.push(`| ${g.goal} | ${target} | ${med} | ${passes} | ${verdict(g)} | ${g.note} |`);
  }
  out.push('');
}

const load = (xs: readonly number[]) => xs.map((x) => x.toFixed(2)).join(' / ');

/** Machine, date, duration, and the load average around each scenario. */
function runSection(out: string[], r: BenchReport): void {
  const m = r.machine;
  out.push(
    `Run \`${r.command}\` on ${m.date}: ${m.cpuModel}, nproc ${m.nproc}, ${m.memTotalGiB} GiB, Node ${m.node}, Linux ${m.kernel}; ${(r.seconds / 60).toFixed(1)} minutes.`,
    '',
  );
  out.push('```', m.free, '```', '');
  out.push('| scenario | minutes | load average at start (1 / 5 / 15 min) | at end |', '|---|---:|---|---|');
  for (const s of r.scenarios)
    out.push(`| ${s.scenario} | ${(s.seconds / 60).toFixed(1)} | ${load(s.loadStart)} | ${load(s.loadEnd)} |`);
  out.push('');
}

/** The report as Markdown, as pasted into docs/performance.md: the run, the goals, then each scenario's details. */
export function formatReport(r: BenchReport): string {
  const out: string[] = [];
  runSection(out, r);
  goalsSection(out, r);
  if (r.scrape) scrapeSection(out, r.scrape);
  if (r.burst) burstSection(out, r.burst);
  if (r.poll) pollSection(out, r.poll);
  if (r.startup) startupSection(out, r.startup);
  if (r.render) renderSection(out, r.render);
  if (r.skipped.length) out.push(`Skipped: ${r.skipped.join('; ')}.`, '');
  return out.join('\n');
}
