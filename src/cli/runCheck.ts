import type { Io } from './Io';
import { loadConfigOrReport } from './loadConfigOrReport';

/** `--config.check`: validates the file and names its targets; exit code 0 when valid, 1 otherwise. */
export async function runCheck(configFile: string, io: Io): Promise<number> {
  const config = await loadConfigOrReport(configFile, io);
  if (!config) return 1;
  const targets = config.targets.map((t) => `${t.name} (${t.kind})`).join(', ');
  io.stdout(`${configFile}: valid, ${config.targets.length} target(s): ${targets}\n`);
  return 0;
}
