import { resolve } from 'node:path';

/** The repository root (tests run from dist/test/**, fixtures stay in test/fixtures). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** A path under test/fixtures/ of the source tree. */
export function fixturePath(...parts: string[]): string {
  return resolve(REPO_ROOT, 'test', 'fixtures', ...parts);
}

/** The compiled entry point, for tests that spawn the real CLI. */
export const MAIN_JS = resolve(REPO_ROOT, 'dist', 'src', 'main.js');
