// Contacts and groups' REST operations for the OpenAPI document (app/api/v1/openapi.json).
import { z } from 'zod';
import { commonErrors, errorSchema, type Operation } from '../api/openapi';
import {
  contactImportResult,
  contactView,
  createContactInput,
  groupInput,
  groupView,
  listContactsQuery,
  listGroupsQuery,
  memberIdsInput,
  updateContactInput,
  updateGroupInput,
} from './contacts.schema';

const tag = 'Contacts';
const conflict = {
  description: 'Another contact has this email or phone (another group this name)',
  schema: errorSchema,
};
const contactPage = z.object({ contacts: z.array(contactView), nextCursor: z.string().nullable() });
const noContent = { description: 'Deleted' };
const membersResult = (verb: 'added' | 'removed') =>
  z.object({ [verb]: z.number().int(), group: groupView }) as z.ZodObject;

export const contactOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/contacts',
    summary:
      'Contacts by last name; `q` searches names, email and phone, `groupId` keeps one group’s members',
    tag,
    query: listContactsQuery,
    responses: {
      200: { description: 'A page; pass nextCursor as cursor for the next one', schema: contactPage },
      400: commonErrors[400],
      401: commonErrors[401],
    },
  },
  {
    method: 'post',
    path: '/api/v1/contacts',
    summary:
      'Create a contact (an email, a phone or both; a phone without + is read in the organisation’s country and stored in E.164)',
    tag,
    body: createContactInput,
    responses: {
      201: { description: 'Created', schema: z.object({ contact: contactView }) },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
      409: conflict,
    },
  },
  {
    method: 'get',
    path: '/api/v1/contacts/{id}',
    summary: 'One contact with its groups',
    tag,
    responses: {
      200: { description: 'The contact', schema: z.object({ contact: contactView }) },
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'patch',
    path: '/api/v1/contacts/{id}',
    summary: 'Change some fields; `null` clears one (an opt-out set to null is withdrawn)',
    tag,
    body: updateContactInput,
    responses: {
      200: { description: 'The contact', schema: z.object({ contact: contactView }) },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
      409: conflict,
    },
  },
  {
    method: 'delete',
    path: '/api/v1/contacts/{id}',
    summary: 'Delete a contact (and its group memberships)',
    tag,
    responses: { 204: noContent, 401: commonErrors[401], 404: commonErrors[404] },
  },
  {
    method: 'post',
    path: '/api/v1/contacts/import',
    summary:
      'Import contacts from a CSV (see the README for its columns); re-importing updates by email, else phone',
    tag,
    rawBody: {
      'text/csv': { schema: { type: 'string' } },
      'multipart/form-data': {
        schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
      },
    },
    responses: {
      200: {
        description: 'Counts, and each bad row by its line (nothing of a bad row is stored)',
        schema: contactImportResult,
      },
      400: commonErrors[400],
      401: commonErrors[401],
      413: { description: 'The file is over 20 MB', schema: errorSchema },
      415: { description: 'Not text/csv nor multipart/form-data', schema: errorSchema },
      422: {
        description: 'The file cannot be read as CSV, or names neither email nor phone',
        schema: errorSchema,
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/contacts/export',
    summary: 'Every contact as CSV, in the columns the import reads',
    tag,
    responses: { 200: { description: 'The CSV', contentType: 'text/csv' }, 401: commonErrors[401] },
  },
  {
    method: 'get',
    path: '/api/v1/groups',
    summary: 'Groups by name, with their member counts',
    tag,
    query: listGroupsQuery,
    responses: {
      200: {
        description: 'A page',
        schema: z.object({ groups: z.array(groupView), nextCursor: z.string().nullable() }),
      },
      400: commonErrors[400],
      401: commonErrors[401],
    },
  },
  {
    method: 'post',
    path: '/api/v1/groups',
    summary: 'Create a group (names are unique in the organisation)',
    tag,
    body: groupInput,
    responses: {
      201: { description: 'Created', schema: z.object({ group: groupView }) },
      400: commonErrors[400],
      401: commonErrors[401],
      409: conflict,
    },
  },
  {
    method: 'get',
    path: '/api/v1/groups/{id}',
    summary: 'One group',
    tag,
    responses: {
      200: { description: 'The group', schema: z.object({ group: groupView }) },
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'patch',
    path: '/api/v1/groups/{id}',
    summary: 'Rename a group or change its description',
    tag,
    body: updateGroupInput,
    responses: {
      200: { description: 'The group', schema: z.object({ group: groupView }) },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
      409: conflict,
    },
  },
  {
    method: 'delete',
    path: '/api/v1/groups/{id}',
    summary: 'Delete a group (its contacts stay)',
    tag,
    responses: { 204: noContent, 401: commonErrors[401], 404: commonErrors[404] },
  },
  {
    method: 'get',
    path: '/api/v1/groups/{id}/members',
    summary: 'A group’s members, as contacts',
    tag,
    query: listContactsQuery.omit({ groupId: true }),
    responses: {
      200: { description: 'A page', schema: contactPage },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'post',
    path: '/api/v1/groups/{id}/members',
    summary: 'Add contacts to a group (those already in it are left as they are)',
    tag,
    body: memberIdsInput,
    responses: {
      200: { description: 'How many were added', schema: membersResult('added') },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'delete',
    path: '/api/v1/groups/{id}/members',
    summary: 'Remove contacts from a group (the contacts stay)',
    tag,
    body: memberIdsInput,
    responses: {
      200: { description: 'How many were removed', schema: membersResult('removed') },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
];
