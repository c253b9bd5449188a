'use client';

// The message editor of Compose and of the inbox's reply: Tiptap (ProseMirror) with a toolbar for
// bold, italic, lists, link and quote. What it holds goes with the form as HTML in a hidden field
// (`name`); the server sanitises it and derives the text part (lib/mail/composed-body.ts). The
// toolbar is one tab stop, its buttons reached with the arrow keys (WAI-ARIA toolbar pattern), and
// each says its shortcut. Without JavaScript a plain text box (`textName`) stands in.
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useTranslations } from 'next-intl';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { inputClass } from './ui';

type Command = 'bold' | 'italic' | 'bulletList' | 'orderedList' | 'link' | 'blockquote';
const COMMANDS: Command[] = ['bold', 'italic', 'bulletList', 'orderedList', 'link', 'blockquote'];

const contentClass =
  'min-h-48 max-w-none px-3 py-2 text-sm focus:outline-none [overflow-wrap:anywhere] [&_p]:my-1 [&_ul]:my-1 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-1 [&_ol]:list-decimal [&_ol]:pl-6 [&_blockquote]:my-1 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600 [&_a]:text-indigo-700 [&_a]:underline [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold';

export function RichTextEditor({
  id,
  name,
  textName,
  defaultHtml = '',
  focusOnOpen = false,
  onChange,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
}: {
  /** The field's id: the label is `${id}-label`, the error `${id}-error` (FieldGroup). */
  id: string;
  name: string;
  /** The plain-text field used when JavaScript is off. */
  textName: string;
  defaultHtml?: string;
  /** The page opens to be typed in (a reply): the caret starts in the editor. */
  focusOnOpen?: boolean;
  onChange?: (html: string) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const t = useTranslations('editor');
  const [html, setHtml] = useState(defaultHtml);
  const attributes = {
    id,
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-labelledby': `${id}-label`,
    ...(invalid ? { 'aria-invalid': 'true' } : {}),
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    class: contentClass,
    'data-testid': 'message-editor',
  };
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        codeBlock: false,
        horizontalRule: false,
        link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
      }),
    ],
    content: defaultHtml,
    autofocus: focusOnOpen ? 'end' : false,
    // Rendered in the browser only (Next renders on the server first).
    immediatelyRender: false,
    editorProps: { attributes },
    onUpdate: ({ editor }) => {
      const value = editor.isEmpty ? '' : editor.getHTML();
      setHtml(value);
      onChange?.(value);
    },
  });
  // A field error found by the server marks the editor itself (focus goes to the first invalid one).
  const attributesKey = JSON.stringify(attributes);
  useEffect(() => {
    if (editor && !editor.isDestroyed)
      editor.setOptions({ editorProps: { attributes: JSON.parse(attributesKey) } });
  }, [editor, attributesKey]);
  const active = useEditorState({
    editor,
    selector: ({ editor }) =>
      Object.fromEntries(COMMANDS.map((c) => [c, editor?.isActive(c) ?? false])) as Record<Command, boolean>,
  });

  const [linking, setLinking] = useState<string | null>(null);
  const [focused, setFocused] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function run(command: Command) {
    if (!editor) return;
    const chain = editor.chain().focus();
    if (command === 'bold') chain.toggleBold().run();
    else if (command === 'italic') chain.toggleItalic().run();
    else if (command === 'bulletList') chain.toggleBulletList().run();
    else if (command === 'orderedList') chain.toggleOrderedList().run();
    else if (command === 'blockquote') chain.toggleBlockquote().run();
    else setLinking((editor.getAttributes('link').href as string | undefined) ?? '');
  }

  function applyLink(href: string) {
    if (!editor) return;
    setLinking(null);
    const chain = editor.chain().focus().extendMarkRange('link');
    const url = href.trim();
    if (!url) {
      chain.unsetLink().run();
      return;
    }
    const full = /^(https?:|mailto:|tel:)/i.test(url) ? url : `https://${url}`;
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain
        .insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: full } }] })
        .run();
    } else chain.setLink({ href: full }).run();
  }

  function onToolbarKey(event: KeyboardEvent) {
    const moves: Record<string, number> = {
      ArrowRight: focused + 1,
      ArrowLeft: focused - 1,
      Home: 0,
      End: COMMANDS.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + COMMANDS.length) % COMMANDS.length;
    setFocused(index);
    buttons.current[index]?.focus();
  }

  return (
    <div
      className={`rounded-md border bg-white shadow-sm focus-within:border-indigo-500 focus-within:ring-1 focus-within:ring-indigo-500 ${invalid ? 'border-red-500 ring-1 ring-red-500' : 'border-slate-300'}`}
    >
      <div
        role="toolbar"
        aria-label={t('toolbar')}
        // No aria-controls: the editor's element is mounted after hydration, and an id reference to an
        // element not yet there is an invalid ARIA value (axe flagged it when it ran first).
        onKeyDown={onToolbarKey}
        className="flex flex-wrap gap-1 border-b border-slate-200 px-2 py-1"
      >
        {COMMANDS.map((command, i) => (
          <button
            key={command}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            tabIndex={i === focused ? 0 : -1}
            aria-pressed={active?.[command] ?? false}
            title={t(`${command}Shortcut`)}
            disabled={!editor}
            // Keeps the editor's selection: the command applies to what was selected.
            onMouseDown={(e) => e.preventDefault()}
            onFocus={() => setFocused(i)}
            onClick={() => {
              setFocused(i);
              run(command);
            }}
            className={`min-w-8 rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 aria-pressed:bg-indigo-100 aria-pressed:text-indigo-800 ${command === 'bold' ? 'font-bold' : command === 'italic' ? 'italic' : ''}`}
          >
            <span aria-hidden="true">{t(`${command}Icon`)}</span>
            <span className="sr-only">{t(command)}</span>
          </button>
        ))}
      </div>
      {linking !== null ? (
        <LinkBox
          initial={linking}
          onApply={applyLink}
          onCancel={() => {
            setLinking(null);
            editor?.commands.focus();
          }}
        />
      ) : null}
      <EditorContent editor={editor} />
      <input type="hidden" name={name} value={html} />
      <noscript>
        <textarea name={textName} rows={10} aria-labelledby={`${id}-label`} className={inputClass} />
      </noscript>
    </div>
  );
}

/** The link's address, typed in place (Enter applies, Escape gives up; empty removes the link). */
function LinkBox({
  initial,
  onApply,
  onCancel,
}: {
  initial: string;
  onApply: (href: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('editor');
  const [href, setHref] = useState(initial);
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-2 py-2">
      <input
        type="url"
        value={href}
        onChange={(e) => setHref(e.target.value)}
        aria-label={t('linkAddress')}
        // biome-ignore lint/a11y/noAutofocus: the box opens to be typed in
        autoFocus
        onKeyDown={(e) => {
          // Enter must not send the message; Escape must not leave the page's dialog state.
          if (e.key === 'Enter') {
            e.preventDefault();
            onApply(href);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
        className={`${inputClass} max-w-md flex-1`}
      />
      <button
        type="button"
        onClick={() => onApply(href)}
        className="rounded px-2 py-1 text-sm text-indigo-700 hover:bg-slate-100"
      >
        {t('linkApply')}
      </button>
      {initial ? (
        <button
          type="button"
          onClick={() => onApply('')}
          className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
        >
          {t('linkRemove')}
        </button>
      ) : null}
      <button
        type="button"
        onClick={onCancel}
        className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
      >
        {t('linkCancel')}
      </button>
    </div>
  );
}
