import { defineRoute } from '../../platform/http/route.ts';
import { ZIdParams } from '../record/schema.ts';
import { ZCreateCvRequest, ZCv, ZCvAccepted, ZCvList } from './schema.ts';
import { getCv, listCvs, requestCv, type CvDeps } from './service.ts';
import { readCvPdf, type RenderDeps } from './render.ts';

export function cvRoutes(deps: CvDeps & Pick<RenderDeps, 'storage' | 'secretBox'>) {
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
      handler: ({ user, body, requestId, now }) => requestCv(deps, user!.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cvs',
      summary: 'Your CVs',
      tags,
      auth: 'user',
      response: ZCvList,
      handler: async ({ user }) => ({ cvs: await listCvs(deps.db, user!.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cvs/:id',
      summary: 'A CV: status, stage, requirements met and unmet, removed items, warnings and the checked draft',
      tags,
      auth: 'user',
      params: ZIdParams,
      response: ZCv,
      handler: ({ user, params }) => getCv(deps.db, user!.id, params.id),
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
        const { data } = await readCvPdf(deps, user!.id, params.id);
        res.setHeader('Content-Type', 'application/pdf');
        res.setHeader('Content-Length', String(data.length));
        res.setHeader('Content-Disposition', 'attachment; filename="cv.pdf"');
        res.setHeader('Cache-Control', 'private, no-store');
        res.end(data);
      },
    }),
  ];
}
