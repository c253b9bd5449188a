import { z } from 'zod';
import { commonErrors, errorSchema, type Operation } from '../api/openapi';
import { runView } from '../progress/progress.schema';
import { invoiceRunInput } from './invoice-run.schema';
import { importPreview, importResult, invoiceView, listInvoicesQuery } from './invoices.schema';

// The import and its preview take the same upload and refuse it the same ways.
const importBody: Operation['rawBody'] = {
  'multipart/form-data': {
    description: 'File parts under any field name: one CSV manifest (10 MB at most) and its PDFs, or ZIPs',
    schema: {
      type: 'object',
      properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } },
    },
  },
  'application/zip': {
    description: 'One ZIP holding the manifest and the PDFs (folders allowed)',
    schema: { type: 'string', format: 'binary' },
  },
};

const importErrors = {
  400: commonErrors[400],
  401: commonErrors[401],
  413: {
    description: 'Upload too large (512 MB in all, unzipped too; 25 MB per PDF; 10 MB manifest)',
    schema: errorSchema,
  },
  422: { description: 'No manifest, several manifests, an unreadable CSV or ZIP', schema: errorSchema },
};

export const bulkOperations: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/invoices/import',
    summary:
      'Import invoices: multipart/form-data with a CSV manifest (columns client_code, client_name, period YYYY-MM, ' +
      'recipients separated by ; or ,, file_name) and the PDFs it names — or one ZIP holding both (also accepted as ' +
      'a bare application/zip body). Good rows are stored together; each bad row is reported by its CSV line.',
    tag: 'Invoices',
    rawBody: importBody,
    responses: {
      200: { description: 'What was imported and each refused row', schema: importResult },
      ...importErrors,
    },
  },
  {
    method: 'post',
    path: '/api/v1/invoices/import/preview',
    summary:
      'Check an invoice import without storing anything: the same body as POST /api/v1/invoices/import; ' +
      'every manifest row comes back with its cells and, for a bad row, each problem with its column and cell value.',
    tag: 'Invoices',
    rawBody: importBody,
    responses: {
      200: {
        description: 'Every row, the bad ones with their problems, and the counts',
        schema: importPreview,
      },
      ...importErrors,
    },
  },
  {
    method: 'get',
    path: '/api/v1/invoices',
    summary: 'Invoices, newest period first, filtered by client code, period and status; pages by nextCursor',
    tag: 'Invoices',
    query: listInvoicesQuery,
    responses: {
      200: {
        description: 'A page of invoices',
        schema: z.object({ invoices: z.array(invoiceView), nextCursor: z.string().nullable() }),
      },
      400: commonErrors[400],
      401: commonErrors[401],
    },
  },
  {
    method: 'get',
    path: '/api/v1/invoices/{id}/pdf',
    summary: 'The invoice PDF (application/pdf)',
    tag: 'Invoices',
    responses: {
      200: { description: 'The PDF bytes', contentType: 'application/pdf' },
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'post',
    path: '/api/v1/runs',
    summary:
      'Start a bulk invoice run: every invoice matching the filters becomes its own email on the bulk queue, ' +
      'PDF attached, subject and body rendered from {clientCode} {clientName} {period} {fileName}; all enqueued ' +
      'in one transaction. Follow it on GET /api/v1/runs/{id}/events.',
    tag: 'Runs',
    body: invoiceRunInput,
    responses: {
      201: { description: 'Started', schema: z.object({ id: z.uuid(), total: z.number().int() }) },
      400: commonErrors[400],
      401: commonErrors[401],
      422: { description: 'No invoice matches the filters', schema: errorSchema },
    },
  },
  {
    method: 'post',
    path: '/api/v1/runs/{id}/cancel',
    summary: 'Cancel what is not sent yet (emails already handed to the server finish normally)',
    tag: 'Runs',
    responses: {
      200: {
        description: 'The run after cancelling',
        schema: z.object({ run: runView, cancelled: z.number().int() }),
      },
      401: commonErrors[401],
      404: commonErrors[404],
      409: { description: 'The run has already finished', schema: errorSchema },
    },
  },
  {
    method: 'post',
    path: '/api/v1/runs/{id}/retry-failed',
    summary: 'Send the failed emails of a finished run again (new messages in the same run)',
    tag: 'Runs',
    responses: {
      200: { description: 'Retrying', schema: z.object({ id: z.uuid(), retried: z.number().int() }) },
      401: commonErrors[401],
      404: commonErrors[404],
      409: { description: 'The run is still running, or nothing failed', schema: errorSchema },
    },
  },
];
