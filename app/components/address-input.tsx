'use client';

// An address box (To, Cc, Bcc) that completes the address being typed from the organisation's
// contacts and past recipients: a WAI-ARIA 1.2 combobox (aria-autocomplete="list") whose listbox
// opens under it; arrow keys move through the suggestions, Enter or a click writes the chosen one
// in place of what was typed, Escape closes the list. The box stays plain text ("a@x, Bob <b@y>").
import { type ComponentProps, useEffect, useId, useRef, useState } from 'react';
import type { AddressSuggestion } from '@/lib/contacts/rank-address-suggestions';
import { typedPart, withPickedAddress } from '@/lib/mail/address-list-text';
import { inputClass } from './ui';

/** Typed characters before the list is asked for. */
const MIN_TYPED = 2;
const DEBOUNCE_MS = 150;

export function AddressInput({
  label,
  suggest,
  defaultValue = '',
  ...props
}: Omit<ComponentProps<'input'>, 'defaultValue' | 'value' | 'onChange'> & {
  /** The box's visible label, also its accessible name (the list sits inside the label). */
  label: string;
  suggest: (typed: string) => Promise<AddressSuggestion[]>;
  defaultValue?: string;
}) {
  const listId = useId();
  const [value, setValue] = useState(defaultValue);
  const [options, setOptions] = useState<AddressSuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const asked = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const typed = typedPart(value);
    if (typed.length < MIN_TYPED) {
      setOptions([]);
      return;
    }
    const ticket = ++asked.current;
    const timer = setTimeout(() => {
      suggest(typed)
        .then((found) => {
          // Only the answer to the latest question counts (answers may come back out of order).
          if (ticket !== asked.current) return;
          setOptions(found);
          setActive(-1);
        })
        .catch(() => {
          if (ticket === asked.current) setOptions([]);
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value, suggest]);

  const expanded = open && options.length > 0;

  function pick(option: AddressSuggestion) {
    setValue((v) => withPickedAddress(v, option));
    setOptions([]);
    setOpen(false);
    setActive(-1);
    // The caret after the picked address, ready for the next one.
    requestAnimationFrame(() => {
      const el = input.current;
      if (el) el.setSelectionRange(el.value.length, el.value.length);
    });
  }

  return (
    <div className="relative">
      <input
        {...props}
        ref={input}
        className={inputClass}
        value={value}
        aria-label={label}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        onChange={(e) => {
          setValue(e.target.value);
          setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            if (options.length === 0) return;
            e.preventDefault();
            setOpen(true);
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((a) => (a + step + options.length + (a < 0 && step < 0 ? 1 : 0)) % options.length);
          } else if (e.key === 'Enter' && expanded && active >= 0) {
            // Enter picks the suggestion instead of sending the form.
            e.preventDefault();
            pick(options[active]!);
          } else if (e.key === 'Escape' && expanded) {
            e.preventDefault();
            setOpen(false);
            setActive(-1);
          }
        }}
      />
      <div
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!expanded}
        className="absolute right-0 left-0 z-20 mt-1 max-h-64 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
      >
        {options.map((option, i) => (
          <div
            key={option.address.toLowerCase()}
            id={`${listId}-${i}`}
            role="option"
            // Focus stays in the box (aria-activedescendant); -1 only makes the option focusable by script.
            tabIndex={-1}
            aria-selected={i === active}
            // Picking by mouse must not blur the box first (which would close the list).
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(option)}
            onKeyDown={() => {}}
            className={`cursor-pointer truncate px-3 py-1.5 text-sm ${i === active ? 'bg-indigo-100 text-indigo-900' : 'text-slate-800 hover:bg-slate-50'}`}
          >
            {option.name ? <span className="font-medium">{option.name} </span> : null}
            <span className={option.name ? 'text-slate-600' : ''}>{option.address}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
