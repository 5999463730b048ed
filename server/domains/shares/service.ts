import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx } from '../../platform/db/transaction.ts';
import { generateToken, hashToken } from '../../platform/crypto/tokens.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Mailer } from '../../adapters/mailer.ts';
import { cvSharedMessage, cvViewedMessage } from '../../emails/render.ts';
import { recordAudit } from '../audit/service.ts';
import { findUserById } from '../accounts/repo.ts';
import { hashPassword, verifyPassword } from '../accounts/passwords.ts';
import { findEffectivePlan } from '../plans/service.ts';
import { findCvRequest } from '../cvs/repo.ts';
import { readPdf } from '../cvs/render.ts';
import type { FileStorage } from '../../adapters/storage.ts';
import { assertShareAccessible, shareStatus } from './access.ts';
import * as repo from './repo.ts';
import type { Limiter } from '../../platform/rate-limit.ts';
import type { Share } from './schema.ts';
import { watermarkPdf } from './watermark.ts';
import type { InstanceKeys } from '../trust/keys.ts';
import { recordSharedCopy } from '../cv-checks/service.ts';
import { attachPack, loadPack, type PackItem } from './pack.ts';
import type { ShareViewKind } from '../../platform/db/types.ts';

export interface ShareDeps {
  db: Db;
  mailer: Mailer;
  storage: FileStorage;
  secretBox: SecretBox;
  appOrigin: string;
  logger: Logger;
  /** Each share emails a stranger: bounded, so links cannot be used to send mail at will. */
  sharesPerUser: Limiter;
  /** Signs each link's watermarked copy, so the recruiter's PDF passes the CV check. */
  keys: InstanceKeys;
}

interface Meta {
  requestId: string | null;
  now: Date;
}

const dateFmt = (d: Date, opts: Intl.DateTimeFormatOptions = { dateStyle: 'long' }) => new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: 'Europe/London' }).format(d);
export const shareUrl = (appOrigin: string, token: string) => `${appOrigin}/s/${token}`;

type Row = Awaited<ReturnType<typeof repo.findShares>>[number];

function toApi(row: Row, views: Awaited<ReturnType<typeof repo.findViews>>, pack: PackItem[], now: Date): Share {
  return {
    id: row.id,
    cvId: row.cv_request_id,
    recipientEmail: row.recipient_email,
    recipientName: row.recipient_name,
    status: shareStatus(row, now),
    expiresAt: row.expires_at.toISOString(),
    maxViews: row.max_views,
    viewCount: row.view_count,
    hasPasscode: Boolean(row.passcode_hash),
    createdAt: row.created_at.toISOString(),
    firstViewedAt: row.first_viewed_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    views: views.filter((v) => v.share_id === row.id).map((v) => ({ at: v.viewed_at.toISOString(), kind: v.kind, itemId: v.item_id, ipPrefix: v.ip_prefix, userAgent: v.user_agent })),
    pack: pack.map((p) => ({ type: p.type, id: p.id, title: p.title, available: p.available })),
  };
}

export async function listShares(db: DbOrTx, userId: string, now: Date) {
  const rows = await repo.findShares(db, userId);
  const views = await repo.findViews(
    db,
    rows.map((r) => r.id),
  );
  const packs = await Promise.all(rows.map((r) => loadPack(db, userId, r.id)));
  return rows.map((r, i) => toApi(r, views, packs[i]!, now));
}

export async function getShare(db: DbOrTx, userId: string, id: string, now: Date) {
  const row = await repo.findShare(db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'Share not found');
  return toApi(row, await repo.findViews(db, [id]), await loadPack(db, userId, id), now);
}

/**
 * Shares a CV's frozen PDF with one recipient. The link's token is returned once (for the
 * clinician to copy) and emailed; only its hash is kept. The plan caps active links.
 */
export async function createShare(
  deps: ShareDeps,
  userId: string,
  cvId: string,
  input: {
    recipientEmail: string;
    recipientName?: string | undefined;
    message?: string | undefined;
    expiresInHours: number;
    maxViews?: number | undefined;
    passcode?: string | undefined;
    documentIds?: string[] | undefined;
    credentialIds?: string[] | undefined;
  },
  meta: Meta,
) {
  const cv = await findCvRequest(deps.db, userId, cvId);
  if (!cv) throw new AppError('NOT_FOUND', 'CV not found');
  if (!cv.pdf_id) throw new AppError('CONFLICT', 'This CV has no PDF yet: wait for it to finish rendering');
  await deps.sharesPerUser.consume(userId);
  const { plan } = await findEffectivePlan(deps.db, userId);
  const token = generateToken();
  const passcodeHash = input.passcode ? await hashPassword(input.passcode) : null;
  const row = await inTransaction(deps.db, async (trx) => {
    await repo.lockUserShares(trx, userId);
    const active = await repo.countActiveShares(trx, userId, meta.now);
    if (active >= plan.limits.activeShareLinks) {
      throw new AppError('QUOTA_EXCEEDED', `Your ${plan.name} plan allows ${plan.limits.activeShareLinks} active share links: revoke one to share again.`, {
        metric: 'active_share_links',
        limit: plan.limits.activeShareLinks,
        usage: active,
      });
    }
    const share = await repo.insertShare(trx, {
      user_id: userId,
      cv_request_id: cv.id,
      pdf_id: cv.pdf_id!,
      recipient_email: input.recipientEmail,
      recipient_name: input.recipientName ?? null,
      message: input.message ?? null,
      token_hash: hashToken(token),
      passcode_hash: passcodeHash,
      expires_at: new Date(meta.now.getTime() + input.expiresInHours * 3_600_000),
      max_views: input.maxViews ?? null,
      created_at: meta.now,
    });
    await attachPack(trx, userId, share.id, input);
    await recordAudit(trx, {
      chainId: userId,
      actor: { type: 'user', id: userId },
      action: 'share.created',
      subject: { type: 'share', id: share.id },
      details: {
        cvId,
        recipientEmail: input.recipientEmail,
        expiresAt: share.expires_at.toISOString(),
        maxViews: share.max_views,
        passcode: Boolean(passcodeHash),
        documents: input.documentIds?.length ?? 0,
        credentials: input.credentialIds?.length ?? 0,
      },
      ...meta,
    });
    return share;
  });
  const url = shareUrl(deps.appOrigin, token);
  // Sent here, not from a job: a job payload would have to hold the token. If the mail server
  // is down, the clinician still has the link to send themselves.
  let emailSent = true;
  try {
    const owner = await findUserById(deps.db, userId);
    const message = await cvSharedMessage({
      recipientName: row.recipient_name,
      clinicianName: owner?.name ?? 'A clinician',
      message: row.message,
      shareUrl: url,
      expiresOn: dateFmt(row.expires_at, { dateStyle: 'long', timeStyle: 'short' }),
      passcode: Boolean(passcodeHash),
    });
    await deps.mailer.send({ to: row.recipient_email, ...message });
  } catch (err) {
    emailSent = false;
    deps.logger.warn({ shareId: row.id, err: err instanceof Error ? err.message : 'unknown' }, 'share email not sent');
  }
  return { id: row.id, url, emailSent };
}

export async function revokeShare(deps: Pick<ShareDeps, 'db'>, userId: string, id: string, meta: Meta) {
  await inTransaction(deps.db, async (trx) => {
    if (!(await repo.findShare(trx, userId, id))) throw new AppError('NOT_FOUND', 'Share not found');
    if (!(await repo.revokeShare(trx, userId, id, meta.now))) throw new AppError('CONFLICT', 'This link is already revoked');
    await recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: 'share.revoked', subject: { type: 'share', id }, ...meta });
  });
}

// ---- the recruiter's side (no account)

/** Opens a link by its token, or explains (410) why it no longer works. */
export async function openShare(db: DbOrTx, token: string, now: Date) {
  const row = /^[A-Za-z0-9_-]{43}$/.test(token) ? await repo.findShareByTokenHash(db, hashToken(token)) : undefined;
  if (!row) throw new AppError('GONE', 'This link is not valid.');
  assertShareAccessible(row, now);
  return row;
}

/** An unlock cookie: the share id and an expiry, sealed so it can be neither read nor forged. */
export const UNLOCK_TTL_MS = 2 * 3_600_000;
export const sealUnlock = (box: SecretBox, shareId: string, now: Date) => box.seal(`${shareId}|${now.getTime() + UNLOCK_TTL_MS}`, 'share-unlock');
export function isUnlocked(box: SecretBox, shareId: string, cookie: string | undefined, now: Date): boolean {
  if (!cookie) return false;
  try {
    const [id, exp] = box.open(cookie, 'share-unlock').toString('utf8').split('|');
    return id === shareId && Number(exp) > now.getTime();
  } catch {
    return false;
  }
}

export async function checkPasscode(row: { passcode_hash: string | null }, passcode: string) {
  return Boolean(row.passcode_hash) && (await verifyPassword(row.passcode_hash!, passcode));
}

type OpenShare = Awaited<ReturnType<typeof openShare>>;

/** What every PDF a link hands out is stamped with. */
export const shareStamp = (row: { recipient_name: string | null; recipient_email: string; created_at: Date }) =>
  `Shared with ${row.recipient_name ?? row.recipient_email} on ${dateFmt(row.created_at)} via Medfolio`;

const VIEW_ACTIONS: Record<ShareViewKind, string> = { page: 'share.opened', pdf: 'share.viewed', document: 'share.document_downloaded', credential: 'share.credential_downloaded' };

/**
 * Many wrong passcodes from different places have paused the link: the clinician sees it in
 * their timeline (and can share a fresh link if the recruiter is held up).
 */
export async function recordPasscodePause(deps: Pick<ShareDeps, 'db' | 'logger'>, row: OpenShare, pausedForSeconds: number, meta: Meta) {
  await recordAudit(deps.db, {
    chainId: row.user_id,
    actor: { type: 'system', id: null },
    action: 'share.paused',
    subject: { type: 'share', id: row.id },
    details: { pausedForSeconds },
    ...meta,
  }).catch((err: unknown) => deps.logger.error({ err: err instanceof Error ? err.name : 'unknown', shareId: row.id }, 'share pause not audited'));
}

export async function logView(
  deps: Pick<ShareDeps, 'db'>,
  row: OpenShare,
  kind: ShareViewKind,
  client: { ipPrefix: string | null; userAgent: string | null },
  meta: Meta,
  itemId: string | null = null,
) {
  await inTransaction(deps.db, async (trx) => {
    await repo.insertView(trx, { share_id: row.id, user_id: row.user_id, kind, item_id: itemId, ip_prefix: client.ipPrefix, user_agent: client.userAgent, viewed_at: meta.now });
    // The recruiter's network and browser stay in the view log, which retention prunes; the
    // append-only audit trail keeps only that the link was opened.
    await recordAudit(trx, {
      chainId: row.user_id,
      actor: { type: 'recruiter', id: row.id },
      action: VIEW_ACTIONS[kind],
      subject: { type: 'share', id: row.id },
      details: { recipientEmail: row.recipient_email, ...(itemId ? { itemId } : {}) },
      ...meta,
    });
  });
}

/** Counts the view (refusing a used-up link), logs it, and returns the watermarked PDF. */
export async function viewSharedPdf(deps: ShareDeps, row: OpenShare, client: { ipPrefix: string | null; userAgent: string | null }, meta: Meta) {
  // The PDF is made ready first, so a failure never uses up a view that delivered nothing.
  const { data, pdf } = await readPdf(deps, row.user_id, row.pdf_id);
  const stamped = await watermarkPdf(data, shareStamp(row));
  await recordSharedCopy(deps, { userId: row.user_id, pdfId: row.pdf_id, shareId: row.id, copy: stamped, now: meta.now });
  const counted = await repo.countView(deps.db, row.id, meta.now);
  if (!counted) throw new AppError('GONE', 'This link has been used as many times as it allows.');
  await logView(deps, row, 'pdf', client, meta);
  if (counted.view_count === 1) void notifyFirstView(deps, row, meta.now);
  return { pdf: stamped, pages: pdf.pages };
}

async function notifyFirstView(deps: ShareDeps, row: OpenShare, now: Date) {
  try {
    const message = await cvViewedMessage({
      name: row.clinician_name,
      recipient: row.recipient_name ?? row.recipient_email,
      viewedAt: dateFmt(now, { dateStyle: 'long', timeStyle: 'short' }),
      sharesUrl: `${deps.appOrigin}/shares`,
    });
    await deps.mailer.send({ to: row.clinician_email, ...message });
  } catch (err) {
    deps.logger.warn({ shareId: row.id, err: err instanceof Error ? err.message : 'unknown' }, 'first-view email not sent');
  }
}
