// The user's own interface language, in the user menu: one button per language plus "the
// browser's", the current choice pressed. A plain form, so it works before the page's script runs.
import { useTranslations } from 'next-intl';
import { type Locale, localeNames, locales } from '@/lib/i18n/locales';
import { setLanguageAction } from './actions';

export function LanguageSwitch({ current }: { current: Locale | null }) {
  const t = useTranslations('layout');
  const choices: { value: Locale | ''; label: string }[] = [
    ...locales.map((l) => ({ value: l, label: localeNames[l] })),
    { value: '', label: t('languageAuto') },
  ];
  return (
    <form action={setLanguageAction} className="mt-2" data-testid="language-switch">
      <p className="font-medium text-slate-600">{t('language')}</p>
      <div className="mt-1 flex flex-wrap gap-1">
        {choices.map((c) => {
          const pressed = (current ?? '') === c.value;
          return (
            <button
              key={c.value || 'auto'}
              type="submit"
              name="locale"
              value={c.value}
              aria-pressed={pressed}
              lang={c.value || undefined}
              className={`rounded border px-1.5 py-0.5 ${pressed ? 'border-indigo-500 bg-indigo-50 text-indigo-800' : 'border-slate-300 hover:bg-slate-50'}`}
            >
              {c.label}
            </button>
          );
        })}
      </div>
    </form>
  );
}
