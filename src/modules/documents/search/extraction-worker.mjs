// @ts-check
// An extraction worker thread: files one after the other, each given by the main thread (text.ts) in
// chunks on request, its text sent back in pieces as it is found. The main thread terminates the thread
// at an extraction's time limit, and its heap is capped by resourceLimits. Nothing here touches the
// database or the file store.
import { once } from 'node:events';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { extractPieces } from './extractors.mjs';

/** Pieces are sent in batches of about this many characters per part. */
const BATCH_CHARS = 64 * 1024;

if (!parentPort) throw new Error('extraction-worker.mjs runs as a worker thread');
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

// Whatever pdf.js might print about a broken file is dropped, not mixed into the server's log. (Not
// through the Worker's stdout option: piped stdio keeps the server's process alive after unref().)
for (const level of /** @type {const} */ (['log', 'info', 'warn', 'error', 'debug', 'trace'])) console[level] = () => {};

// This thread yields the CPU to the server's own thread (requests) when both want it: on Linux a
// thread's niceness is its own, set through its thread id. Elsewhere it keeps the default priority.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isSafeInteger(tid) && tid > 0) setPriority(tid, 10);
} catch {}

/**
 * @typedef {{ type: 'job'; kind: import('./extractors.mjs').ExtractableKind; size: number; limits: import('./extractors.mjs').ExtractionLimits }} Job
 * @typedef {{ type: 'chunk'; data: Uint8Array } | { type: 'end' }} Chunk
 */

/** The next message from the main thread. @returns {Promise<Job | Chunk>} */
async function next() {
  const [message] = await once(port, 'message');
  return message;
}

/** The file's chunks, each asked for when the previous one is used: the main thread reads no further ahead. */
async function* chunks() {
  for (;;) {
    port.postMessage({ type: 'pull' });
    const message = await next();
    if (message.type !== 'chunk') return;
    yield message.data;
  }
}

/** @param {Job} job */
async function run(job) {
  /** @type {Map<string, string[]>} */
  const batches = new Map();
  let batched = 0;
  const flush = () => {
    for (const [part, texts] of batches) port.postMessage({ type: 'text', part, text: texts.join('') });
    batches.clear();
    batched = 0;
  };
  try {
    const stopped = await extractPieces(job.kind, chunks(), job.size, job.limits, (part, text) => {
      const texts = batches.get(part);
      if (texts) texts.push(text);
      else batches.set(part, [text]);
      batched += text.length;
      if (batched >= BATCH_CHARS) flush();
    });
    flush();
    port.postMessage({ type: 'done', stopped });
  } catch {
    // A broken file: what was found before stays useful.
    flush();
    port.postMessage({ type: 'done', stopped: 'unreadable' });
  }
}

for (;;) {
  const message = await next();
  if (message.type === 'job') await run(message);
}
