import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { JobHandler } from '../../platform/queue/job.ts';
import { PermanentJobError } from '../../platform/queue/queue.ts';
import type { Db } from '../../platform/db/database.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import { decryptFile, encryptFile } from '../../platform/crypto/file-cipher.ts';
import { AppError } from '../../platform/errors.ts';
import { getBytes, storageKey, type FileStorage } from '../../adapters/storage.ts';
import type { PdfRenderer } from '../../adapters/pdf/renderer.ts';
import { checkPdfText, extractPdfText } from '../../adapters/pdf/text-check.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { InstanceKeys } from '../trust/keys.ts';
import { findCheckCode, formatCheckCode, generateCheckCode } from '../cv-checks/code.ts';
import { insertCheck, signCheck } from '../cv-checks/service.ts';
import { buildSnapshot } from '../../cv-render/build.ts';
import { expectedText, renderCvHtml } from '../../cv-render/templates.ts';
import { snapshotHash } from '../../cv-render/snapshot.ts';
import { LAYOUTS } from '../../cv-render/layouts.ts';
import { renderWithinBudget } from '../../cv-render/fit.ts';
import type { JobAnalysis } from '../../ai/jd-analysis/schema.ts';
import type { Draft } from '../../ai/cv-draft/schema.ts';
import * as repo from './repo.ts';
import { renderCvJob } from './jobs.ts';

export interface RenderDeps {
  db: Db;
  storage: FileStorage;
  secretBox: SecretBox;
  renderer: PdfRenderer | undefined;
  keys: InstanceKeys;
  appOrigin: string;
  notify: (userId: string, event: string, payload: unknown) => void;
  now?: () => Date;
}

export function renderCvHandler(deps: RenderDeps): JobHandler<z.infer<typeof renderCvJob.payload>> {
  const now = () => deps.now?.() ?? new Date();
  return async ({ cvId }, ctx) => {
    const row = await repo.findCvRequestById(deps.db, cvId);
    if (!row?.draft) throw new PermanentJobError('no checked draft to render');
    const done = async (pdfId: string | null, warning?: string) => {
      if (warning) await repo.updateCvRequest(deps.db, row.id, { warnings: JSON.stringify([...((row.warnings as string[] | null) ?? []), warning]) }, now());
      await repo.setCvPdf(deps.db, row.id, pdfId, now());
      deps.notify(row.user_id, 'cv:progress', { id: row.id, stage: 'done' });
    };
    try {
      if (!deps.renderer) return await done(null, 'The PDF could not be made: no Chromium is installed on the server. The checked draft is ready.');
      const analysis = row.analysis as JobAnalysis | null;
      // The PDF of an identical snapshot is reused; otherwise render, tightening the layout's caps while over its page budget.
      const made = await renderWithinBudget(async (squeeze) => {
        const snapshot = await buildSnapshot(
          deps.db,
          row.user_id,
          { template: row.template, draft: row.draft as Draft, jobTitle: analysis?.title ?? null, analysis, showRefereeNames: row.show_referee_names, squeeze },
          now(),
        );
        const budget = LAYOUTS[snapshot.template].pageBudget;
        const hash = snapshotHash(snapshot);
        const existing = await repo.findPdfByHash(deps.db, row.user_id, hash);
        if (existing) return { snapshot, hash, existing, budget, pages: existing.pages } as const;
        // The check code lives only in the PDF (and as a hash in cv_checks): a fresh one per render.
        const code = generateCheckCode();
        const url = `${deps.appOrigin}/check?code=${formatCheckCode(code)}`;
        const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
        const rendered = await deps.renderer!.render(renderCvHtml(snapshot, { check: { url, code: formatCheckCode(code), qrSvg } }), { format: snapshot.format });
        return { snapshot, hash, code, rendered, budget, pages: rendered.pages, existing: undefined };
      });
      if (made.existing) return await done(made.existing.id);
      const { snapshot, hash, code } = made;
      const { pdf, ms, pages } = made.rendered!;
      if (made.overBudget) ctx.logger.warn({ pages, budget: made.budget }, 'CV over its page budget after tightening');
      const check = await checkPdfText(pdf, expectedText(snapshot));
      if (!check.ok) throw new PermanentJobError(`the PDF's text does not match the CV: ${check.problems.join('; ')}`);
      if (findCheckCode((await extractPdfText(pdf, { lastPages: 3 })).text) !== code) throw new PermanentJobError("the PDF's check code cannot be read back from its text");
      const issuedAt = now();
      const signed = await signCheck(deps.keys, { snapshot, pdf, code, issuedAt });
      const id = randomUUID();
      const { ciphertext, wrappedKey } = encryptFile(deps.secretBox, id, pdf);
      const key = storageKey('cvs', row.user_id, id);
      await deps.storage.put(key, ciphertext);
      const inserted = await inTransaction(deps.db, async (trx) => {
        const pdfRow = await repo.insertPdf(trx, {
          id,
          user_id: row.user_id,
          content_hash: hash,
          template: snapshot.template,
          format: snapshot.format,
          pages,
          size_bytes: pdf.length,
          render_ms: Math.round(ms),
          storage_key: key,
          wrapped_key: wrappedKey,
          created_at: issuedAt,
        });
        if (pdfRow) await insertCheck(trx, { user_id: row.user_id, pdf_id: id, ...signed });
        return pdfRow;
      });
      // A concurrent render of the same snapshot won the insert: use its PDF, drop ours.
      if (!inserted) {
        await deps.storage.delete(key);
        return await done((await repo.findPdfByHash(deps.db, row.user_id, hash))!.id);
      }
      ctx.logger.info({ pages, ms: Math.round(ms), bytes: pdf.length }, 'CV rendered');
      await done(id);
    } catch (err) {
      if (ctx.attempt >= renderCvJob.attempts || err instanceof PermanentJobError) {
        await repo.updateCvRequest(deps.db, row.id, { status: 'failed', stage: 'failed', error: `The PDF could not be made${err instanceof PermanentJobError ? `: ${err.message}` : ''}.` }, now());
        deps.notify(row.user_id, 'cv:progress', { id: row.id, stage: 'failed' });
      }
      throw err;
    }
  };
}

/** The owner's PDF, decrypted. */
export async function readCvPdf(deps: Pick<RenderDeps, 'db' | 'storage' | 'secretBox'>, userId: string, cvId: string) {
  const row = await repo.findCvRequest(deps.db, userId, cvId);
  if (!row) throw new AppError('NOT_FOUND', 'CV not found');
  if (!row.pdf_id) throw new AppError('CONFLICT', row.status === 'done' ? 'This CV has no PDF (rendering is unavailable)' : 'The PDF is not ready yet');
  return { ...(await readPdf(deps, userId, row.pdf_id)), row };
}

/** A stored PDF by id (a share reads the one frozen when it was made), decrypted. */
export async function readPdf(deps: Pick<RenderDeps, 'db' | 'storage' | 'secretBox'>, userId: string, pdfId: string) {
  const pdf = await repo.findPdf(deps.db, userId, pdfId);
  if (!pdf) throw new AppError('NOT_FOUND', 'CV not found');
  return { pdf, data: decryptFile(deps.secretBox, pdf.id, pdf.wrapped_key, await getBytes(deps.storage, pdf.storage_key)) };
}
