import { defineRoute } from '../../platform/http/route.ts';
import { ZHealth, ZReadiness } from './schema.ts';
import { checkReadiness, type ReadinessDeps } from './service.ts';

export function systemRoutes(deps: ReadinessDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      summary: 'Liveness: the process is up',
      tags: ['system'],
      auth: 'public',
      response: ZHealth,
      handler: () => ({ status: 'ok' as const }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/ready',
      summary: 'Readiness: database, queue, browser and LLM mode',
      tags: ['system'],
      auth: 'public',
      response: ZReadiness,
      handler: async ({ res, user }) => {
        const readiness = { ...(await checkReadiness(deps)), you: user ? await deps.userState(user.id).catch(() => null) : null };
        if (readiness.status === 'unavailable') res.status(503);
        return readiness;
      },
    }),
  ];
}
