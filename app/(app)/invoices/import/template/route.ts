// GET /invoices/import/template: a manifest to fill in, its header in the viewer's language.
import { downloadResponse } from '@/lib/api/download';
import { invoiceTemplateCsv } from '@/lib/bulk/invoice-columns';
import { getViewerLanguage } from '@/lib/i18n/get-viewer-language';

export async function GET(): Promise<Response> {
  const { locale } = await getViewerLanguage();
  const name = locale === 'fr' ? 'modele-factures.csv' : 'invoice-template.csv';
  return downloadResponse(new TextEncoder().encode(invoiceTemplateCsv(locale)), name, 'text/csv');
}
