import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import type { Db } from '../../platform/db/database.ts';
import { ZOrganisationParams } from '../organisations/schema.ts';
import { ZIdParams } from '../accounts/schema.ts';
import { ZAssignPlanRequest, ZMyPlan, ZPlan, ZPlanIdParams, ZPlanList, ZUpdatePlanRequest } from './schema.ts';
import { assignPlan, getMyPlan, listPlans, updatePlan } from './service.ts';

export function planRoutes(deps: { db: Db }) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/plans',
      summary: 'The plan catalogue',
      tags: ['plans'],
      auth: 'public',
      response: ZPlanList,
      handler: async () => ({ plans: await listPlans(deps.db) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/plan',
      summary: 'Your plan, its limits, your usage this month and when it resets',
      tags: ['plans'],
      auth: 'user',
      response: ZMyPlan,
      handler: ({ user, now }) => getMyPlan(deps.db, user.id, now),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/admin/plans/:id',
      summary: 'Edit a plan (platform admins)',
      tags: ['admin'],
      auth: 'admin',
      params: ZPlanIdParams,
      body: ZUpdatePlanRequest,
      response: ZPlan,
      handler: ({ user, params, body, requestId, now }) => updatePlan(deps.db, user, params.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/admin/users/:id/plan',
      summary: "Set a user's personal plan (platform admins)",
      tags: ['admin'],
      auth: 'admin',
      params: ZIdParams,
      body: ZAssignPlanRequest,
      status: 204,
      response: z.void(),
      handler: ({ user, params, body, requestId, now }) => assignPlan(deps.db, user, { userId: params.id }, body.planId, { requestId, now }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/admin/organisations/:id/plan',
      summary: "Set an organisation's plan, which its members then use (platform admins)",
      tags: ['admin'],
      auth: 'admin',
      params: ZOrganisationParams,
      body: ZAssignPlanRequest,
      status: 204,
      response: z.void(),
      handler: ({ user, params, body, requestId, now }) => assignPlan(deps.db, user, { organisationId: params.id }, body.planId, { requestId, now }),
    }),
  ];
}
