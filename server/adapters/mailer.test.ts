import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.ts';
import { verifyEmailMessage } from '../emails/render.ts';
import { createMailer, type Mailer } from './mailer.ts';

const recipient = 'amara.okafor@nhs.test';
const verifyUrl = 'https://medfolio.test/verify-email?token=Vq3kR9xZp2LmN8wT5yB7cD1f';
const from = 'Medfolio <no-reply@medfolio.test>';

interface Received {
  from: string | undefined;
  to: string[];
  raw: string;
}

function captureLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines };
}

async function renderedVerifyEmail() {
  const message = await verifyEmailMessage({ name: 'Amara Okafor', verifyUrl, expiresInHours: 24 });
  return { to: recipient, ...message };
}

describe('SMTP mailer', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port: number;
  let mailer: Mailer | undefined;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    port = (server.server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    await mailer?.close();
    mailer = undefined;
    received.length = 0;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers a multipart message to the recipient over SMTP', async () => {
    const { logger } = captureLogger();
    mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from, outboxDir: '/nonexistent', logger });
    expect(mailer.kind).toBe('smtp');

    const result = await mailer.send(await renderedVerifyEmail());

    expect(result.messageId).toMatch(/^<.+@.+>$/);
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message?.to).toEqual([recipient]);
    expect(message?.from).toBe('no-reply@medfolio.test');
    expect(message?.raw).toContain(`Message-ID: ${result.messageId}`);
    expect(message?.raw).toContain('Subject: Confirm your email address for Medfolio');
    expect(message?.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(message?.raw).toMatch(/Content-Type: text\/plain/i);
    expect(message?.raw).toMatch(/Content-Type: text\/html/i);
    // Quoted-printable may fold long lines with "=\r\n"; undo that before looking for the URL.
    expect(unfoldQuotedPrintable(message?.raw ?? '')).toContain(verifyUrl);
  });

  it('logs only the message id and kind', async () => {
    const { logger, lines } = captureLogger();
    mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from, outboxDir: '/nonexistent', logger });
    const { messageId } = await mailer.send(await renderedVerifyEmail());

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 30, messageId, kind: 'smtp', msg: 'email sent' });
    assertNoPersonalData(lines);
  });

  it('reports a rejected recipient without echoing the address', async () => {
    const rejecting = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(Object.assign(new Error(`<${address.address}>: no such user`), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => rejecting.listen(0, '127.0.0.1', () => resolve()));
    try {
      const rejectingPort = (rejecting.server.address() as AddressInfo).port;
      const { logger, lines } = captureLogger();
      mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${rejectingPort}`, from, outboxDir: '/nonexistent', logger });
      const error = await mailer.send(await renderedVerifyEmail()).then(
        () => undefined,
        (err: unknown) => err as Error,
      );
      expect(error?.message).toMatch(/^email delivery failed \(EENVELOPE 550\)$/);
      expect(error?.message).not.toContain(recipient);
      assertNoPersonalData(lines);
    } finally {
      await mailer?.close();
      mailer = undefined;
      await new Promise<void>((resolve) => rejecting.close(() => resolve()));
    }
  });
});

describe('outbox mailer', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'medfolio-outbox-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('forgets every message to an address (erasure) and keeps the rest', async () => {
    const outboxDir = join(root, 'outbox');
    const mailer = createMailer({ smtpUrl: undefined, from, outboxDir, logger: createLogger({ level: 'silent' }) });
    const message = await renderedVerifyEmail();
    await mailer.send(message);
    await mailer.send({ ...message, to: 'Amara Okafor <AMARA.OKAFOR@nhs.test>' });
    await mailer.send({ ...message, to: 'someone.else@nhs.test' });
    await mailer.send({ ...message, to: `jo${recipient}` });
    expect(await mailer.forgetRecipient(recipient)).toBe(2);
    const left = await readdir(outboxDir);
    expect(left).toHaveLength(2);
  });

  it('writes one private .eml file per message, a real MIME message', async () => {
    const { logger, lines } = captureLogger();
    const outboxDir = join(root, 'outbox');
    const mailer = createMailer({ smtpUrl: undefined, from, outboxDir, logger });
    expect(mailer.kind).toBe('outbox');

    const { messageId } = await mailer.send(await renderedVerifyEmail());
    await mailer.close();

    expect((await stat(outboxDir)).mode & 0o777).toBe(0o700);
    const files = await readdir(outboxDir);
    expect(files).toHaveLength(1);
    const [file] = files;
    expect(file).toMatch(/^\d{4}-\d{2}-\d{2}T\d{6}\.\d{3}Z-[0-9a-f]+\.eml$/);
    const path = join(outboxDir, file ?? '');
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const raw = await readFile(path, 'utf8');
    expect(raw).toContain(`To: ${recipient}`);
    expect(raw).toContain('From: Medfolio <no-reply@medfolio.test>');
    expect(raw).toContain('Subject: Confirm your email address for Medfolio');
    expect(raw).toContain(`Message-ID: ${messageId}`);
    expect(raw).toMatch(/Content-Type: text\/plain/i);
    expect(raw).toMatch(/Content-Type: text\/html/i);
    expect(raw).toContain('\r\n');
    expect(unfoldQuotedPrintable(raw)).toContain(verifyUrl);

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ messageId, kind: 'outbox' });
    assertNoPersonalData(lines);
  });

  it('never overwrites: each message gets its own file', async () => {
    const { logger } = captureLogger();
    const mailer = createMailer({ smtpUrl: undefined, from, outboxDir: root, logger });
    const email = await renderedVerifyEmail();
    await Promise.all([mailer.send(email), mailer.send(email), mailer.send(email)]);
    expect((await readdir(root)).filter((f) => f.endsWith('.eml'))).toHaveLength(3);
  });
});

function assertNoPersonalData(lines: string[]) {
  for (const line of lines) {
    expect(line).not.toContain(recipient);
    expect(line).not.toContain(verifyUrl);
    expect(line).not.toContain('Vq3kR9xZp2LmN8wT5yB7cD1f');
    expect(line).not.toContain('Amara');
    expect(line).not.toContain('Confirm your email address');
  }
}

function unfoldQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
}
