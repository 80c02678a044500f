import { createServer } from 'node:net';

/** A port free on 127.0.0.1 right now, for a server whose address must be known before it starts (OIDC redirect URIs, --port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
