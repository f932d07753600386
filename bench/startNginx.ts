import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { freePort } from './freePort';

/** One static file nginx serves at `/<name>/metrics`, answering with exactly `body` and `contentType`. */
export interface StaticVariant {
  readonly name: string;
  readonly contentType: string;
  /** The bytes to send, as another server sent them. */
  readonly body: Buffer;
  /** True when `body` is gzip: it is then served by gzip_static as `metrics.gz`, to clients that accept gzip. */
  readonly gzipped: boolean;
}

/** nginx on loopback, run by the benchmark itself (not as a system service). */
export interface Nginx {
  readonly url: string;
  readonly version: string;
  /** Base URL of a variant's file. */
  readonly urlOf: (name: string) => string;
  close(): Promise<void>;
}

/** The nginx binary (Debian: `apt-get install nginx`), on PATH or in /usr/sbin (not on a user's PATH), or undefined. */
export function findNginx(): string | undefined {
  return ['nginx', '/usr/sbin/nginx'].find((b) => spawnSync(b, ['-v'], { stdio: 'ignore' }).status === 0);
}

/** nginx.conf: every path under the temp prefix, no access log, one location per variant with its own Content-Type. */
function nginxConf(dir: string, port: number, variants: readonly StaticVariant[]): string {
  const q = (s: string) => JSON.stringify(s);
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${q(join(dir, 'tmp', t))};`)
    .join('\n');
  const locations = variants.map((v) => `    location /${v.name}/ { default_type ${q(v.contentType)}; }`).join('\n');
  return `daemon off;
worker_processes auto;
pid ${q(join(dir, 'nginx.pid'))};
error_log ${q(join(dir, 'error.log'))} error;
events { worker_connections 1024; }
http {
${temps}
  access_log off;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { }
  server {
    listen 127.0.0.1:${port};
    root ${q(join(dir, 'www'))};
    gzip_static on;
${locations}
  }
}
`;
}

/** Writes each variant's file (and, for gzip, its decompressed twin, as gzip_static expects beside a .gz). */
function writeFiles(dir: string, variants: readonly StaticVariant[]): void {
  for (const v of variants) {
    if (!/^[a-z0-9-]+$/.test(v.name)) throw new Error(`bad variant name ${JSON.stringify(v.name)}`);
    const d = join(dir, 'www', v.name);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'metrics'), v.gzipped ? gunzipSync(v.body) : v.body);
    if (v.gzipped) writeFileSync(join(d, 'metrics.gz'), v.body);
  }
  mkdirSync(join(dir, 'tmp'));
  // nginx's workers may run as another user (www-data when started as root): they must read the files.
  for (const p of [dir, join(dir, 'www'), ...variants.map((v) => join(dir, 'www', v.name))]) chmodSync(p, 0o755);
}

/**
 * Starts nginx serving `variants` as static files on a free loopback port, with a config, prefix,
 * pid file and logs in a temp dir that close() removes. Resolves once it answers.
 */
export async function startNginx(binary: string, variants: readonly StaticVariant[]): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'lce-nginx-'));
  writeFiles(dir, variants);
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConf(dir, port, variants));
  const version = spawnSync(binary, ['-v'], { encoding: 'utf8' })
    .stderr.trim()
    .replace(/^nginx version: /, '');
  const child = spawn(binary, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  let exited = false;
  const exit = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  const close = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (exited || i > 500) {
      let log = '';
      try {
        log = readFileSync(join(dir, 'error.log'), 'utf8').trim();
      } catch {
        // no log: nginx failed before opening it
      }
      await close();
      throw new Error(`nginx did not start${log ? `: ${log}` : ''}`);
    }
    const up = await fetch(`${url}/`).then(
      (r) => (void r.body?.cancel(), true),
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return { url, version, urlOf: (name) => `${url}/${name}/metrics`, close };
}
