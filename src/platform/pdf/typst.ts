import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TryAgainError } from '../errors.ts';
import { resolveFonts } from './fonts.ts';

/**
 * Printable documents typeset by Typst. A template is Typst source; the document's data is passed to it as
 * JSON (`#let data = json(bytes(sys.inputs.data))`), so names and titles typed by users are only ever text,
 * never markup. Templates start with `#import "/base.typ": *` for the shared page, fonts and language setup.
 *
 * Compilation runs on one worker thread holding one compiler: its fonts are parsed once (on the first
 * document), and documents asked for at the same time are compiled one after the other.
 */

interface RenderOptions {
  /** Tagged PDF (structure for screen readers), on by default. */
  tags?: boolean;
}

interface RenderedPdf {
  pdf: Buffer;
  pages: number;
}

/** The folder of the shared templates; the compiler's workspace (no template reads outside it). */
const workspace = fileURLToPath(new URL('./typst/', import.meta.url));
const workerUrl = new URL('./typst-worker.mjs', import.meta.url);

type Reply = { id: number; pdf: Uint8Array; pages: number } | { id: number; error: string };

interface Pending {
  resolve: (value: RenderedPdf) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  /** This thread's documents in progress: a thread that ends fails its own, not a newer thread's. */
  pending: Map<number, Pending>;
}

/** Documents waiting for the one thread at most; more are refused (503, try again) rather than queued without end. */
export const MAX_WAITING_DOCUMENTS = 32;

let current: Thread | null = null;
let nextId = 1;

function startThread(): Thread {
  // Fonts are located here, so a missing font fails the render at once with the font's name.
  const fonts = resolveFonts();
  const worker = new Worker(workerUrl, {
    workerData: { fontPaths: [...fonts.dirs, ...fonts.files], workspace },
    // Not the parent's flags (a loader, --cpu-prof …): the worker is plain JavaScript.
    execArgv: [],
  });
  const thread: Thread = { worker, pending: new Map() };
  worker.on('message', (reply: Reply) => {
    const job = thread.pending.get(reply.id);
    if (!job) return;
    thread.pending.delete(reply.id);
    if ('error' in reply) job.reject(new Error(reply.error));
    else job.resolve({ pdf: Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength), pages: reply.pages });
    // Idle, the thread does not keep the process alive (a CLI command, a test run can end).
    if (thread.pending.size === 0) worker.unref();
  });
  const fail = (error: Error) => {
    if (current === thread) current = null;
    for (const job of thread.pending.values()) job.reject(error);
    thread.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The Typst worker ended (exit code ${code})`)));
  return thread;
}

/** Renders `template` (Typst source) with `data` (anything JSON can carry) as a PDF. */
export async function renderTypst(template: string, data: unknown, options: RenderOptions = {}): Promise<RenderedPdf> {
  current ??= startThread();
  const thread = current;
  if (thread.pending.size >= MAX_WAITING_DOCUMENTS) throw new TryAgainError('pdf-busy', 'error.pdfBusy', 2);
  const id = nextId++;
  const result = new Promise<RenderedPdf>((resolve, reject) => thread.pending.set(id, { resolve, reject }));
  thread.worker.ref();
  thread.worker.postMessage({ id, source: template, data: JSON.stringify(data), tags: options.tags ?? true });
  return result;
}

/** Ends the worker thread; documents in progress fail (a later render starts a new thread). */
export async function closeTypst(): Promise<void> {
  const thread = current;
  current = null;
  if (thread) await thread.worker.terminate();
}

/** A template file read once, on first use: `loadTemplate(new URL('./letter.typ', import.meta.url))`. */
export function loadTemplate(url: URL): () => string {
  let source: string | undefined;
  return () => {
    source ??= readFileSync(url, 'utf8');
    return source;
  };
}
