import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Runs one scenario of benchWorker.js in a fresh `node --expose-gc` process; progress lines go to `log`. */
export function runInWorker<T>(
  scenario: 'render' | 'config',
  options: unknown,
  log: (line: string) => void,
): Promise<T> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', join(__dirname, 'benchWorker.js'), JSON.stringify({ scenario, options })],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let result: T | undefined;
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as T;
      else log(line);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 && result !== undefined
        ? resolve(result)
        : reject(new Error(`bench worker ${scenario} exited with ${code}`)),
    );
  });
}
