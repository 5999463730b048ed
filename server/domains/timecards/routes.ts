import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { ZIdParams } from '../record/schema.ts';
import { ZVerification } from '../verifications/schema.ts';
import { submitTimecard, type VerificationDeps } from '../verifications/service.ts';
import { ZBreakRequest, ZClockInRequest, ZClockOutRequest, ZManualTimecardRequest, ZRollup, ZSubmitTimecardRequest, ZTimecard, ZTimecardList, ZUpdateTimecardRequest } from './schema.ts';
import * as timecards from './service.ts';

export function timecardRoutes(deps: timecards.TimecardDeps & VerificationDeps) {
  const tags = ['timecards'];
  return [
    defineRoute({
      method: 'get',
      path: '/api/timecards',
      summary: 'Your shifts, newest first, with working-time warnings',
      tags,
      auth: 'user',
      response: ZTimecardList,
      handler: async ({ user, now }) => ({ timecards: await timecards.listTimecards(deps, user.id, now) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/timecards/rollup',
      summary: 'Approved shifts rolled up by employer and role (verified work history)',
      tags,
      auth: 'user',
      response: ZRollup,
      handler: ({ user, now }) => timecards.rollup(deps, user.id, now),
    }),
    defineRoute({
      method: 'post',
      path: '/api/timecards',
      summary: 'Add a finished shift by hand',
      tags,
      auth: 'user',
      body: ZManualTimecardRequest,
      status: 201,
      response: ZTimecard,
      handler: ({ user, body, requestId, now }) => timecards.addTimecard(deps, user.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/timecards/clock-in',
      summary: 'Start a shift now (or at a given time)',
      tags,
      auth: 'user',
      body: ZClockInRequest,
      status: 201,
      response: ZTimecard,
      handler: ({ user, body, requestId, now }) => timecards.clockIn(deps, user.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/timecards/:id',
      summary: 'One shift',
      tags,
      auth: 'user',
      params: ZIdParams,
      response: ZTimecard,
      handler: ({ user, params, now }) => timecards.getTimecard(deps, user.id, params.id, now),
    }),
    defineRoute({
      method: 'post',
      path: '/api/timecards/:id/clock-out',
      summary: 'Finish a shift',
      tags,
      auth: 'user',
      params: ZIdParams,
      body: ZClockOutRequest,
      response: ZTimecard,
      handler: ({ user, params, body, requestId, now }) => timecards.clockOut(deps, user.id, params.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/timecards/:id/break',
      summary: 'Start or end a break',
      tags,
      auth: 'user',
      params: ZIdParams,
      body: ZBreakRequest,
      response: ZTimecard,
      handler: ({ user, params, body, requestId, now }) => timecards.takeBreak(deps, user.id, params.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/timecards/:id',
      summary: 'Correct a shift that is not submitted or approved',
      tags,
      auth: 'user',
      params: ZIdParams,
      body: ZUpdateTimecardRequest,
      response: ZTimecard,
      handler: ({ user, params, body, requestId, now }) => timecards.updateTimecard(deps, user.id, params.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/timecards/:id',
      summary: 'Delete a shift that is not submitted or approved',
      tags,
      auth: 'user',
      params: ZIdParams,
      status: 204,
      response: z.void(),
      handler: ({ user, params, requestId, now }) => timecards.deleteTimecard(deps, user.id, params.id, { requestId, now }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/timecards/:id/submit',
      summary: 'Submit a finished shift: its supervisor gets a link to approve or reject it',
      tags,
      auth: 'user',
      params: ZIdParams,
      body: ZSubmitTimecardRequest,
      status: 201,
      response: ZVerification,
      handler: ({ user, params, body, requestId, now }) => submitTimecard(deps, user.id, params.id, body, { requestId, now }),
    }),
  ];
}
