import { z } from 'zod';
import { commonErrors, errorSchema, type Operation } from '../api/openapi';
import { apiKeyView, createApiKeyInput } from '../auth/api-keys.schema';
import { changeMemberRoleInput } from './change-member-role';
import { inviteMemberInput } from './invite-member';
import { invitationView, memberView, organizationView } from './orgs.schema';

export const orgOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/org',
    summary: 'The organisation the API key belongs to',
    tag: 'Organisation',
    responses: { 200: { description: 'The organisation', schema: organizationView }, 401: commonErrors[401] },
  },
  {
    method: 'get',
    path: '/api/v1/members',
    summary: 'Members and their roles',
    tag: 'Organisation',
    responses: {
      200: { description: 'Members', schema: z.object({ members: z.array(memberView) }) },
      401: commonErrors[401],
    },
  },
  {
    method: 'patch',
    path: '/api/v1/members/{id}',
    summary:
      "Change a member's role (by user id). Owners may change anyone; admins and API keys only admins and members, never to owner. The last owner keeps their role.",
    tag: 'Organisation',
    body: changeMemberRoleInput,
    responses: {
      200: { description: 'The member with the new role', schema: z.object({ member: memberView }) },
      400: commonErrors[400],
      401: commonErrors[401],
      403: { description: 'Your role may not make this change', schema: errorSchema },
      404: commonErrors[404],
      409: { description: 'This is the last owner', schema: errorSchema },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/members/{id}',
    summary:
      'Remove a member from the organisation (by user id); anyone may remove themselves. The last owner cannot be removed.',
    tag: 'Organisation',
    responses: {
      204: { description: 'Removed' },
      401: commonErrors[401],
      403: { description: 'Your role may not remove this member', schema: errorSchema },
      404: commonErrors[404],
      409: { description: 'This is the last owner', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/invitations',
    summary: 'Pending invitations',
    tag: 'Organisation',
    responses: {
      200: { description: 'Invitations', schema: z.object({ invitations: z.array(invitationView) }) },
      401: commonErrors[401],
    },
  },
  {
    method: 'post',
    path: '/api/v1/invitations',
    summary: 'Invite someone by email with a role (the invitation email is sent at once)',
    tag: 'Organisation',
    body: inviteMemberInput,
    responses: {
      201: { description: 'Invitation created', schema: z.object({ invitation: invitationView }) },
      400: commonErrors[400],
      401: commonErrors[401],
      403: { description: 'Only an owner may invite an owner', schema: errorSchema },
      409: { description: 'Already a member, or already invited', schema: errorSchema },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/invitations/{id}',
    summary: 'Withdraw a pending invitation',
    tag: 'Organisation',
    responses: { 204: { description: 'Withdrawn' }, 401: commonErrors[401], 404: commonErrors[404] },
  },
  {
    method: 'get',
    path: '/api/v1/api-keys',
    summary: 'API keys of the organisation (never the keys themselves)',
    tag: 'API keys',
    responses: {
      200: { description: 'Keys', schema: z.object({ apiKeys: z.array(apiKeyView) }) },
      401: commonErrors[401],
    },
  },
  {
    method: 'post',
    path: '/api/v1/api-keys',
    summary: 'Create an API key; the response is the only time the key is shown',
    tag: 'API keys',
    body: createApiKeyInput,
    responses: {
      201: { description: 'Created', schema: z.object({ apiKey: apiKeyView, key: z.string() }) },
      400: commonErrors[400],
      401: commonErrors[401],
    },
  },
  {
    method: 'get',
    path: '/api/v1/api-keys/{id}',
    summary: 'One API key',
    tag: 'API keys',
    responses: {
      200: { description: 'The key', schema: z.object({ apiKey: apiKeyView }) },
      404: commonErrors[404],
    },
  },
  {
    method: 'delete',
    path: '/api/v1/api-keys/{id}',
    summary: 'Revoke an API key at once',
    tag: 'API keys',
    responses: {
      200: { description: 'Revoked', schema: z.object({ apiKey: apiKeyView }) },
      404: commonErrors[404],
    },
  },
];
