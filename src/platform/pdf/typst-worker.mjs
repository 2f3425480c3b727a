// @ts-check
// The Typst worker thread: one compiler (fonts parsed once), documents compiled one after the other as the
// main thread (typst.ts) sends them. A compilation is a native call that holds its thread until done; here it
// holds this thread, never the server's. The data of a document arrives as JSON in `sys.inputs.data` and the
// template reads it with json(): text in it is never parsed as Typst markup.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

if (!parentPort) throw new Error('typst-worker.mjs runs as a worker thread');
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

const require = createRequire(import.meta.url);
/** @type {typeof import('@myriaddreamin/typst-ts-node-compiler')} */
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

/** @type {{ fontPaths: string[]; workspace: string }} */
const { fontPaths, workspace } = workerData;

// The workspace is the shared templates' folder: `#import "/base.typ"` reads from it, and no template can read
// a file outside it.
const compiler = NodeCompiler.create({ workspace, fontArgs: [{ fontPaths }] });

/** @param {import('@myriaddreamin/typst-ts-node-compiler').NodeError | null} error */
function describe(error) {
  if (!error) return 'unknown error';
  const diagnostics = /** @type {{ message?: string; severity?: number }[]} */ (error.shortDiagnostics ?? []);
  return (
    diagnostics
      .map((d) => d.message)
      .filter(Boolean)
      .join('; ') || error.kind
  );
}

/** @typedef {{ id: number; source: string; data: string; tags: boolean }} Job */

port.on('message', (/** @type {Job} */ job) => {
  try {
    const result = compiler.compile({ mainFileContent: job.source, inputs: { data: job.data } });
    const document = result.result;
    if (!document || result.hasError()) throw new Error(`Typst: ${describe(result.takeDiagnostics())}`);
    const pdf = compiler.pdf(document, { pdfTags: job.tags });
    // Memoized layouts of earlier documents are dropped after a few compilations: memory stays bounded.
    compiler.evictCache(10);
    const bytes = new Uint8Array(pdf);
    port.postMessage({ id: job.id, pdf: bytes, pages: document.numOfPages }, [bytes.buffer]);
  } catch (error) {
    port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
