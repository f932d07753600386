import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { systemClock, type Clock } from '../clock';
import { createBasicAuthVerifier, type PasswordComparator } from './createBasicAuthVerifier';
import { clientCertRejection } from './clientCertRejection';
import { closeWithin } from './closeWithin';
import { createConfigReloader } from './createConfigReloader';
import { loadWebConfig, webConfigFiles } from './loadWebConfig';
import { createRequestGuard, type GuardPolicy, type RequestHandler } from './createRequestGuard';
import { createTokenBucket } from './createTokenBucket';
import { tlsServerOptions } from './tlsServerOptions';
import type { WebConfig } from './WebConfig';

/** Where the web server reports what it does and what went wrong. */
export interface WebLogger {
  info(message: string): void;
  error(message: string): void;
}

/** Dependencies of {@link createWebServer}. */
export interface WebServerOptions {
  /** Serves every request that passes the guard (an express app works). */
  handler: RequestHandler;
  /** `--web.config.file`; without it the server is plain HTTP with no auth. */
  webConfigFile?: string;
  logger?: WebLogger;
  /** bcrypt comparator; defaults to bcryptjs. Injected by tests to count compares. */
  compare?: PasswordComparator;
  clock?: Clock;
  /** How often at most the web config files are stat'ed for changes; default 1000 ms. */
  reloadIntervalMs?: number;
}

/** A started-on-demand HTTP(S) server for the exporter's endpoints. */
export interface WebServer {
  /** Whether the web config enabled TLS (fixed for the server's lifetime). */
  readonly tls: boolean;
  listen(host: string, port: number): Promise<{ address: string; port: number }>;
  /** Stops listening and ends every connection within `timeoutMs`, keep-alive ones included. */
  close(timeoutMs: number): Promise<void>;
}

// This server is only ever given an operator-chosen file, so no logger means stderr.
const stderrLogger: WebLogger = {
  info: () => undefined,
  error: (message) => process.stderr.write(`${message}\n`),
};

/** The guard's policy for a web config; the rate limiter's state survives reloads that do not touch it. */
function guardPolicy(
  next: WebConfig,
  previous: { config: WebConfig; policy: GuardPolicy } | undefined,
  clock: Clock,
  compare: PasswordComparator | undefined,
): GuardPolicy {
  const p: GuardPolicy = { headers: next.http.headers };
  const rl = next.rateLimit;
  if (rl) {
    const prev = previous?.config.rateLimit;
    p.limiter =
      prev && prev.intervalMs === rl.intervalMs && prev.burst === rl.burst && previous.policy.limiter
        ? previous.policy.limiter
        : createTokenBucket({ intervalMs: rl.intervalMs, burst: rl.burst, clock });
  }
  if (next.basicAuthUsers.size > 0)
    p.auth = createBasicAuthVerifier({ users: next.basicAuthUsers, ...(compare ? { compare } : {}) });
  return p;
}

/** An HTTPS server that applies the current config's client certificate policy to each connection. */
function createTlsServer(
  guard: RequestHandler,
  current: () => WebConfig,
  hooks: { track(socket: Socket): void; check(): void; logger: WebLogger },
): HttpsServer {
  const o = tlsServerOptions(current().tls!);
  const https = createHttpsServer(
    { ...o.context, requestCert: o.requestCert, rejectUnauthorized: o.rejectUnauthorized },
    guard,
  );
  https.on('connection', (socket: Socket) => {
    hooks.track(socket);
    // Rotated certificates must reach handshakes even on a connection that sends no request yet.
    hooks.check();
  });
  https.on('secureConnection', (socket: TLSSocket) => {
    const tls = current().tls;
    const reason = tls ? clientCertRejection(socket, tls) : undefined;
    if (reason) {
      hooks.logger.info(`rejected TLS client ${socket.remoteAddress ?? '?'}: ${reason}`);
      socket.destroy();
    }
  });
  https.on('tlsClientError', (err: Error, socket: TLSSocket) => {
    hooks.logger.info(`TLS handshake error from ${socket.remoteAddress ?? '?'}: ${err.message}`);
  });
  return https;
}

/**
 * Creates the exporter's web server, honouring an exporter-toolkit web config: TLS
 * (with client certificate policies), basic auth, security headers and rate limiting.
 * The config is loaded (and fully validated, throwing a WebConfigError) before this
 * resolves, then re-read when its files change; a broken change is logged and ignored.
 */
export async function createWebServer(options: WebServerOptions): Promise<WebServer> {
  const {
    handler,
    webConfigFile,
    logger = stderrLogger,
    compare,
    clock = systemClock,
    reloadIntervalMs = 1000,
  } = options;
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  if (webConfigFile === undefined) {
    const server = createHttpServer(handler);
    server.on('connection', track);
    return serverHandle(server, false, sockets);
  }

  let config: WebConfig;
  let policy: GuardPolicy;
  let server: HttpServer | HttpsServer | undefined;

  const policyFor = (next: WebConfig, previous?: { config: WebConfig; policy: GuardPolicy }) =>
    guardPolicy(next, previous, clock, compare);

  const reloader = createConfigReloader<WebConfig>({
    load: () => loadWebConfig(webConfigFile),
    filesOf: (c) => webConfigFiles(webConfigFile, c),
    apply: (next) => {
      if (Boolean(next.tls) !== Boolean(config.tls))
        throw new Error('switching between HTTP and HTTPS needs a restart');
      if (next.tls && server && 'setSecureContext' in server) {
        const o = tlsServerOptions(next.tls);
        server.setSecureContext(o.context);
        // Read by Node for each new connection (tls.Server constructor sets the same fields).
        Object.assign(server, { requestCert: o.requestCert, rejectUnauthorized: o.rejectUnauthorized });
      }
      policy = policyFor(next, { config, policy });
      config = next;
    },
    onError: (message) => logger.error(message),
    onReload: () => logger.info(`web config ${webConfigFile} reloaded`),
    clock,
    minIntervalMs: reloadIntervalMs,
  });

  config = await reloader.init();
  policy = policyFor(config);
  const guard = createRequestGuard({
    handler,
    policy: () => policy,
    beforeRequest: () => reloader.check(),
    onError: (message) => logger.error(message),
  });

  if (!config.tls) {
    server = createHttpServer(guard);
    server.on('connection', track);
  } else {
    server = createTlsServer(guard, () => config, { track, check: () => void reloader.check(), logger });
  }
  logger.info(
    `web config ${webConfigFile} loaded: TLS ${config.tls ? 'enabled' : 'disabled'}, basic auth ${config.basicAuthUsers.size > 0 ? 'enabled' : 'disabled'}`,
  );
  return serverHandle(server, Boolean(config.tls), sockets);
}

function serverHandle(server: HttpServer | HttpsServer, tls: boolean, sockets: ReadonlySet<Socket>): WebServer {
  return {
    tls,
    listen(host, port) {
      return new Promise((resolve, reject) => {
        const onError = (err: Error): void => reject(err);
        server.once('error', onError);
        server.listen(port, host, () => {
          server.off('error', onError);
          const a = server.address() as AddressInfo;
          resolve({ address: a.address, port: a.port });
        });
      });
    },
    close: (timeoutMs) => closeWithin(server, sockets, timeoutMs),
  };
}
