import { stat } from 'node:fs/promises';
import type { Clock } from '../clock';

/** Re-reads a config when its files change; see {@link createConfigReloader}. */
export interface ConfigReloader<T> {
  /** Loads the config for the first time; throws what `load` throws. */
  init(): Promise<T>;
  /**
   * Reloads if at least `minIntervalMs` passed since the last look and any watched
   * file's stat changed. Never rejects: failures go to `onError` and the previous
   * config stays in force. Concurrent callers share one look.
   */
  check(): Promise<void>;
}

/**
 * exporter-toolkit re-reads its web config on every request; this does the cheap
 * equivalent: stat the config file and the files it references at most once per
 * interval, and load + apply only when something changed. While the file is broken it
 * is retried each interval, but each distinct error is reported once.
 */
export function createConfigReloader<T>(deps: {
  load: () => Promise<T>;
  /** The files whose changes should trigger a reload (the config file first). */
  filesOf: (config: T) => string[];
  /** Puts a new config in force; throwing rejects it (e.g. a change needing restart). */
  apply: (config: T) => void;
  onError: (message: string) => void;
  onReload?: () => void;
  clock: Clock;
  minIntervalMs: number;
}): ConfigReloader<T> {
  const { load, filesOf, apply, onError, onReload, clock, minIntervalMs } = deps;
  let files: string[] = [];
  let goodSignature = '';
  let failing = false;
  let lastReported: string | undefined;
  let lastLook = -Infinity;
  let inFlight: Promise<void> | undefined;

  const look = async (): Promise<void> => {
    const before = await signature(files);
    if (!failing && before === goodSignature) return;
    let next: T;
    try {
      next = await load();
      apply(next);
    } catch (err) {
      failing = true;
      const message = `web config reload failed, keeping the previous config: ${describe(err)}`;
      if (message !== lastReported) onError(message);
      lastReported = message;
      return;
    }
    const nextFiles = filesOf(next);
    // Stats taken before the load, so a change racing the load triggers one more reload.
    goodSignature = sameList(nextFiles, files) ? before : await signature(nextFiles);
    files = nextFiles;
    failing = false;
    lastReported = undefined;
    onReload?.();
  };

  return {
    async init() {
      const config = await load();
      files = filesOf(config);
      goodSignature = await signature(files);
      lastLook = clock.now();
      return config;
    },
    check() {
      if (inFlight) return inFlight;
      const now = clock.now();
      if (now - lastLook < minIntervalMs) return Promise.resolve();
      lastLook = now;
      inFlight = look()
        .catch((err: unknown) => onError(`web config reload failed: ${describe(err)}`))
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
  };
}

// mtime alone misses same-millisecond rewrites and atomic renames, hence size and inode.
async function signature(files: readonly string[]): Promise<string> {
  const parts = await Promise.all(
    files.map(async (f) => {
      try {
        const s = await stat(f);
        return `${f}:${s.mtimeMs}:${s.ctimeMs}:${s.size}:${s.ino}`;
      } catch {
        return `${f}:missing`;
      }
    }),
  );
  return parts.join('|');
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'problems' in err && Array.isArray(err.problems))
    return err.problems.join('; ');
  return err instanceof Error ? err.message : String(err);
}
