import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../platform/logger.ts';

/**
 * Outgoing email behind one interface: SMTP when `SMTP_URL` is set, otherwise `.eml` files in
 * the outbox so `npm start` works with nothing configured (docs/ARCHITECTURE.md, Embedded defaults). Callers
 * render the message (server/emails); this adapter only delivers it.
 */
export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  /**
   * Deletes every kept copy of mail to `address` (erasure). SMTP keeps none; the embedded
   * outbox keeps each message as a file. Returns how many were deleted.
   */
  forgetRecipient(address: string): Promise<number>;
  close(): Promise<void>;
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
  logger: Logger;
}

/**
 * SMTP errors often echo the recipient ("550 <a@b>: no such user") and the job queue stores
 * and logs error messages, so only the codes leave this module.
 */
function sanitizedError(err: unknown): Error {
  const { code, responseCode } = (err ?? {}) as { code?: unknown; responseCode?: unknown };
  const parts = [typeof code === 'string' ? code : undefined, typeof responseCode === 'number' ? String(responseCode) : undefined];
  const detail = parts.filter(Boolean).join(' ') || 'unknown';
  const error = new Error(`email delivery failed (${detail})`);
  error.name = 'MailerError';
  return error;
}

export function createMailer(options: MailerOptions): Mailer {
  const { smtpUrl, from, outboxDir, logger } = options;
  // No `logger` option is given to nodemailer: its debug output contains addresses and bodies.
  // Only { messageId, kind } is logged here, never recipient, subject or content.
  if (smtpUrl) {
    // Pooled: a burst of jobs reuses connections instead of a TCP+TLS handshake per email.
    // Settings in the URL (e.g. ?pool=false) win over this default.
    const transport = nodemailer.createTransport({ url: smtpUrl, pool: true }, { from });
    // The transport reports some failures (an OAuth2 token refresh) as an 'error' event: with
    // no listener it would end the process. Each send reports its own failure anyway.
    transport.on('error', (err: unknown) => logger.warn({ err: sanitizedError(err).message }, 'mail transport error'));
    return {
      kind: 'smtp',
      async send(email) {
        let messageId: string;
        try {
          ({ messageId } = await transport.sendMail({ ...email }));
        } catch (err) {
          throw sanitizedError(err);
        }
        logger.info({ messageId, kind: 'smtp' }, 'email sent');
        return { messageId };
      },
      forgetRecipient: async () => 0,
      async close() {
        transport.close();
      },
    };
  }

  // Nodemailer builds the message (headers, encodings, multipart/alternative), so an outbox
  // file is exactly what SMTP would have carried and opens in any mail client. CRLF line
  // endings, as RFC 5322 requires.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }, { from });
  return {
    kind: 'outbox',
    async send(email) {
      const info = await composer.sendMail({ ...email });
      // The outbox holds personal data: readable by the server's user only.
      await mkdir(outboxDir, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replaceAll(':', '');
      const file = join(outboxDir, `${stamp}-${randomBytes(6).toString('hex')}.eml`);
      // `wx`: never overwrite an earlier message, however unlikely the name clash.
      await writeFile(file, info.message as Buffer, { mode: 0o600, flag: 'wx' });
      logger.info({ messageId: info.messageId, kind: 'outbox' }, 'email sent');
      return { messageId: info.messageId };
    },
    async forgetRecipient(address) {
      const files = await readdir(outboxDir).catch(() => [] as string[]);
      const needle = address.toLowerCase();
      let deleted = 0;
      for (const name of files.filter((f) => f.endsWith('.eml'))) {
        const file = join(outboxDir, name);
        // The headers end at the first blank line; the address is matched in To only.
        const head = (await readFile(file, 'utf8')).split('\r\n\r\n', 1)[0] ?? '';
        const to = /^To: (.*(?:\r\n[ \t].*)*)/im.exec(head)?.[1] ?? '';
        // Whole addresses only: forgetting ann@x.org must not delete mail to joann@x.org.
        const addresses = (to.match(/[^\s<>,"]+@[^\s<>,"]+/g) ?? []).map((a) => a.toLowerCase());
        if (addresses.includes(needle)) {
          await rm(file, { force: true });
          deleted++;
        }
      }
      return deleted;
    },
    async close() {},
  };
}
