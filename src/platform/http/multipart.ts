import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { discardQuietly } from '../files/references.ts';
import { FileTooLargeError, type StoredFile } from '../files/store.ts';
import { checkText, cleanInput } from '../input.ts';
import { checkCsrfValue, csrfRequired } from './csrf.ts';
import { BODY_RULE, fieldErrorsOf, InputError } from './input.ts';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const fileTooLarge = () =>
  new DomainError('file-too-large', 413, 'error.fileTooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }, [
    { field: 'file', message: 'error.fileTooLarge', params: { mb: MAX_UPLOAD_BYTES / 1024 / 1024 } },
  ]);

export interface Upload {
  fields: Record<string, string | string[]>;
  /** The one file of the request, streamed into the store (hashed on the way), or null. */
  file: (StoredFile & { filename: string; declaredType: string }) | null;
}

interface UploadOptions {
  maxBytes?: number;
  /**
   * Called with the fields sent so far when the file starts, before any byte of it is stored: a last
   * check on what they say (a type only staff may submit, say). Throwing refuses the request.
   */
  beforeFile?: (fields: Upload['fields']) => void | Promise<void>;
}

/**
 * Reads a multipart request: fields are collected, the file streamed into the store. Call it only once
 * whatever the request line, headers and session can decide is decided (who asks, their rights, the
 * meeting, the deadline): nothing is stored for a request refused on those. A browser form must send
 * its `_csrf` field before the file (it does, in document order), so nothing is stored for a forged
 * request either. If reading fails after the file was stored (a second file, a limit), the file is
 * given back. Routes that read uploads set `config: { multipart: true }`.
 */
export async function readUpload(
  req: FastifyRequest,
  ctx: Pick<AppContext, 'db' | 'files' | 'log'>,
  options: UploadOptions = {},
): Promise<Upload> {
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  const fields: Record<string, string | string[]> = Object.create(null);
  let file: Upload['file'] = null;
  let csrfChecked = !csrfRequired(req);
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes + 1, files: 1, fields: 100, fieldSize: 100_000 } })) {
      if (part.type === 'field') {
        const raw = String(part.value ?? '');
        if (part.fieldname === '_csrf' && !csrfChecked) {
          checkCsrfValue(req, raw);
          csrfChecked = true;
          continue;
        }
        // The input rule, as for every other body: refused at once, before a later file part is stored.
        const cleaned = cleanInput({ [part.fieldname]: raw }, BODY_RULE);
        if (cleaned.problems.length) throw new InputError(fieldErrorsOf(cleaned.problems));
        const [name, value] = Object.entries(cleaned.value as Record<string, string>)[0]!;
        const previous = fields[name];
        fields[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
        continue;
      }
      if (!csrfChecked) checkCsrfValue(req, undefined);
      if (!part.filename) {
        for await (const _ of part.file); // an empty file input: no file chosen
        continue;
      }
      const filename = checkText(part.filename, { lines: false, max: 255 });
      if (!filename.ok) throw new InputError(fieldErrorsOf([{ field: part.fieldname, problem: filename.problem }]));
      await options.beforeFile?.(fields);
      const stored = await ctx.files.put(part.file, { maxBytes });
      file = { ...stored, filename: filename.value, declaredType: part.mimetype };
      if (part.file.truncated) throw new FileTooLargeError(maxBytes);
    }
    if (!csrfChecked) checkCsrfValue(req, undefined);
  } catch (error) {
    if (file) await discardQuietly(ctx, file.hash);
    if (error instanceof FileTooLargeError || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
    throw error;
  }
  return { fields, file };
}
