import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { ZIdParams } from '../record/schema.ts';
import { ZCompareParams, ZCreateCvRequest, ZCv, ZCvAccepted, ZCvComparison, ZCvList, ZUpdateCv } from './schema.ts';
import { compareCvRequests, getCv, listCvs, requestCv, setRefereeNames, withdrawCv, type CvDeps } from './service.ts';
import { readCvPdf, type RenderDeps } from './render.ts';
import type { CheckDeps } from '../cv-checks/service.ts';
import { cvFileName, readCvDocx } from './download.ts';
import { attachmentDisposition } from '../../platform/http/content-disposition.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function cvRoutes(deps: CvDeps & Pick<RenderDeps, 'storage' | 'secretBox'> & Pick<CheckDeps, 'keys' | 'logger'>) {
  const tags = ['cvs'];
  return [
    defineRoute({
      method: 'post',
      path: '/api/cvs',
      summary: 'Tailor a CV to a job description (runs in the background; watch cv:progress)',
      tags,
      auth: 'user',
      body: ZCreateCvRequest,
      status: 202,
      response: ZCvAccepted,
      handler: ({ user, body, requestId, now }) => requestCv(deps, user.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cvs',
      summary: 'Your CVs',
      tags,
      auth: 'user',
      response: ZCvList,
      handler: async ({ user }) => ({ cvs: await listCvs(deps.db, user.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cvs/:id',
      summary: 'A CV: status, stage, requirements met and unmet, removed items, warnings and the checked draft',
      tags,
      auth: 'user',
      params: ZIdParams,
      response: ZCv,
      handler: ({ user, params }) => getCv(deps, user.id, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cvs/:id/compare/:otherId',
      summary: 'Compare two of your finished CVs: entries added and removed, requirements whose status changed or that only one advert asks for',
      tags,
      auth: 'user',
      params: ZCompareParams,
      response: ZCvComparison,
      handler: ({ user, params }) => compareCvRequests(deps.db, user.id, params.id, params.otherId),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/cvs/:id',
      summary: "Choose whether referees' names appear on the CV (the PDF is made again, with a new check code)",
      tags,
      auth: 'user',
      params: ZIdParams,
      body: ZUpdateCv,
      response: ZCv,
      handler: ({ user, params, body, requestId, now }) => setRefereeNames(deps, user.id, params.id, body.showRefereeNames, { requestId, now }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/cvs/:id/withdraw',
      summary: 'Withdraw the CV: anyone who checks its PDF is told it was withdrawn',
      tags,
      auth: 'user',
      params: ZIdParams,
      status: 204,
      response: z.void(),
      handler: ({ user, params, requestId, now }) => withdrawCv(deps, user.id, params.id, { requestId, now }),
    }),
    defineRoute({
      kind: 'raw',
      method: 'get',
      path: '/api/cvs/:id/pdf',
      summary: 'Download the rendered CV (PDF)',
      tags,
      auth: 'user',
      params: ZIdParams,
      produces: 'application/pdf',
      handler: async ({ user, params, res }) => {
        const { data, row } = await readCvPdf(deps, user.id, params.id);
        res.setHeader('Content-Type', 'application/pdf');
        res.setHeader('Content-Length', String(data.length));
        res.setHeader('Content-Disposition', attachmentDisposition(await cvFileName(deps.db, user.id, row, 'pdf')));
        res.setHeader('Cache-Control', 'private, no-store');
        res.end(data);
      },
    }),
    defineRoute({
      kind: 'raw',
      method: 'get',
      path: '/api/cvs/:id/docx',
      summary: 'Download the CV as a Word document: the same entries and evidence marks as the PDF, unsigned',
      tags,
      auth: 'user',
      params: ZIdParams,
      produces: DOCX_TYPE,
      handler: async ({ user, params, res, now }) => {
        const { data, filename } = await readCvDocx(deps.db, user.id, params.id, now);
        res.setHeader('Content-Type', DOCX_TYPE);
        res.setHeader('Content-Length', String(data.length));
        res.setHeader('Content-Disposition', attachmentDisposition(filename));
        res.setHeader('Cache-Control', 'private, no-store');
        res.end(data);
      },
    }),
  ];
}
