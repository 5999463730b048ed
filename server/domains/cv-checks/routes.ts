import { defineRoute } from '../../platform/http/route.ts';
import { readSingleFileUpload } from '../../platform/http/multipart.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import type { Limiter } from '../../platform/rate-limit.ts';
import { MAX_CHECK_UPLOAD_BYTES, ZCheckCodeParams, ZCvCheckResult } from './schema.ts';
import { checkByCode, checkUpload, type CheckDeps } from './service.ts';

/**
 * The public CV check (no account): upload a PDF, or look up the code printed on it. Answers say
 * no more than the PDF itself shows (holder name, entries and their marks, issue date). Both are
 * rate-limited per network, and codes carry 105 random bits, so guessing finds nothing.
 */
export function cvCheckRoutes(deps: CheckDeps & { checksPerIp: Limiter }) {
  const tags = ['cv-check'];
  return [
    defineRoute({
      kind: 'raw',
      method: 'post',
      path: '/api/check-cv',
      summary: 'Check a CV PDF (multipart field "file", at most 10 MB): 200 when authentic, 422 with the reason when not',
      tags,
      auth: 'public',
      produces: 'application/json',
      handler: async ({ req, res }) => {
        await deps.checksPerIp.consume(clientInfo(req).ip);
        const upload = await readSingleFileUpload(req, { maxBytes: MAX_CHECK_UPLOAD_BYTES });
        const { status, result } = await checkUpload(deps, upload.data);
        res.setHeader('Cache-Control', 'no-store');
        res.status(status).json(ZCvCheckResult.parse(result));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/check-cv/:code',
      summary: 'What the CV issued with this check code says (404 for a code Medfolio did not issue)',
      tags,
      auth: 'public',
      params: ZCheckCodeParams,
      response: ZCvCheckResult,
      handler: async ({ req, res, params }) => {
        await deps.checksPerIp.consume(clientInfo(req).ip);
        res.setHeader('Cache-Control', 'no-store');
        return checkByCode(deps, params.code);
      },
    }),
  ];
}
