import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { ZAddMemberRequest, ZCreateOrganisationRequest, ZMemberParams, ZOrganisation, ZOrganisationList, ZOrganisationParams } from './schema.ts';
import { addMember, createOrganisation, getOrganisation, listMyOrganisations, removeMember, type OrganisationDeps } from './service.ts';

export function organisationRoutes(deps: OrganisationDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/organisations',
      summary: 'Create an organisation (you become its admin)',
      tags: ['organisations'],
      auth: 'user',
      body: ZCreateOrganisationRequest,
      status: 201,
      response: ZOrganisation,
      handler: ({ user, body, requestId, now }) => createOrganisation(deps.db, user!.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/organisations',
      summary: 'Organisations you belong to',
      tags: ['organisations'],
      auth: 'user',
      response: ZOrganisationList,
      handler: async ({ user }) => ({ organisations: await listMyOrganisations(deps.db, user!.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/organisations/:id',
      summary: 'An organisation and its members',
      tags: ['organisations'],
      auth: 'user',
      params: ZOrganisationParams,
      response: ZOrganisation,
      handler: ({ user, params }) => getOrganisation(deps.db, user!.id, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/organisations/:id/members',
      summary: 'Add a Medfolio user to the organisation (admins only)',
      tags: ['organisations'],
      auth: 'user',
      params: ZOrganisationParams,
      body: ZAddMemberRequest,
      status: 201,
      response: ZOrganisation,
      handler: ({ user, params, body, requestId, now }) => addMember(deps, user!.id, params.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/organisations/:id/members/:userId',
      summary: 'Remove a member (admins only)',
      tags: ['organisations'],
      auth: 'user',
      params: ZMemberParams,
      status: 204,
      response: z.void(),
      handler: ({ user, params, requestId, now }) => removeMember(deps.db, user!.id, params.id, params.userId, { requestId, now }),
    }),
  ];
}
