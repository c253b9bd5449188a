'use client';

// Attachments chosen with the file picker or dropped anywhere on the form, listed with their
// sizes and removable before sending. The list is kept in the file input itself (a DataTransfer
// assigned to input.files), so the form posts them like any picked file and a refused submit keeps
// them. A file that would take the total over the limit is refused at once, saying so.
import { useFormatter, useTranslations } from 'next-intl';
import { type DragEvent, useEffect, useRef, useState } from 'react';
import { formatSize } from '@/lib/i18n/format-size';
import { addWithinLimit } from '@/lib/mail/attachment-selection';
import { FieldGroup } from './ui';

export function useChosenFiles(maxBytes: number) {
  const t = useTranslations('compose');
  const format = useFormatter();
  const [files, setFiles] = useState<File[]>([]);
  const [refusal, setRefusal] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  // Always a new list, so the input is set again even when nothing was added (a cancelled picker).
  function add(added: File[]) {
    const result = addWithinLimit(files, added, maxBytes);
    setFiles(result.files);
    setRefusal(
      result.refused.length
        ? t('attachmentRefused', {
            files: result.refused.map((f) => `${f.name} (${formatSize(format, f.size)})`).join(', '),
            limit: formatSize(format, maxBytes),
          })
        : undefined,
    );
  }

  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  /** Spread on the form: a file dropped anywhere on it is attached (not opened by the browser). */
  const dropTarget = {
    onDragEnter: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current += 1;
      setDragging(true);
    },
    onDragLeave: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDragOverCapture: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    // Capture: the editor must not take the drop for itself.
    onDropCapture: (e: DragEvent) => {
      if (!e.dataTransfer?.files?.length) return;
      e.preventDefault();
      e.stopPropagation();
      depth.current = 0;
      setDragging(false);
      add(Array.from(e.dataTransfer.files));
    },
  };

  return {
    files,
    refusal,
    dragging,
    dropTarget,
    add,
    remove: (file: File) => {
      setFiles((list) => list.filter((f) => f !== file));
      setRefusal(undefined);
    },
  };
}

export function AttachmentsField({
  name,
  chosen,
  error,
  hint,
}: {
  name: string;
  chosen: ReturnType<typeof useChosenFiles>;
  /** The server's word on the files (a refused submit). */
  error?: string;
  hint?: string;
}) {
  const t = useTranslations('compose');
  const format = useFormatter();
  const input = useRef<HTMLInputElement>(null);
  const id = `${name}-field`;
  const { files, refusal } = chosen;
  const problem = refusal ?? error;

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const list = new DataTransfer();
    for (const f of files) list.items.add(f);
    el.files = list.files;
  }, [files]);

  return (
    <FieldGroup id={id} label={t('attachments')} error={problem} hint={hint}>
      <div
        className={`rounded-md border-2 border-dashed px-3 py-3 ${chosen.dragging ? 'border-indigo-500 bg-indigo-50' : 'border-slate-300'}`}
        data-testid="attachments-drop"
      >
        <p className="text-sm text-slate-600">{t(chosen.dragging ? 'dropNow' : 'dropHere')}</p>
        <input
          ref={input}
          type="file"
          name={name}
          multiple
          aria-labelledby={`${id}-label`}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          onChange={(e) => {
            // The picker replaces the input's files: add them to those already chosen.
            const picked = Array.from(e.target.files ?? []);
            chosen.add(picked);
          }}
          className="mt-2 block max-w-full text-sm"
        />
        {files.length > 0 ? (
          <ul className="mt-2 divide-y divide-slate-100" aria-label={t('attachedFiles')}>
            {files.map((f) => (
              <li
                key={`${f.name}-${f.size}-${f.lastModified}`}
                className="flex items-center justify-between gap-2 py-1"
              >
                <span className="min-w-0 truncate text-sm">{f.name}</span>
                <span className="flex shrink-0 items-center gap-2">
                  <span className="text-xs text-slate-500">{formatSize(format, f.size)}</span>
                  <button
                    type="button"
                    onClick={() => chosen.remove(f)}
                    className="rounded px-2 py-0.5 text-xs text-red-700 hover:bg-red-50"
                    aria-label={t('removeFile', { name: f.name })}
                  >
                    {t('remove')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </FieldGroup>
  );
}
