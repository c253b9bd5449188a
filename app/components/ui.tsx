// The few presentational pieces every page uses, so pages stay about their content.
import Link from 'next/link';
import { Children, type ComponentProps, cloneElement, isValidElement, type ReactNode } from 'react';

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0 [overflow-wrap:anywhere]">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

export function Card({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <div className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className}`}>{children}</div>
  );
}

const buttonStyles = {
  primary: 'bg-indigo-600 text-white hover:bg-indigo-500 disabled:bg-indigo-300',
  secondary: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
  danger: 'border border-red-300 bg-white text-red-700 hover:bg-red-50',
} as const;

export function Button({
  variant = 'primary',
  className = '',
  ...props
}: ComponentProps<'button'> & { variant?: keyof typeof buttonStyles }) {
  return (
    <button
      className={`inline-flex items-center rounded-md px-3 py-2 text-sm font-medium ${buttonStyles[variant]} ${className}`}
      {...props}
    />
  );
}

export function ButtonLink({
  variant = 'primary',
  className = '',
  ...props
}: ComponentProps<typeof Link> & { variant?: keyof typeof buttonStyles }) {
  return (
    <Link
      className={`inline-flex items-center rounded-md px-3 py-2 text-sm font-medium ${buttonStyles[variant]} ${className}`}
      {...props}
    />
  );
}

/**
 * A labelled control. An `error` is shown in red under the control, which gets aria-invalid and
 * aria-describedby pointing at it (the control is the one child, given a `name` or an `id`).
 */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  let control = children;
  let errorId: string | undefined;
  if (error && isValidElement<Record<string, unknown>>(children)) {
    const key = String(children.props.id ?? children.props.name ?? label).replace(/[^\w-]/g, '-');
    errorId = `${key}-error`;
    const described = [children.props['aria-describedby'], errorId].filter(Boolean).join(' ');
    control = cloneElement(children, { 'aria-invalid': true, 'aria-describedby': described });
  }
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in
    <label className="block text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <div className="mt-1">{control}</div>
      <FieldNotes errorId={errorId} error={error} hint={hint} />
    </label>
  );
}

/** A field's problem (red, under it, referred to by the control's aria-describedby) and its hint. */
function FieldNotes({ errorId, error, hint }: { errorId?: string; error?: string; hint?: string }) {
  return (
    <>
      {error ? (
        <span id={errorId} className="mt-1 block text-sm font-medium text-red-700" data-field-error>
          {error}
        </span>
      ) : null}
      {hint ? <span className="mt-1 block text-xs text-slate-500">{hint}</span> : null}
    </>
  );
}

/**
 * A field whose control holds buttons of its own (an editor with its toolbar, a file list with
 * Remove buttons), which a <label> around it would wrongly label: a fieldset named by its legend,
 * the control tied to it by `labelId`, and its error at `${id}-error` (set aria-invalid and
 * aria-describedby on the control yourself).
 */
export function FieldGroup({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="block min-w-0 text-sm">
      <legend id={`${id}-label`} className="font-medium text-slate-700">
        {label}
      </legend>
      <div className="mt-1">{children}</div>
      <FieldNotes errorId={`${id}-error`} error={error} hint={hint} />
    </fieldset>
  );
}

export const inputClass =
  'block w-full min-w-0 rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-invalid:border-red-500 aria-invalid:ring-1 aria-invalid:ring-red-500';

export function Input(props: ComponentProps<'input'>) {
  return <input className={inputClass} {...props} />;
}

export function Select(props: ComponentProps<'select'>) {
  return <select className={inputClass} {...props} />;
}

export function Alert({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ReactNode }) {
  const styles = {
    error: 'border-red-200 bg-red-50 text-red-800',
    success: 'border-green-200 bg-green-50 text-green-800',
    info: 'border-sky-200 bg-sky-50 text-sky-800',
  }[kind];
  return (
    <div
      role={kind === 'error' ? 'alert' : 'status'}
      tabIndex={kind === 'error' ? -1 : undefined}
      className={`rounded-md border px-4 py-3 text-sm ${styles}`}
    >
      {children}
    </div>
  );
}

export function Badge({
  tone = 'slate',
  children,
}: {
  tone?: 'slate' | 'green' | 'red' | 'amber' | 'sky' | 'indigo';
  children: ReactNode;
}) {
  const styles = {
    slate: 'bg-slate-100 text-slate-700',
    green: 'bg-green-100 text-green-800',
    red: 'bg-red-100 text-red-800',
    amber: 'bg-amber-100 text-amber-800',
    sky: 'bg-sky-100 text-sky-800',
    indigo: 'bg-indigo-100 text-indigo-800',
  }[tone];
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${styles}`}>{children}</span>
  );
}

/**
 * A list. Below 768 px each row becomes a stacked card whose cells carry their column's name
 * (data-label, shown by the `stacked-table` rules in globals.css); wider, a table that scrolls
 * inside its own box rather than the page.
 */
export function Table({
  head,
  children,
  empty,
  emptyAction,
}: {
  head: string[];
  children: ReactNode;
  empty?: string;
  /** What to do about an empty list (a link to add the first one), shown under `empty`. */
  emptyAction?: ReactNode;
}) {
  const labelled = Children.map(children, (row) => {
    if (!isValidElement<{ children?: ReactNode }>(row) || row.type !== 'tr') return row;
    let column = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement<Record<string, unknown>>(cell) || cell.type !== 'td') return cell;
      const label = head[column];
      column += Number(cell.props.colSpan ?? 1);
      return label ? cloneElement(cell, { 'data-label': label }) : cell;
    });
    return cloneElement(row, {}, cells);
  });
  return (
    <div className="stacked-table overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            {head.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a column's place is its identity
              <th key={`${i}-${h}`} scope="col" className="px-4 py-2 text-left font-medium text-slate-600">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{labelled}</tbody>
      </table>
      {empty ? (
        <div className="space-y-3 px-4 py-6 text-center text-sm text-slate-500">
          <p>{empty}</p>
          {emptyAction ? <div className="flex justify-center">{emptyAction}</div> : null}
        </div>
      ) : null}
    </div>
  );
}
