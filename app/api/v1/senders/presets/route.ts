import { orgRoute } from '@/lib/api/route';
import { smtpPresets } from '@/lib/mail/smtp-presets';

export const GET = orgRoute(async () => ({ presets: smtpPresets }));
