'use client';

import { useTranslations } from 'next-intl';
import { Alert, Button, Field, Input, Select } from '@/app/components/ui';
import { useKeptForm } from '@/app/components/use-kept-form';
import { localeNames, locales } from '@/lib/i18n/locales';
import { type SettingsState, saveOrganizationSettingsAction } from './actions';

export function OrganizationSettingsForm({
  name,
  defaultLocale,
  timeZone,
  country,
  timeZones,
  now,
  canEdit,
}: {
  name: string;
  defaultLocale: string;
  timeZone: string;
  country: string;
  timeZones: string[];
  now: string;
  canEdit: boolean;
}) {
  const t = useTranslations('settings');
  const { state, pending, errorOf, form } = useKeptForm<SettingsState>(saveOrganizationSettingsAction, {});
  const values = state.values ?? { name, defaultLocale, timeZone, country };
  return (
    <form {...form} className="space-y-4">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t('name')} error={errorOf('name')} hint={t('nameHint')}>
          <Input name="name" required maxLength={100} defaultValue={values.name} disabled={!canEdit} />
        </Field>
        <Field label={t('defaultLocale')} error={errorOf('defaultLocale')} hint={t('defaultLocaleHint')}>
          <Select name="defaultLocale" defaultValue={values.defaultLocale} disabled={!canEdit}>
            {locales.map((l) => (
              <option key={l} value={l} lang={l}>
                {localeNames[l]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('timeZone')} error={errorOf('timeZone')} hint={t('timeZoneHint', { now })}>
          <Input
            name="timeZone"
            list="time-zones"
            defaultValue={values.timeZone}
            disabled={!canEdit}
            data-testid="time-zone"
          />
        </Field>
        <datalist id="time-zones">
          {timeZones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <Field label={t('country')} error={errorOf('country')} hint={t('countryHint')}>
          <Input name="country" defaultValue={values.country} disabled={!canEdit} maxLength={2} />
        </Field>
      </div>
      {canEdit ? (
        <Button type="submit" disabled={pending}>
          {pending ? t('saving') : t('save')}
        </Button>
      ) : (
        <p className="text-sm text-slate-600">{t('onlyAdmins')}</p>
      )}
    </form>
  );
}
