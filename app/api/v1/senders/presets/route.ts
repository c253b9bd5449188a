import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { smtpPresets } from '@/lib/mail/smtp-presets';

export const GET = orgRoute(async () => ({ presets: smtpPresets }));

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
