// What a page says when a use-case refuses (an AppError), in the viewer's language: the error's
// own catalogue message when it has one (AppError.localized), else a sentence for its code; field
// errors keep their path and get their problem translated. Anything else is a bug and rethrown.
import { getTranslations } from 'next-intl/server';
import { AppError, type ErrorCode, type FieldError } from '@/lib/api/errors';
import type { Messages } from '@/lib/i18n/catalogues';
import { fieldProblemKey } from '@/lib/i18n/field-problem-key';

export type UserError = { error: string; details?: FieldError[] };

const byCode: Record<ErrorCode, keyof Messages['errors']> = {
  validation_error: 'validation',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  not_found: 'notFound',
  conflict: 'conflict',
  unprocessable: 'unprocessable',
  payload_too_large: 'payloadTooLarge',
  rate_limited: 'rateLimited',
  method_not_allowed: 'internal',
  unsupported_media_type: 'internal',
  request_header_too_large: 'internal',
  internal_error: 'internal',
};

/**
 * The value the user typed at a field path ("to.1.address" → input.to[1] when that is the text
 * typed), so a problem can say which value is wrong. Paths the input does not reach give nothing.
 */
function typedValue(input: unknown, path: string): string | undefined {
  let at: unknown = input;
  for (const segment of path.split('.')) {
    if (at === null || typeof at !== 'object') break;
    at = (at as Record<string, unknown>)[segment];
  }
  if (typeof at === 'number') return String(at);
  if (typeof at !== 'string') return undefined;
  const value = at.trim();
  return value && value.length <= 200 && !value.includes('\n') ? value : undefined;
}

/**
 * `input` is what the form handed the use-case: a field's problem then names the value typed
 * ("“bob@” is not a valid email address") instead of only its rule.
 */
export async function userError(error: unknown, input?: unknown): Promise<UserError> {
  if (!(error instanceof AppError)) throw error;
  const [t, tField, tProblem] = await Promise.all([
    getTranslations('errors'),
    getTranslations('fields'),
    getTranslations('fieldErrors'),
  ]);
  const details = Array.isArray(error.details)
    ? error.details.map((d) => {
        const known = fieldProblemKey(d.message);
        const problem = known ? tProblem(known.key, known.values) : d.message;
        const value = input === undefined ? undefined : typedValue(input, d.path);
        const named = value && !problem.includes(value);
        return { path: d.path, message: named ? tProblem('withValue', { value, problem }) : problem };
      })
    : undefined;
  if (error.i18n) return { error: t(error.i18n.key, error.i18n.values), details };
  if (error.code === 'validation_error' && details?.length === 1) {
    const [only] = details;
    // "to.0.address" is the To field; "filters.period" the Period field.
    const segments = only!.path.split('.').filter((s) => !/^\d+$/.test(s)) as (keyof Messages['fields'])[];
    const named = [segments[0], segments[segments.length - 1]].find((s) => s && tField.has(s));
    // A path with no field name in the catalogue is a developer's word: say only that fields need correcting.
    if (!named) return { error: t('validation'), details };
    return { error: t('validationOne', { field: tField(named), problem: only!.message }), details };
  }
  return { error: t(byCode[error.code]), details };
}
