import { Worker } from 'node:worker_threads';
import { assembleText, type ExtractableKind, type ExtractionLimits, type LimitReached } from './extractors.mjs';

export type { ExtractableKind };

/** Text kept per document revision (what search indexes). */
const DEFAULT_MAX_CHARS = 200_000;
/** Text read out of a file in all, before tidying whitespace (hostile files are mostly whitespace or markup). */
const DEFAULT_MAX_TEXT_CHARS = 2 * 1024 * 1024;
/** XML read out of a file's ZIP parts in all, once inflated: a zip bomb stops here. */
const DEFAULT_MAX_INFLATED_BYTES = 32 * 1024 * 1024;
const MAX_PDF_BYTES = 30 * 1024 * 1024;
/** Wall-clock limit of one extraction, after which its thread is terminated. */
const DEFAULT_TIMEOUT_MS = 20_000;
/** Extraction threads at most (each runs one extraction at a time); more extractions wait their turn. */
const CONCURRENT_EXTRACTIONS = 2;
/** How long an extraction may wait for its turn before the document is stored without text. */
const DEFAULT_QUEUE_TIMEOUT_MS = 60_000;
/**
 * Each extraction thread's heap: beyond it the thread ends (out of memory) and its file keeps the text
 * found so far. A small young generation keeps a busy thread's resident memory small (measured: 16 MB
 * took ~25 MB more per four hostile files than 2 MB); pdf.js on a 1,500-page PDF fits in 48 MB.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 2, stackSizeMb: 4 };

type ExtractionStop = LimitReached | 'timeout' | 'memory' | 'unreadable' | 'busy';

interface TextExtraction {
  /** Plain text, whitespace-normalised, one line per paragraph, at most `maxChars` characters. */
  text: string;
  /** Why extraction stopped before the end of the file (the text then holds what was found until then), or null. */
  stopped: ExtractionStop | null;
}

export interface ExtractOptions {
  maxChars?: number;
  maxTextChars?: number;
  maxInflatedBytes?: number;
  timeoutMs?: number;
  queueTimeoutMs?: number;
}

/**
 * The text of a document, for search: docx, pptx and xlsx by streaming only the ZIP parts with text,
 * pdf by pdf.js. Bounded in total, whatever the file: at most `maxTextChars` of text and
 * `maxInflatedBytes` of inflated XML over all parts, in a worker thread with a capped heap and a
 * wall-clock limit after which it is terminated, at most two at a time — so a hostile file neither
 * blocks the event loop nor takes the server's memory. Never throws: a broken or hostile file gives
 * the text found until it stopped (maybe ''), and the document is stored anyway.
 */
export async function extractText(
  kind: ExtractableKind,
  open: () => Promise<NodeJS.ReadableStream>,
  size: number,
  options: ExtractOptions = {},
): Promise<TextExtraction> {
  if (kind === 'zip') return { text: '', stopped: null };
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const limits: ExtractionLimits = {
    maxChars,
    maxTextChars: options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS,
    maxInflatedBytes: options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES,
    maxPdfBytes: MAX_PDF_BYTES,
  };
  if (kind === 'pdf' && size > limits.maxPdfBytes) return { text: '', stopped: 'pdf-too-large' };
  const thread = await acquireThread(options.queueTimeoutMs ?? DEFAULT_QUEUE_TIMEOUT_MS);
  if (!thread) return { text: '', stopped: 'busy' };
  const { parts, stopped, healthy } = await runOn(thread, kind, open, size, limits, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  releaseThread(thread, healthy);
  return { text: assembleText(kind, parts, maxChars), stopped };
}

// ---- the pool: at most CONCURRENT_EXTRACTIONS threads, kept for the next file; the rest wait in order.
// A thread costs ~15 MB and ~0.1 s to start (~0.3 s more the first time it meets a PDF: pdf.js). The
// threads are started by the first files that need them, not with the server (an idle server measured
// ~15 MB smaller), and kept: what a file can make the server take is then the extraction's own memory,
// bounded above. A thread that ended (terminated at the time limit, out of memory) is replaced when the
// next file needs it.

interface Thread {
  worker: Worker;
  /** -1 once the thread has ended. */
  jobs: number;
  /** The running extraction's message and exit handlers. */
  onMessage?: (message: FromWorker) => void;
  onExit?: (code: 'memory' | 'unreadable') => void;
}

const workerUrl = new URL('./extraction-worker.mjs', import.meta.url);
let threads = 0;
let busy = 0;
const idle: Thread[] = [];
const waiting: ((thread: Thread) => void)[] = [];

function spawnThread(): Thread {
  const worker = new Worker(workerUrl, {
    resourceLimits: WORKER_LIMITS,
    // Not the parent's flags (a loader, --cpu-prof …): the worker is plain JavaScript.
    execArgv: [],
  });
  const thread: Thread = { worker, jobs: 0 };
  worker.on('message', (message: FromWorker) => thread.onMessage?.(message));
  worker.on('error', (error: Error & { code?: string }) =>
    thread.onExit?.(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'unreadable'),
  );
  worker.on('exit', () => {
    thread.onExit?.('unreadable');
    forget(thread);
  });
  return thread;
}

/** A thread that ended (terminated, out of memory): no longer counted, and a waiting extraction gets a new one. */
function forget(thread: Thread): void {
  if (thread.jobs < 0) return; // already forgotten
  const at = idle.indexOf(thread);
  if (at >= 0) idle.splice(at, 1);
  thread.jobs = -1;
  threads -= 1;
  const next = waiting.shift();
  if (next) {
    threads += 1;
    next(spawnThread());
  }
}

async function acquireThread(timeoutMs: number): Promise<Thread | null> {
  const reused = idle.pop();
  let thread: Thread | null = null;
  if (reused) {
    thread = reused;
  } else if (threads < CONCURRENT_EXTRACTIONS) {
    threads += 1;
    thread = spawnThread();
  } else {
    thread = await new Promise<Thread | null>((resolve) => {
      const take = (t: Thread) => {
        clearTimeout(timer);
        resolve(t);
      };
      const timer = setTimeout(() => {
        const at = waiting.indexOf(take);
        if (at >= 0) waiting.splice(at, 1);
        resolve(null);
      }, timeoutMs);
      timer.unref();
      waiting.push(take);
    });
  }
  if (thread) {
    busy += 1;
    thread.worker.ref();
  }
  return thread;
}

function releaseThread(thread: Thread, healthy: boolean): void {
  busy -= 1;
  thread.onMessage = undefined;
  thread.onExit = undefined;
  if (thread.jobs < 0) return; // it ended during the extraction
  thread.jobs += 1;
  if (!healthy) {
    // Forgotten at its exit, which also starts a thread for the next waiting extraction.
    void thread.worker.terminate();
    return;
  }
  const next = waiting.shift();
  if (next) {
    next(thread);
    return;
  }
  // An idle thread does not keep the process alive (a CLI command, a test run can end).
  thread.worker.unref();
  idle.push(thread);
}

/** How many extractions are running now (for tests). */
export function extractionsRunning(): number {
  return busy;
}

/** Extraction threads alive now, running or idle (for tests). */
export function extractionThreads(): number {
  return threads;
}

// ---- one extraction on a thread

type FromWorker =
  | { type: 'pull' }
  | { type: 'text'; part: string; text: string }
  | { type: 'done'; stopped: LimitReached | 'unreadable' | null };

/**
 * Runs one extraction on the thread. `healthy` is false when the thread must not be given another file:
 * it was stopped at the time limit, died (out of memory), or is waiting for a chunk that will not come.
 */
function runOn(
  thread: Thread,
  kind: ExtractableKind,
  open: () => Promise<NodeJS.ReadableStream>,
  size: number,
  limits: ExtractionLimits,
  timeoutMs: number,
): Promise<{ parts: Map<string, string>; stopped: ExtractionStop | null; healthy: boolean }> {
  const parts = new Map<string, string>();
  let received = 0;
  return new Promise((resolve) => {
    let stream: NodeJS.ReadableStream | undefined;
    let settled = false;
    const finish = (stopped: ExtractionStop | null, healthy: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      (stream as { destroy?: () => void } | undefined)?.destroy?.();
      resolve({ parts, stopped, healthy });
    };
    const timer = setTimeout(() => finish('timeout', false), timeoutMs);
    // The file is opened at once, so a stalled store is given up (and its stream closed) like a slow file.
    const reader = open().then(
      (s) => {
        stream = s;
        if (settled) (s as { destroy?: () => void }).destroy?.();
        return (s as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      },
      () => null,
    );
    const send = async () => {
      const it = await reader;
      if (settled) return;
      if (!it) return finish('unreadable', false);
      try {
        const next = await it.next();
        if (settled) return;
        if (next.done) thread.worker.postMessage({ type: 'end' });
        else {
          const value = next.value as Uint8Array | string;
          thread.worker.postMessage({ type: 'chunk', data: typeof value === 'string' ? Buffer.from(value) : value });
        }
      } catch {
        finish('unreadable', false);
      }
    };
    thread.onMessage = (message) => {
      if (message.type === 'pull') void send();
      else if (message.type === 'text') {
        // The worker keeps to the limit; the main thread holds it to it too.
        const room = limits.maxChars - received;
        if (room <= 0) return;
        const text = message.text.length > room ? message.text.slice(0, room) : message.text;
        received += text.length;
        parts.set(message.part, (parts.get(message.part) ?? '') + text);
      } else if (message.type === 'done') finish(message.stopped, true);
    };
    thread.onExit = (why) => finish(why, false);
    thread.worker.postMessage({ type: 'job', kind, size, limits });
  });
}
