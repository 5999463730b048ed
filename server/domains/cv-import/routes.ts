import { defineRoute } from '../../platform/http/route.ts';
import { readSingleFileUpload } from '../../platform/http/multipart.ts';
import type { Limiter } from '../../platform/rate-limit.ts';
import { MAX_CV_UPLOAD_BYTES, readCvFile } from './read-cv-file.ts';
import { ZCvFileDraft } from './schema.ts';

/**
 * Start from an existing CV: the file is read into a draft and sent back; nothing is stored, so a
 * file that cannot be read leaves the record as it was. The clinician accepts items one by one and
 * the web app imports them through the JSON Resume importer, self-declared like any import.
 */
export function cvImportRoutes(deps: { uploadsPerUser: Limiter }) {
  return [
    defineRoute({
      kind: 'raw',
      method: 'post',
      path: '/api/import/cv-file',
      summary:
        'Read a CV (PDF or DOCX, multipart field "file", at most 10 MB) into a draft JSON Resume; nothing is saved. 415 another type, 413 too large, 422 unreadable (scanned, protected, damaged, not English)',
      tags: ['record'],
      auth: 'user',
      produces: 'application/json',
      handler: async ({ req, res, user }) => {
        await deps.uploadsPerUser.consume(user.id);
        const upload = await readSingleFileUpload(req, { maxBytes: MAX_CV_UPLOAD_BYTES });
        const parsed = await readCvFile(upload.data);
        res.setHeader('Cache-Control', 'no-store');
        res.json(ZCvFileDraft.parse(parsed));
      },
    }),
  ];
}
