import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/**
 * Graceful stop of `serve` and `worker`. The first SIGTERM or SIGINT runs `stop` and exits 0 when it is
 * done (1 if it failed); a second signal while stopping exits at once (1).
 */
export function stopOnSignals(log: Pick<Logger, 'info' | 'warn' | 'error'>, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal while stopping: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'stopping: finishing requests and work in progress');
    stop().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * Stops the HTTP server: no new connections, idle keep-alive connections closed, requests in flight
 * allowed `graceMs` to finish; then the connections still open are closed. Resolves with whether it had to.
 */
export async function closeHttp(app: FastifyInstance, graceMs: number): Promise<{ cut: boolean }> {
  let cut = false;
  const timer = setTimeout(() => {
    cut = true;
    app.server.closeAllConnections();
  }, graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
  return { cut };
}

/** Waits for `work` at most `ms`; true when it finished in time. The work itself goes on either way. */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
