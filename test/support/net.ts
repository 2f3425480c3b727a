import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A loopback port nothing listens on at the moment (for a child server, or to find a refusal). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves with the value once `probe` gives one (a failing probe counts as none); undefined after `withinMs`. */
export async function poll<T>(probe: () => Promise<T | undefined>, withinMs: number, everyMs = 25): Promise<T | undefined> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(everyMs);
  }
  return undefined;
}
