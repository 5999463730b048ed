import busboy from 'busboy';
import type { Request } from 'express';
import { AppError, validationError } from '../errors.ts';

/**
 * Reads a multipart/form-data request holding one file (field "file") and a few text fields,
 * refusing early: 415 for another content type, 413 as soon as the file passes `maxBytes`.
 */
export interface Upload {
  filename: string;
  data: Buffer;
  fields: Record<string, string>;
}

/**
 * After a refusal the client must still see the answer: closing at once would reset a connection
 * it is still writing to, and a reset discards the answer unread (browsers show "connection
 * reset"). A body of a declared length not far past what was read is read to its end and thrown
 * away, so the answer arrives on a healthy connection (a file just over the limit, the common
 * case). Any other body (chunked, so possibly endless, or declared huge) is not read: reading
 * stops, the answer goes out, and the connection closes a moment after it has been sent.
 */
const DRAIN_AT_MOST_BYTES = 16 * 1024 * 1024;
const LINGER_AFTER_REFUSAL_MS = 2_000;
const HANG_UP_UNANSWERED_MS = 30_000;

export function readSingleFileUpload(req: Request, options: { maxBytes: number }): Promise<Upload> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data in a field named "file"'));
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  // The body also carries field names and boundaries: allow a little over the file limit.
  if (declared > options.maxBytes + 64 * 1024) {
    return Promise.reject(new AppError('PAYLOAD_TOO_LARGE', `Files can be at most ${Math.round(options.maxBytes / 1024 / 1024)} MB`, { limitBytes: options.maxBytes }));
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let filename: string | undefined;
    let failed = false;
    let received = 0;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      // A body that was read to its end (one cut short by the client) leaves a reusable connection.
      if (!req.complete) {
        const hangUp = (afterMs: number) => setTimeout(() => req.socket.destroy(), afterMs).unref();
        if (declared > 0 && declared - received <= DRAIN_AT_MOST_BYTES) {
          req.resume(); // read to its end, unused
          const stalled = setTimeout(() => req.socket.destroy(), HANG_UP_UNANSWERED_MS).unref();
          req.once('end', () => clearTimeout(stalled));
        } else {
          req.pause();
          if (req.res && !req.res.writableFinished) req.res.once('finish', () => hangUp(LINGER_AFTER_REFUSAL_MS));
          hangUp(HANG_UP_UNANSWERED_MS);
        }
      }
      reject(err);
    };
    const cutShort = () => fail(validationError([{ path: 'body', message: 'ended before the upload was complete: send the file again' }]));
    // Browsers send file names as UTF-8; busboy's default (latin1) would garble "Zoë".
    const parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: options.maxBytes, files: 1, fields: 10, fieldSize: 1024 } });
    parser.on('file', (name, stream, info) => {
      // A body that ends mid-file makes busboy emit 'error' on the file stream as well as on the
      // parser; an 'error' with no listener would take the whole process down.
      stream.on('error', cutShort);
      if (name !== 'file') {
        stream.resume();
        return;
      }
      filename = info.filename;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new AppError('PAYLOAD_TOO_LARGE', `Files can be at most ${Math.round(options.maxBytes / 1024 / 1024)} MB`, { limitBytes: options.maxBytes })));
    });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('filesLimit', () => fail(validationError([{ path: 'body.file', message: 'send one file at a time' }])));
    parser.on('error', (err: Error) => fail(validationError([{ path: 'body', message: `is not valid multipart data (${err.message})` }])));
    parser.on('close', () => {
      if (failed) return;
      if (!filename || !chunks.length) return fail(validationError([{ path: 'body.file', message: 'is required' }]));
      resolve({ filename, data: Buffer.concat(chunks), fields });
    });
    req.on('data', (chunk: Buffer) => (received += chunk.length));
    // A client that hangs up mid-body: fail this request (nobody is listening for the answer).
    req.on('error', cutShort);
    req.on('close', () => {
      if (!req.complete) cutShort();
    });
    req.pipe(parser);
  });
}
