// When a routine runs and which reference dates a run covers. Pure functions over calendar strings;
// instants are computed in the company's time zone with @date-fns/tz.
import { TZDate } from '@date-fns/tz';
import { addDays, dayNumber, fromDayNumber, isoWeekday } from './calendar';
import type { Routine, Schedule } from './domain';
import type { NoticeWindow } from './notices';

const WEEKDAY_NAMES = [
  '',
  'segunda-feira',
  'terça-feira',
  'quarta-feira',
  'quinta-feira',
  'sexta-feira',
  'sábado',
  'domingo',
];

export function isScheduledOn(schedule: Schedule, date: string): boolean {
  switch (schedule.frequency) {
    case 'daily':
      return true;
    case 'weekly':
      return schedule.weekdays.includes(isoWeekday(date));
    case 'monthly':
      return schedule.monthDays.includes(Number(date.slice(8, 10)));
  }
}

export function notScheduledReason(schedule: Schedule, date: string): string {
  return schedule.frequency === 'weekly'
    ? `não agendada para ${WEEKDAY_NAMES[isoWeekday(date)]}`
    : `não agendada para o dia ${Number(date.slice(8, 10))}`;
}

/** The instant a routine's slot on `date` happens, in time zone `tz`. */
export function slotInstant(date: string, time: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm, ss] = time.split(':').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, ss, tz).getTime());
}

/** The calendar date of an instant in time zone `tz`. */
export function dateInZone(instant: Date, tz: string): string {
  const z = new TZDate(instant.getTime(), tz);
  return `${z.getFullYear()}-${String(z.getMonth() + 1).padStart(2, '0')}-${String(z.getDate()).padStart(2, '0')}`;
}

/** The latest scheduled slot at or before `now`, looking back at most `lookbackDays`. */
export function latestSlot(
  schedule: Schedule,
  now: Date,
  tz: string,
  lookbackDays: number,
): { date: string; at: Date } | null {
  const today = dateInZone(now, tz);
  for (let back = 0; back <= lookbackDays; back++) {
    const date = addDays(today, -back);
    if (!isScheduledOn(schedule, date)) continue;
    const at = slotInstant(date, schedule.time, tz);
    if (at.getTime() <= now.getTime()) return { date, at };
  }
  return null;
}

/** The next scheduled slot strictly after `now` (within a year). */
export function nextSlot(schedule: Schedule, now: Date, tz: string): { date: string; at: Date } | null {
  const today = dateInZone(now, tz);
  for (let ahead = 0; ahead <= 366; ahead++) {
    const date = addDays(today, ahead);
    if (!isScheduledOn(schedule, date)) continue;
    const at = slotInstant(date, schedule.time, tz);
    if (at.getTime() > now.getTime()) return { date, at };
  }
  return null;
}

/**
 * Reference dates a run on `date` covers: from the day after the routine's previous executed run up
 * to `date`, at most `catchUpDays` days; only `date` on a first run or with catch-up off.
 */
export function runWindow(
  routine: Pick<Routine, 'catchUp' | 'catchUpDays'>,
  date: string,
  previousRunDate: string | null,
): { window: NoticeWindow; truncatedFrom: string | null } {
  if (!routine.catchUp || !previousRunDate || previousRunDate >= date)
    return { window: { from: date, to: date }, truncatedFrom: null };
  const wanted = dayNumber(previousRunDate) + 1;
  const earliest = dayNumber(date) - routine.catchUpDays + 1;
  return {
    window: { from: fromDayNumber(Math.max(wanted, earliest)), to: date },
    truncatedFrom: wanted < earliest ? fromDayNumber(wanted) : null,
  };
}
