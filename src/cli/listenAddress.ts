import { FlagError } from './parseFlags';

/** Where the server listens; an undefined host means every interface. */
export interface ListenAddress {
  readonly host: string | undefined;
  readonly port: number;
  /** As written on the command line, for messages. */
  readonly text: string;
}

/** Splits `host:port` / `:port` / `[::1]:port`; an empty host means every interface. Throws FlagError. */
export function parseListenAddress(addr: string): ListenAddress {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(addr);
  if (!m) throw new FlagError(`--web.listen-address must be host:port or :port, got ${JSON.stringify(addr)}`);
  const port = Number(m[3]);
  if (port > 65535) throw new FlagError(`--web.listen-address: port ${port} is out of range`);
  return { host: m[1] ?? (m[2] || undefined), port, text: addr };
}

/** The URL people open for a server listening on `listen` (bound to `port`): a wildcard host reads "localhost". */
export function baseUrl(listen: Pick<ListenAddress, 'host'>, port: number, tls: boolean): string {
  const host = listen.host;
  const shown = host && host !== '0.0.0.0' && host !== '::' ? (host.includes(':') ? `[${host}]` : host) : 'localhost';
  return `${tls ? 'https' : 'http'}://${shown}:${port}`;
}
