import type { DestinationStream, LoggerOptions } from 'pino';
import { errorForLog, requestForLog } from './http/redact.ts';

/**
 * Options of every logger of convene (the server's request logger, the worker, the CLI): errors and
 * requests go through the redacting serializers, so no query parameter, body or quoted value is logged.
 */
export function logOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: {
      err: (err: unknown) => errorForLog(err),
      error: (err: unknown) => errorForLog(err),
      req: requestForLog as (req: unknown) => unknown,
    },
  };
}

export type LogStream = DestinationStream;
