import type { Scenario } from './benchOptions';
import type { BurstBenchResult } from './burstBench';
import type { MachineInfo } from './machineInfo';
import type { PollCycleResult } from './pollCycleBench';
import type { RenderBenchResult } from './renderBench';
import type { ScrapeBenchResult } from './scrapeBench';
import type { StartupBenchResult } from './startupBench';

/** How long a scenario ran and the machine's load average (1, 5, 15 min) at its start and end. */
export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly seconds: number;
  readonly loadStart: readonly number[];
  readonly loadEnd: readonly number[];
}

/** Everything one run of the suite measured. */
export interface BenchReport {
  readonly machine: MachineInfo;
  readonly command: string;
  /** Wall time of the whole run. */
  readonly seconds: number;
  readonly scenarios: readonly ScenarioRun[];
  readonly scrape?: ScrapeBenchResult;
  readonly burst?: BurstBenchResult;
  readonly poll?: PollCycleResult;
  readonly startup?: StartupBenchResult;
  readonly render?: RenderBenchResult;
  /** Parts left out and why (e.g. a missing binary in a smoke run). */
  readonly skipped: readonly string[];
}
