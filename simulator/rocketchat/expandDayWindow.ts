import { dayIndexOf, type Zone } from '../world/createZone';

/**
 * The day-expanded window of newest Rocket.Chat builds: moment.tz(raw, 'YYYY-MM-DD', tz) reads only the
 * leading calendar date written in the raw string, then takes startOf('day') .. endOf('day') in the reporting
 * timezone. Strings without a leading date fall back to the local date of Date.parse(raw).
 */
export function expandDayWindow(rawStart: string, rawEnd: string, zone: Zone): { from: number; to: number } {
  const startDay = leadingDayIndex(rawStart, zone);
  const endDay = leadingDayIndex(rawEnd, zone);
  return { from: zone.startOfLocalDay(startDay), to: zone.startOfLocalDay(endDay + 1) - 1 };
}

function leadingDayIndex(raw: string, zone: Zone): number {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})/.exec(raw);
  if (m) return dayIndexOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return zone.localDayIndex(Date.parse(raw));
}
