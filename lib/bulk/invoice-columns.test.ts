import { describe, expect, it } from 'vitest';
import { headerKey } from '../csv/read-csv';
import {
  HEADER_ALIASES,
  INVOICE_COLUMN_NAMES,
  INVOICE_COLUMN_ORDER,
  invoiceTemplateCsv,
} from './invoice-columns';

describe('invoice manifest columns', () => {
  it('every name shown to people is one the import recognises', () => {
    for (const names of Object.values(INVOICE_COLUMN_NAMES))
      for (const column of INVOICE_COLUMN_ORDER)
        for (const name of names[column]) expect(HEADER_ALIASES[column]).toContain(headerKey(name));
  });
  it('writes the template header in the viewer language', () => {
    expect(invoiceTemplateCsv('fr').split('\r\n')[0]).toBe(
      'code_client;nom_client;période;destinataires;fichier',
    );
    expect(invoiceTemplateCsv('en').split('\r\n')[0]).toBe(
      'client_code;client_name;period;recipients;file_name',
    );
  });
});
