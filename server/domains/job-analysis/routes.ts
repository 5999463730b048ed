import { defineRoute } from '../../platform/http/route.ts';
import type { Limiter } from '../../platform/rate-limit.ts';
import { ZJobAnalysisRequest, ZJobAnalysisResponse } from './schema.ts';
import { previewJobAnalysis, type JobAnalysisDeps } from './service.ts';

export function jobAnalysisRoutes(deps: JobAnalysisDeps & { analysesPerUser: Limiter }) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/job-analysis',
      summary: 'What a job advert asks for, against your record: met, probably met, not met, expired or expiring, each with why. Costs no CV.',
      tags: ['job analysis'],
      auth: 'user',
      body: ZJobAnalysisRequest,
      response: ZJobAnalysisResponse,
      handler: async ({ user, body, now }) => {
        await deps.analysesPerUser.consume(user.id);
        return previewJobAnalysis(deps, user.id, body, now);
      },
    }),
  ];
}
