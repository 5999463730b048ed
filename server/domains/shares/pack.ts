import { AppError, validationError, type FieldIssue } from '../../platform/errors.ts';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { RecordType } from '../../platform/db/types.ts';
import { findDocuments, findLinks } from '../documents/repo.ts';
import { readDocument, type DocumentDeps } from '../documents/service.ts';
import { findCredentialsByIds } from '../credentials/repo.ts';
import { kindOfType } from '../record/kinds.ts';
import { findRecord } from '../record/repo.ts';
import { findTimecard } from '../timecards/repo.ts';
import * as repo from './repo.ts';
import { watermarkPdf } from './watermark.ts';

/**
 * A compliance pack: the documents (DBS certificate, training certificates, registration
 * evidence...) and credentials the clinician picks to send with a CV. The recruiter's page lists
 * each with its evidence; PDFs are stamped with the recipient like the CV; every download is
 * logged in the share and the audit trail.
 */
export const MAX_PACK_DOCUMENTS = 20;
export const MAX_PACK_CREDENTIALS = 50;

/** Checks the picked items are the clinician's own (active credentials only) and records them. */
export async function attachPack(trx: DbOrTx, userId: string, shareId: string, input: { documentIds?: string[] | undefined; credentialIds?: string[] | undefined }) {
  const documentIds = [...new Set(input.documentIds ?? [])];
  const credentialIds = [...new Set(input.credentialIds ?? [])];
  const issues: FieldIssue[] = [];
  const ownDocuments = new Set((await findDocuments(trx, userId)).map((d) => d.id));
  documentIds.forEach((id, i) => {
    if (!ownDocuments.has(id)) issues.push({ path: `body.documentIds.${i}`, message: 'is not one of your documents' });
  });
  const credentials = new Map((await findCredentialsByIds(trx, userId, credentialIds)).map((c) => [c.id, c]));
  credentialIds.forEach((id, i) => {
    const c = credentials.get(id);
    if (!c) issues.push({ path: `body.credentialIds.${i}`, message: 'is not one of your credentials' });
    else if (c.revoked_at) issues.push({ path: `body.credentialIds.${i}`, message: 'is revoked: only a valid credential can be shared' });
  });
  if (issues.length) throw validationError(issues, 'Some of the items picked for the pack cannot be shared');
  await repo.insertShareItems(trx, [
    ...documentIds.map((id, position) => ({ share_id: shareId, user_id: userId, item_type: 'document' as const, item_id: id, position })),
    ...credentialIds.map((id, i) => ({ share_id: shareId, user_id: userId, item_type: 'credential' as const, item_id: id, position: documentIds.length + i })),
  ]);
}

const DOCUMENT_TYPES: Record<string, string> = {
  certificate: 'Certificate',
  registration: 'Registration evidence',
  dbs: 'DBS certificate',
  identity: 'Identity document',
  cv: 'CV',
  reference: 'Reference',
  other: 'Document',
};

const longDate = (d: Date) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(d);

/** What a document backs, in words ("GMC registration 7302418"). */
async function describeRecord(db: DbOrTx, userId: string, type: RecordType, id: string): Promise<string | undefined> {
  if (type === 'timecard') {
    const t = await findTimecard(db, userId, id);
    return t ? `a shift at ${t.employer} on ${longDate(t.clock_in)}` : undefined;
  }
  const kind = kindOfType(type);
  const row = kind ? await findRecord(db, kind.table, userId, id) : undefined;
  return kind && row ? kind.describe(kind.fromRow(row)) : undefined;
}

export interface PackItem {
  type: 'document' | 'credential';
  id: string;
  title: string;
  /** The evidence, in words. */
  details: string[];
  /** False when the clinician has since deleted it, or a credential was revoked. */
  available: boolean;
}

export async function loadPack(db: DbOrTx, userId: string, shareId: string): Promise<PackItem[]> {
  const items = await repo.findShareItems(db, [shareId]);
  if (!items.length) return [];
  const documents = new Map((await findDocuments(db, userId)).map((d) => [d.id, d]));
  const links = await findLinks(
    db,
    userId,
    items.filter((i) => i.item_type === 'document').map((i) => i.item_id),
  );
  const credentials = new Map(
    (
      await findCredentialsByIds(
        db,
        userId,
        items.filter((i) => i.item_type === 'credential').map((i) => i.item_id),
      )
    ).map((c) => [c.id, c]),
  );
  const out: PackItem[] = [];
  for (const item of items) {
    if (item.item_type === 'document') {
      const d = documents.get(item.item_id);
      if (!d) {
        out.push({ type: 'document', id: item.item_id, title: 'A document the clinician has since deleted', details: [], available: false });
        continue;
      }
      const backs = (await Promise.all(links.filter((l) => l.document_id === d.id).map((l) => describeRecord(db, userId, l.record_type, l.record_id)))).filter(Boolean);
      out.push({
        type: 'document',
        id: d.id,
        title: `${DOCUMENT_TYPES[d.type] ?? 'Document'}: ${d.filename}`,
        details: [
          backs.length ? `Backs: ${backs.join('; ')}` : 'Not linked to an entry of the record',
          `Uploaded by the clinician on ${longDate(d.uploaded_at)}; Medfolio holds it (document on file) but has not checked it with its issuer`,
          `SHA-256 ${d.sha256}`,
        ],
        available: true,
      });
    } else {
      const c = credentials.get(item.item_id);
      if (!c) {
        out.push({ type: 'credential', id: item.item_id, title: 'A credential that no longer exists', details: ['Treat it as revoked'], available: false });
        continue;
      }
      out.push({
        type: 'credential',
        id: c.id,
        title: c.title,
        details: c.revoked_at
          ? [`Revoked on ${longDate(c.revoked_at)}: no longer vouched for`]
          : [`Verifiable credential issued by Medfolio on ${longDate(c.issued_at)}, signed and checkable (see below)`, 'Valid: not revoked'],
        available: !c.revoked_at,
      });
    }
  }
  return out;
}

/** A pack document for the recruiter: PDFs stamped like the CV, images as they are. */
export async function readPackDocument(deps: DocumentDeps, share: { id: string; user_id: string }, documentId: string, stamp: string) {
  if (!(await repo.findShareItem(deps.db, share.id, 'document', documentId))) throw new AppError('NOT_FOUND', 'This item is not part of the shared pack');
  const file = await readDocument(deps, share.user_id, documentId);
  return file.mimeType === 'application/pdf' ? { ...file, data: await watermarkPdf(file.data, stamp) } : file;
}

export async function readPackCredential(db: DbOrTx, share: { id: string; user_id: string }, credentialId: string) {
  if (!(await repo.findShareItem(db, share.id, 'credential', credentialId))) throw new AppError('NOT_FOUND', 'This item is not part of the shared pack');
  const [c] = await findCredentialsByIds(db, share.user_id, [credentialId]);
  if (!c) throw new AppError('NOT_FOUND', 'This credential no longer exists.');
  if (c.revoked_at) throw new AppError('NOT_FOUND', 'This credential has been revoked: it is no longer vouched for.');
  return c;
}
