import { PassThrough, type Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { AppError, validationError } from '../errors.ts';

/** A request's one file (field "file") with the text fields that came with it, held whole. */
export interface Upload {
  filename: string;
  data: Buffer;
  fields: Record<string, string>;
}

/** The file as it arrives: read it once, to its end; it errors if the upload is refused or cut short. */
export interface IncomingFile {
  filename: string;
  stream: Readable;
}

/**
 * After a refusal the rest of the body is not read (a chunked one could be endless). The client
 * must still see the answer: closing at once would reset a connection it is still writing to,
 * and a reset discards the answer unread. So reading stops (the client's writes stall), the
 * answer goes out, and the connection closes a moment after it has been sent.
 */
const LINGER_AFTER_REFUSAL_MS = 2_000;
const HANG_UP_UNANSWERED_MS = 30_000;

/**
 * Reads a multipart/form-data request holding one file (field "file") and a few text fields,
 * handing the file to `consume` as a stream while it arrives, so memory holds a chunk at a time
 * whatever the file's size. Refuses early: 415 for another content type, 413 as soon as the file
 * passes `maxBytes`, 422 for a body cut short or a missing or empty file; then `consume`'s
 * stream errors with the same refusal. The fields are known only once the body has ended
 * (a client may send them after the file), and so is the result: when the body fails after
 * `consume` finished, `discard` undoes its work.
 */
export function receiveSingleFile<T>(
  req: Request,
  options: { maxBytes: number },
  consume: (file: IncomingFile) => Promise<T>,
  discard: (result: T) => Promise<void> = async () => undefined,
): Promise<{ result: T; fields: Record<string, string> }> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data in a field named "file"'));
  }
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `Files can be at most ${Math.round(options.maxBytes / 1024 / 1024)} MB`, { limitBytes: options.maxBytes });
  const declared = Number(req.headers['content-length'] ?? 0);
  // The body also carries field names and boundaries: allow a little over the file limit.
  if (declared > options.maxBytes + 64 * 1024) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: PassThrough | undefined;
    let filename: string | undefined;
    let bytes = 0;
    let consumed: Promise<T> | undefined;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      file?.destroy(err as Error);
      // A body that was read to its end (one cut short by the client) leaves a reusable connection.
      if (!req.complete) {
        req.pause();
        const hangUp = (afterMs: number) => setTimeout(() => req.socket.destroy(), afterMs).unref();
        if (req.res && !req.res.writableFinished) req.res.once('finish', () => hangUp(LINGER_AFTER_REFUSAL_MS));
        hangUp(HANG_UP_UNANSWERED_MS);
      }
      // Whatever `consume` made of a refused upload is undone before the refusal is answered.
      void (consumed ?? Promise.reject(new Error('no file')))
        .then(discard, () => undefined)
        .catch(() => undefined)
        .finally(() => reject(err));
    };
    const cutShort = () => fail(validationError([{ path: 'body', message: 'ended before the upload was complete: send the file again' }]));
    // Browsers send file names as UTF-8; busboy's default (latin1) would garble "Zoë".
    const parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: options.maxBytes, files: 1, fields: 10, fieldSize: 1024 } });
    parser.on('file', (name, stream, info) => {
      // A body that ends mid-file makes busboy emit 'error' on the file stream as well as on the
      // parser; an 'error' with no listener would take the whole process down.
      stream.on('error', cutShort);
      if (name !== 'file' || failed) {
        stream.resume();
        return;
      }
      // busboy ends a file that passed the limit as if it were complete: the consumer reads a
      // stream of our own, which errors instead.
      filename = info.filename;
      file = new PassThrough();
      stream.on('limit', () => fail(tooLarge()));
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
      stream.pipe(file);
      consumed = consume({ filename: filename ?? '', stream: file });
      consumed.catch(fail);
    });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('filesLimit', () => fail(validationError([{ path: 'body.file', message: 'send one file at a time' }])));
    parser.on('error', (err: Error) => fail(validationError([{ path: 'body', message: `is not valid multipart data (${err.message})` }])));
    parser.on('close', () => {
      if (failed) return;
      if (!consumed || !filename || !bytes) return fail(validationError([{ path: 'body.file', message: 'is required' }]));
      consumed.then((result) => {
        if (failed) return;
        failed = true; // settled: a later hang-up changes nothing
        resolve({ result, fields });
      }, fail);
    });
    // A client that hangs up mid-body: fail this request (nobody is listening for the answer).
    req.on('error', cutShort);
    req.on('close', () => {
      if (!req.complete) cutShort();
    });
    req.pipe(parser);
  });
}

/** The same, with the file held whole: for files read at once (a CV to import, a CV to check). */
export async function readSingleFileUpload(req: Request, options: { maxBytes: number }): Promise<Upload> {
  const { result, fields } = await receiveSingleFile(req, options, async ({ filename, stream }) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { filename, data: Buffer.concat(chunks) };
  });
  return { ...result, fields };
}
