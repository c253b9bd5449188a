// Message templates over REST: create, list, read, edit, delete, org-scoped, with a 400 naming the
// field for a bad name or an unknown variable (checked like a message's), 409 for a name taken,
// and a message composed from one (`templateId`) keeping its text after the template is deleted.
process.env.LOG_LEVEL ??= 'warn';

import { describe, expect, it } from 'vitest';
import * as broadcastRoute from '@/app/api/v1/broadcasts/[id]/route';
import * as broadcastsRoute from '@/app/api/v1/broadcasts/route';
import * as templateRoute from '@/app/api/v1/broadcasts/templates/[id]/route';
import * as templatesRoute from '@/app/api/v1/broadcasts/templates/route';
import * as contactsRoute from '@/app/api/v1/contacts/route';
import * as openapi from '@/app/api/v1/openapi.json/route';
import { callRoute } from '../helpers/call-route';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

describe('message templates', () => {
  it('are created, listed, read, edited and deleted over REST, their variables checked like a message’s', async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    const parent = await callRoute(contactsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { firstName: 'Alice', email: 'alice@school.example', customFields: { childName: 'Hugo' } },
    });
    expect(parent.status).toBe(201);

    const post = (body: unknown, apiKey = org.apiKey) =>
      callRoute(templatesRoute.POST, { method: 'POST', apiKey, body });

    const unknown = await post({ name: 'Réunion', subject: 'Pour {nickname}', content: 'Bonjour {pet}' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toEqual([
      {
        path: 'subject',
        message: 'uses {nickname}, which is neither a contact field nor a custom field of your contacts',
      },
      {
        path: 'content',
        message: 'uses {pet}, which is neither a contact field nor a custom field of your contacts',
      },
    ]);
    const noName = await post({ name: ' ', content: 'x' });
    expect(noName.status).toBe(400);
    expect(noName.json.error.details[0].path).toBe('name');
    const noContent = await post({ name: 'Vide' });
    expect(noContent.status).toBe(400);
    expect(noContent.json.error.details[0].path).toBe('content');

    const created = await post({
      name: 'Réunion',
      subject: 'Réunion de la classe de {childName}',
      content: 'Bonjour {firstName}, la réunion a lieu demain à 18 h.',
    });
    expect(created.status, created.text).toBe(201);
    const template = created.json.template;
    expect(template).toMatchObject({
      name: 'Réunion',
      subject: 'Réunion de la classe de {childName}',
      variables: ['childName', 'firstName'],
    });
    const taken = await post({ name: 'Réunion', content: 'Autre' });
    expect(taken.status).toBe(409);
    expect(taken.json.error.message).toBe('Another template already has this name.');
    // Names are per organisation; a custom field of another organisation's contacts is not known.
    expect((await post({ name: 'Réunion', content: 'Bonjour {firstName}' }, other.apiKey)).status).toBe(201);
    expect((await post({ name: 'Enfant', content: '{childName}' }, other.apiKey)).status).toBe(400);

    const list = await callRoute(templatesRoute.GET, { apiKey: org.apiKey });
    expect(list.json.templates.map((x: { name: string }) => x.name)).toEqual(['Réunion']);
    const one = await callRoute(templateRoute.GET, { apiKey: org.apiKey, params: { id: template.id } });
    expect(one.json.template.content).toBe('Bonjour {firstName}, la réunion a lieu demain à 18 h.');
    expect(
      (await callRoute(templateRoute.GET, { apiKey: other.apiKey, params: { id: template.id } })).status,
    ).toBe(404);

    const patch = (body: unknown, apiKey = org.apiKey) =>
      callRoute(templateRoute.PATCH, { method: 'PATCH', apiKey, params: { id: template.id }, body });
    const badEdit = await patch({ subject: 'Pour {nickname}' });
    expect(badEdit.status).toBe(400);
    expect(badEdit.json.error.details[0].path).toBe('subject');
    expect((await patch({ name: 'x' }, other.apiKey)).status).toBe(404);
    const edited = await patch({ name: 'Réunion de classe', content: 'Bonjour {firstName} ({childName}).' });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json.template).toMatchObject({
      name: 'Réunion de classe',
      subject: 'Réunion de la classe de {childName}',
      content: 'Bonjour {firstName} ({childName}).',
    });

    // Compose from it: what the message does not give comes from the template, copied.
    const message = await callRoute(broadcastsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: {
        channels: ['email'],
        contactIds: [parent.json.contact.id],
        templateId: template.id,
        draft: true,
      },
    });
    expect(message.status, message.text).toBe(201);
    expect(message.json.broadcast).toMatchObject({
      subject: 'Réunion de la classe de {childName}',
      content: 'Bonjour {firstName} ({childName}).',
    });
    const foreign = await callRoute(broadcastsRoute.POST, {
      method: 'POST',
      apiKey: other.apiKey,
      body: { channels: ['email'], templateId: template.id, draft: true },
    });
    expect(foreign.status).toBe(404);

    const del = (apiKey = org.apiKey) =>
      callRoute(templateRoute.DELETE, { method: 'DELETE', apiKey, params: { id: template.id } });
    expect((await del(other.apiKey)).status).toBe(404);
    expect((await del()).status).toBe(204);
    expect((await del()).status).toBe(404);
    const kept = await callRoute(broadcastRoute.GET, {
      apiKey: org.apiKey,
      params: { id: message.json.broadcast.id },
    });
    expect(kept.json.broadcast.content).toBe('Bonjour {firstName} ({childName}).');
  });

  it('are in the OpenAPI document like the other operations', async () => {
    const doc = (await callRoute(openapi.GET)).json;
    expect(Object.keys(doc.paths['/api/v1/broadcasts/templates']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/broadcasts/templates/{id}']).sort()).toEqual([
      'delete',
      'get',
      'patch',
    ]);
    const body =
      doc.paths['/api/v1/broadcasts/templates'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['name', 'content']);
    expect(doc.paths['/api/v1/broadcasts/templates'].post.responses['409']).toBeDefined();
  });
});
