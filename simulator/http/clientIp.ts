import type { IncomingMessage } from 'node:http';

/** The client IP as Rocket.Chat sees it (socket address, IPv4-mapped prefix stripped). */
export function clientIp(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? 'unknown';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
