'use client';

// Every row of the manifest before anything is stored: a bad row is red, the cell at fault is
// marked, and the last column says, for each problem, the value found and what is wrong with it.
import { useTranslations } from 'next-intl';
import { Table } from '@/app/components/ui';
import type { CheckedRow } from '@/lib/bulk/invoices.schema';

const COLUMNS = ['clientCode', 'clientName', 'period', 'recipients', 'fileName'] as const;

export function ImportPreviewTable({
  rows,
  problem,
}: {
  rows: CheckedRow[];
  problem: (message: string) => string;
}) {
  const t = useTranslations('importInvoices');
  return (
    <Table head={[t('row'), ...COLUMNS.map((c) => t(`column.${c}`)), t('problem')]}>
      {rows.map((r) => {
        const bad = r.problems.length > 0;
        const faulty = new Set(r.problems.map((p) => p.field));
        return (
          <tr
            key={r.row}
            data-testid="preview-row"
            data-bad={bad ? 'true' : 'false'}
            className={bad ? 'bg-red-50 text-red-800' : undefined}
          >
            <td className="px-4 py-2 font-mono">{r.row}</td>
            {COLUMNS.map((c) => (
              <td
                key={c}
                className={`px-4 py-2 [overflow-wrap:anywhere] ${faulty.has(c) ? 'font-semibold text-red-700 underline decoration-wavy' : ''}`}
                aria-invalid={faulty.has(c) ? true : undefined}
              >
                {r.values[c] ?? ''}
              </td>
            ))}
            <td className="px-4 py-2" data-testid={bad ? 'preview-problem' : undefined}>
              {bad
                ? r.problems
                    .map((p) => {
                      // "bad period “2025-13”" names its value already; "client code is missing" has none.
                      const words = problem(p.message);
                      return p.value && !words.includes(p.value)
                        ? t('cellProblem', { value: p.value, problem: words })
                        : words;
                    })
                    .join(' · ')
                : t('rowOk')}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
