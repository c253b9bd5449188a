// The manifest's columns as a person writes them, in English and French, for the import page and
// the downloadable template. Each is recognised by the import (compared as letters only, without
// accents, against HEADER_ALIASES below: invoice-columns.test.ts checks it).
import type { Locale } from '../i18n/locales';
import type { InvoiceRow } from './invoices.schema';

export type InvoiceColumn = keyof InvoiceRow;

/** Header names we recognise (compared lowercase, letters only), in English and French. */
export const HEADER_ALIASES: Record<InvoiceColumn, string[]> = {
  clientCode: ['clientcode', 'codeclient', 'code', 'client', 'clientid'],
  clientName: ['clientname', 'nomclient', 'name', 'nom', 'raisonsociale'],
  period: ['period', 'periode', 'month', 'mois'],
  recipients: ['recipients', 'recipient', 'emails', 'email', 'to', 'destinataires', 'destinataire'],
  fileName: ['filename', 'file', 'pdf', 'fichier', 'nomfichier'],
};

export const INVOICE_COLUMN_ORDER: InvoiceColumn[] = [
  'clientCode',
  'clientName',
  'period',
  'recipients',
  'fileName',
];

export const INVOICE_COLUMN_NAMES: Record<'en' | 'fr', Record<InvoiceColumn, string[]>> = {
  en: {
    clientCode: ['client_code', 'code', 'client'],
    clientName: ['client_name', 'name'],
    period: ['period', 'month'],
    recipients: ['recipients', 'email', 'to'],
    fileName: ['file_name', 'file', 'pdf'],
  },
  fr: {
    clientCode: ['code_client', 'client'],
    clientName: ['nom_client', 'nom', 'raison_sociale'],
    period: ['période', 'mois'],
    recipients: ['destinataires', 'destinataire', 'email'],
    fileName: ['fichier', 'nom_fichier', 'pdf'],
  },
};

/** A manifest to fill in: the header in the viewer's language, then two example rows. */
export function invoiceTemplateCsv(locale: Locale): string {
  const names = INVOICE_COLUMN_NAMES[locale === 'fr' ? 'fr' : 'en'];
  const header = INVOICE_COLUMN_ORDER.map((c) => names[c][0]).join(';');
  return `${[
    header,
    'CCT123;Dupont SARL;2025-01;"compta@dupont.example; direction@dupont.example";FACTURE_2025_01_CCT123.pdf',
    'CCT456;Martin & Fils;2025-01;factures@martin.example;CCT456/FACTURE_2025_01.pdf',
  ].join('\r\n')}\r\n`;
}
