import type { Server } from 'node:net';
import type { Socket } from 'node:net';

/**
 * Stops `server` from accepting connections and resolves once every connection has
 * ended, destroying whatever is still open (keep-alive, mid-handshake or mid-request)
 * after `timeoutMs`, so shutdown time is bounded. `sockets` must hold every raw socket
 * the server accepted and drop them on close.
 */
export function closeWithin(
  server: Server & { closeIdleConnections?: () => void },
  sockets: ReadonlySet<Socket>,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve) => {
    const destroyAll = (): void => {
      for (const s of sockets) s.destroy();
    };
    if (!server.listening) {
      destroyAll();
      resolve();
      return;
    }
    const timer = setTimeout(destroyAll, Math.max(0, timeoutMs));
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    // Idle keep-alive connections would otherwise linger until keepAliveTimeout.
    server.closeIdleConnections?.();
  });
}
