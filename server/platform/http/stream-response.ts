import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Sends a stream as the response body (a download of any size in bounded memory). Before the
 * first byte, a failure is an ordinary error for the error middleware (a 500 with the request
 * id, or the AppError's answer). After it the status is gone: the response is cut short, which
 * the client sees as an incomplete download (its Content-Length or chunked framing fails), and
 * the failure is logged with its type only. A client that goes away stops the reading too.
 */
export async function sendStream(req: Request, res: Response, body: Readable): Promise<void> {
  try {
    await pipeline(body, res);
  } catch (err) {
    if (!res.headersSent) throw err;
    res.destroy();
    // The client going away is not worth a line; a stored file failing to read is.
    if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      req.log?.warn({ requestId: String(req.id ?? ''), errorType: err instanceof Error ? err.constructor.name : typeof err }, 'download cut short');
    }
  }
}
