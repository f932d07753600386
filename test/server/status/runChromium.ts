import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Names Debian, Ubuntu and Google builds install the browser under. */
const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome'];

function run(file: string, args: readonly string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) reject(Object.assign(new Error(err.message, { cause: err }), { stderr }));
        else resolve({ stdout, stderr });
      },
    );
  });
}

/** The first chromium binary on PATH that answers --version, or undefined. */
export async function findChromium(): Promise<string | undefined> {
  for (const name of CANDIDATES) {
    try {
      await run(name, ['--version'], 30_000);
      return name;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

/**
 * Runs headless chromium once with its own throw-away profile and returns its
 * stdout (the DOM, with --dump-dom). Background networking, sync and updates
 * are off so the test talks to loopback only.
 */
export async function runChromium(binary: string, args: readonly string[], timeoutMs = 60_000): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'status-chromium-'));
  try {
    const { stdout } = await run(
      binary,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        ...args,
      ],
      timeoutMs,
    );
    return stdout;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
