import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { waitFor } from './wait.ts';

/** A real SMTP server in the test process that keeps every message it receives. */
export interface CapturedEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  parsed: ParsedMail;
}

export async function startSmtpServer() {
  const received: CapturedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            parsed,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Waits for the next email to `to` whose subject matches, after `skip` earlier ones. */
    async waitForEmail(to: string, subject: RegExp, timeoutMs = 15_000): Promise<CapturedEmail> {
      return waitFor(`email "${subject}" to ${to}`, async () => received.find((m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject)), timeoutMs);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in an email's text whose path starts with `path`, e.g. /verify-email. */
export function linkFrom(email: CapturedEmail, path: string): URL {
  const match = email.text.match(new RegExp(`https?://[^\\s]+${path.replace(/[/]/g, '\\/')}\\?token=[A-Za-z0-9_-]+`));
  if (!match) throw new Error(`No ${path} link in the email`);
  return new URL(match[0]);
}
