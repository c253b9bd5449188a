// A message's times as people give them: an instant with its offset, or a wall-clock time in the
// organisation's zone. A wall-clock time that does not exist there (the hour skipped when clocks go
// forward) is refused rather than moved; one that happens twice (clocks go back) is the first.
import { badRequest } from '../api/errors';
import { instantToZonedLocal, zonedLocalToInstant } from '../i18n/zoned-time';

/** The instant, or a 400 on `path` naming the zone. */
export function readWhen(value: string, timeZone: string, path: string): Date {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const at = new Date(value);
    if (Number.isNaN(at.getTime()))
      throw badRequest(`${path} is not a date-time.`, [{ path, message: 'is not a date-time' }]);
    return at;
  }
  const at = zonedLocalToInstant(value, timeZone);
  if (!at || Number.isNaN(at.getTime())) {
    throw badRequest(`${path} is not a date-time.`, [{ path, message: 'is not a date-time' }]);
  }
  // A time in the gap comes back as another wall-clock time: it never happens in this zone.
  if (instantToZonedLocal(at, timeZone) !== value.slice(0, 16)) {
    const message = `does not exist in ${timeZone} (the clocks skip it when daylight saving time starts); choose another time`;
    throw badRequest(`${path} ${message}.`, [{ path, message }]).localized('scheduledInDstGap', { timeZone });
  }
  // A time that happens twice (clocks go back): the first of the two.
  const hourEarlier = new Date(at.getTime() - 3_600_000);
  return instantToZonedLocal(hourEarlier, timeZone) === value.slice(0, 16) ? hourEarlier : at;
}
