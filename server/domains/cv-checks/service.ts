import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx } from '../../platform/db/transaction.ts';
import type { Logger } from '../../platform/logger.ts';
import { extractPdfText } from '../../adapters/pdf/text-check.ts';
import type { CvSnapshot } from '../../cv-render/snapshot.ts';
import type { InstanceKeys } from '../trust/keys.ts';
import { recordAudit } from '../audit/service.ts';
import { findCheckCode, formatCheckCode, hashCheckCode, normaliseCheckCode } from './code.ts';
import * as repo from './repo.ts';
import { ZCheckedItem, type CvCheckResult } from './schema.ts';

/**
 * Tamper-evident CVs (docs/ARCHITECTURE.md, Evidence). Every PDF Medfolio renders gets a check:
 * a manifest (holder, items with their evidence, the PDF's SHA-256, when it was issued) signed
 * with the instance key, and a code printed on the PDF whose hash finds it. A file is authentic
 * when its SHA-256 is the one signed (or a share link's recorded, signed copy) and the
 * signature verifies; anything else, down to one changed byte, is not.
 */
export interface CheckDeps {
  db: Db;
  keys: InstanceKeys;
  logger: Logger;
}

const MANIFEST_TYPE = 'medfolio-cv-manifest+jws';
const COPY_TYPE = 'medfolio-cv-copy+jws';

const ZManifest = z.object({
  type: z.literal('MedfolioCvManifest'),
  issuer: z.string(),
  issuedAt: z.string(),
  pdfSha256: z.string(),
  codeSha256: z.string(),
  holder: z.object({ name: z.string() }),
  items: z.array(ZCheckedItem),
});
type Manifest = z.infer<typeof ZManifest>;
const ZCopyStatement = z.object({ type: z.literal('MedfolioCvCopy'), pdfSha256: z.string(), originalSha256: z.string() });

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** What a check shows of a CV: exactly its printed entries with their marks (the profile is prose, not an entry). */
export function manifestItems(snapshot: CvSnapshot) {
  return snapshot.sections.filter((s) => s.kind !== 'profile').flatMap((s) => s.items.map((i) => ({ section: s.title, title: i.title, evidence: i.evidence })));
}

/** Signs the manifest of a freshly rendered PDF; the caller stores it with the PDF (insertCheck). */
export async function signCheck(keys: InstanceKeys, input: { snapshot: CvSnapshot; pdf: Buffer; code: string; issuedAt: Date }) {
  const manifest: Manifest = {
    type: 'MedfolioCvManifest',
    issuer: keys.did,
    issuedAt: input.issuedAt.toISOString(),
    pdfSha256: sha256(input.pdf),
    codeSha256: hashCheckCode(input.code),
    holder: { name: input.snapshot.name },
    items: manifestItems(input.snapshot),
  };
  return { code_hash: manifest.codeSha256, pdf_sha256: manifest.pdfSha256, signature: await keys.sign(manifest, { typ: MANIFEST_TYPE }), issued_at: input.issuedAt };
}

export const insertCheck = repo.insertCheck;

type CheckRow = NonNullable<Awaited<ReturnType<typeof repo.findCheckByCodeHash>>>;

/** The signed manifest, or undefined when its signature does not verify (the row was tampered with). */
async function verifiedManifest(deps: CheckDeps, row: Pick<CheckRow, 'id' | 'signature' | 'pdf_sha256' | 'code_hash'>): Promise<Manifest | undefined> {
  try {
    const { payload, header } = await deps.keys.verify(row.signature);
    const manifest = ZManifest.parse(payload);
    if (header.typ !== MANIFEST_TYPE || manifest.pdfSha256 !== row.pdf_sha256 || manifest.codeSha256 !== row.code_hash) throw new Error('manifest does not match its row');
    return manifest;
  } catch {
    deps.logger.error({ checkId: row.id }, 'a CV manifest failed its signature check');
    return undefined;
  }
}

const emptyResult = (reason: string, code: string | null = null): CvCheckResult => ({
  authentic: false,
  reason,
  code,
  issuedAt: null,
  holder: null,
  items: [],
  withdrawn: false,
  withdrawnAt: null,
  copy: null,
  signature: null,
});

function resultOf(row: CheckRow, manifest: Manifest, code: string | null, outcome: { authentic: boolean; reason?: string; copy: CvCheckResult['copy'] }): CvCheckResult {
  return {
    authentic: outcome.authentic,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    code: code ? formatCheckCode(code) : null,
    issuedAt: manifest.issuedAt,
    holder: manifest.holder,
    items: manifest.items,
    withdrawn: Boolean(row.withdrawn_at),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
    copy: outcome.copy,
    signature: row.signature,
  };
}

/** Looks a CV up by the code printed on it. Unknown and malformed codes are one 404: nothing to enumerate. */
export async function checkByCode(deps: CheckDeps, input: string): Promise<CvCheckResult> {
  const code = normaliseCheckCode(input);
  const row = code ? await repo.findCheckByCodeHash(deps.db, hashCheckCode(code)) : undefined;
  // An erased or locked account's CVs are no longer vouched for.
  if (!row || row.owner_locked_at) throw new AppError('NOT_FOUND', 'No CV has this check code. Check it against the one printed on the CV.');
  const manifest = await verifiedManifest(deps, row);
  if (!manifest) return emptyResult('The record of this CV failed its signature check: treat the CV as unverified and tell Medfolio.', code!);
  return resultOf(row, manifest, code!, { authentic: true, copy: null });
}

/** Whether an uploaded file may be a PDF at all: 415 for anything else. */
async function assertPdf(data: Buffer) {
  const type = await fileTypeFromBuffer(data);
  if (type?.mime !== 'application/pdf') throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Only PDF files can be checked${type ? ` (this file is ${type.ext.toUpperCase()})` : ''}`);
}

/**
 * Checks an uploaded PDF. Authentic: its SHA-256 is a signed original or a recorded copy and the
 * signatures verify (`status` 200). Not authentic (`status` 422): a file whose code Medfolio
 * issued but whose bytes differ (the issued manifest is returned to compare), an unknown code, no
 * code, or a file that is not a readable PDF.
 */
export async function checkUpload(deps: CheckDeps, data: Buffer): Promise<{ status: 200 | 422; result: CvCheckResult }> {
  await assertPdf(data);
  const hash = sha256(data);
  const original = await repo.findCheckByPdfHash(deps.db, hash);
  if (original && !original.owner_locked_at) {
    const manifest = await verifiedManifest(deps, original);
    if (manifest) return { status: 200, result: resultOf(original, manifest, null, { authentic: true, copy: 'original' }) };
    return { status: 422, result: emptyResult('The record of this CV failed its signature check: treat the CV as unverified and tell Medfolio.') };
  }
  const copy = await repo.findCopy(deps.db, hash);
  if (copy && !copy.owner_locked_at) {
    const manifest = await verifiedManifest(deps, copy);
    const statement = await deps.keys
      .verify(copy.copy_signature)
      .then(({ payload, header }) => (header.typ === COPY_TYPE ? ZCopyStatement.parse(payload) : undefined))
      .catch(() => undefined);
    if (manifest && statement?.pdfSha256 === hash && statement.originalSha256 === manifest.pdfSha256) {
      return { status: 200, result: resultOf(copy, manifest, null, { authentic: true, copy: 'shared-copy' }) };
    }
    return { status: 422, result: emptyResult('The record of this CV failed its signature check: treat the CV as unverified and tell Medfolio.') };
  }
  let text: string;
  try {
    // The check code is printed at the end: reading the last pages is enough, and bounded.
    text = (await extractPdfText(data, { lastPages: 3 })).text;
  } catch {
    return { status: 422, result: emptyResult('This file is not a complete, readable PDF (it may be damaged or cut short), so it is not a CV as Medfolio issued it.') };
  }
  const code = findCheckCode(text);
  if (!code) return { status: 422, result: emptyResult('No Medfolio check code was found in this file: it is not a CV Medfolio issued, or its check code has been removed.') };
  const row = await repo.findCheckByCodeHash(deps.db, hashCheckCode(code));
  if (!row || row.owner_locked_at) return { status: 422, result: emptyResult('The check code printed in this file is not one Medfolio issued.', formatCheckCode(code)) };
  const manifest = await verifiedManifest(deps, row);
  if (!manifest) return { status: 422, result: emptyResult('The record of this CV failed its signature check: treat the CV as unverified and tell Medfolio.', formatCheckCode(code)) };
  return {
    status: 422,
    result: resultOf(row, manifest, code, {
      authentic: false,
      reason: 'This file has been changed since Medfolio issued it: it is not the CV issued with its check code. What that CV says is listed below, to compare.',
      copy: null,
    }),
  };
}

/**
 * Records a share link's watermarked copy as a genuine copy of the signed original, so the
 * recruiter's stamped PDF checks as authentic too. Stamping is deterministic, so each link's
 * copy is signed once.
 */
export async function recordSharedCopy(deps: Pick<CheckDeps, 'db' | 'keys'>, input: { userId: string; pdfId: string; shareId: string; copy: Buffer; now: Date }) {
  const check = await repo.findCheckForPdf(deps.db, input.userId, input.pdfId);
  if (!check) return; // rendered before CVs were signed
  const hash = sha256(input.copy);
  if (await repo.copyExists(deps.db, hash)) return;
  const signature = await deps.keys.sign({ type: 'MedfolioCvCopy', issuer: deps.keys.did, issuedAt: input.now.toISOString(), pdfSha256: hash, originalSha256: check.pdf_sha256 }, { typ: COPY_TYPE });
  await repo.insertCopy(deps.db, { sha256: hash, check_id: check.id, user_id: input.userId, share_id: input.shareId, signature, created_at: input.now });
}

/** What a check shows of one of the clinician's PDFs (for their CV screens and the recruiter's page). */
export async function findPdfCheck(deps: Pick<CheckDeps, 'db' | 'keys' | 'logger'>, userId: string, pdfId: string) {
  const row = await repo.findCheckForPdf(deps.db, userId, pdfId);
  if (!row) return undefined;
  const manifest = await verifiedManifest(deps, row);
  return manifest ? { issuedAt: manifest.issuedAt, items: manifest.items, withdrawnAt: row.withdrawn_at?.toISOString() ?? null } : undefined;
}

/** The clinician withdraws an issued CV: its check says so from now on. */
export async function withdrawPdf(db: DbOrTx & Db, userId: string, cv: { id: string; pdfId: string }, meta: { requestId: string | null; now: Date }) {
  await inTransaction(db, async (trx) => {
    if (!(await repo.withdrawCheck(trx, userId, cv.pdfId, meta.now))) {
      if (!(await repo.findCheckForPdf(trx, userId, cv.pdfId))) throw new AppError('CONFLICT', 'This CV was made before CVs were signed: there is nothing to withdraw.');
      throw new AppError('CONFLICT', 'This CV is already withdrawn');
    }
    await recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: 'cv.withdrawn', subject: { type: 'cv', id: cv.id }, details: { pdfId: cv.pdfId }, ...meta });
  });
}
