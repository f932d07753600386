import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that was free a moment ago: the OS picks it for a throwaway
 * listener, which is closed again. For processes that need a port on their command line
 * and cannot report the one they bound (Prometheus prints none when given :0). Shared by
 * bench/ and test/: tests may import bench helpers, bench never imports test code.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        address === null || typeof address === 'string'
          ? reject(new Error('no TCP address for the probe listener'))
          : resolve(address.port),
      );
    });
  });
}
