import { defineRoute } from '../../platform/http/route.ts';
import * as profile from './service.ts';
import { ZLocumProfile, ZLocumProfileInput } from './schema.ts';

export function profileRoutes(deps: profile.ProfileDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/me/locum-profile',
      summary: 'Your specialties and availability, as the one-page locum CV prints them',
      tags: ['account'],
      auth: 'user',
      response: ZLocumProfile,
      handler: ({ user }) => profile.getLocumProfile(deps, user.id),
    }),
    defineRoute({
      method: 'put',
      path: '/api/me/locum-profile',
      summary: 'Replace your specialties and availability (a field left out is cleared; previous values stay in your audit trail)',
      tags: ['account'],
      auth: 'user',
      body: ZLocumProfileInput,
      response: ZLocumProfile,
      handler: ({ user, body, requestId, now }) => profile.replaceLocumProfile(deps, user.id, body, { requestId, now }),
    }),
  ];
}
