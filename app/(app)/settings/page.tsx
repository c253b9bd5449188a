import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { formatDate } from '@/lib/i18n/format-date';
import { listTimeZones } from '@/lib/i18n/time-zones';
import { OrganizationSettingsForm } from './organization-settings-form';

export const generateMetadata = pageTitle('settings');

export default async function OrganizationSettingsPage() {
  const { org, ctx } = await requireSessionOrg();
  const [t, format] = await Promise.all([getTranslations('settings'), getFormatter()]);
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description', { org: org.name })} />
      <Card>
        <OrganizationSettingsForm
          name={org.name}
          defaultLocale={org.defaultLocale}
          timeZone={org.timeZone}
          country={org.country ?? ''}
          timeZones={listTimeZones()}
          now={formatDate(format, new Date())}
          canEdit={ctx.role !== 'member'}
        />
      </Card>
    </div>
  );
}
