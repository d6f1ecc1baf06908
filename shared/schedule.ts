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
      return monthlyRunsOn(schedule.monthDays, date);
  }
}

/** The last day of `date`'s month: 28, 29, 30 or 31. */
export function lastDayOfMonth(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * "Dia 31" means the month's last day in a month without one, as people mean it: a routine on the
 * 31st runs on 30/04 and on 28/02 (29/02 in leap years), never skips those months.
 */
function monthlyRunsOn(monthDays: readonly number[], date: string): boolean {
  const day = Number(date.slice(8, 10));
  if (monthDays.includes(day)) return true;
  const last = lastDayOfMonth(date);
  return day === last && monthDays.some((d) => d > last);
}

/**
 * The days of the month the node-schedule job must wake on: the chosen ones, plus 28–30 when a
 * chosen day is missing from some months (a RecurrenceRule cannot say "last day"). The job then
 * checks isScheduledOn, so on 30/03 a routine on the 31st does nothing.
 */
export function monthlyWakeDays(monthDays: readonly number[]): number[] {
  const latest = Math.max(...monthDays);
  const extra = [28, 29, 30].filter((d) => d < latest);
  return [...new Set([...monthDays, ...extra])].sort((a, b) => a - b);
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

/** How far back a previous slot is looked for (a monthly routine on day 31 may skip two months). */
const PREVIOUS_SLOT_LOOKBACK = 400;

/** The last date before `date` on which the routine runs (its schedule, and holidays unless it runs on them). */
export function previousRunDay(date: string, runsOn: (date: string) => boolean): string | null {
  for (let back = 1; back <= PREVIOUS_SLOT_LOOKBACK; back++) {
    const day = addDays(date, -back);
    if (runsOn(day)) return day;
  }
  return null;
}

export interface RunWindow {
  window: NoticeWindow;
  /** Reference dates missed while nothing ran, beyond what the catch-up limit recovers: never sent, recorded as such. */
  uncovered: NoticeWindow | null;
}

/**
 * Reference dates a run on `date` covers. A routine covers every day since its previous slot that
 * runs (a Monday/Thursday routine covers Friday to Monday on Monday; a daily one only the day).
 * Days missed while nothing ran (the computer was off) are recovered on top of that, at most
 * `catchUpDays - 1` more days, and none with catch-up off; the older ones come back as `uncovered`.
 * `runsOn` says whether the routine runs on a date (schedule and holidays).
 */
export function runWindow(
  routine: Pick<Routine, 'catchUp' | 'catchUpDays'>,
  date: string,
  previousRunDate: string | null,
  runsOn: (date: string) => boolean,
): RunWindow {
  const previousSlot = previousRunDay(date, runsOn);
  const natural = previousSlot ? dayNumber(previousSlot) + 1 : dayNumber(date);
  const end = dayNumber(date);
  const earliest = routine.catchUp ? natural - (routine.catchUpDays - 1) : natural;
  const wanted = previousRunDate ? Math.min(dayNumber(previousRunDate) + 1, end) : natural;
  const from = Math.min(Math.max(wanted, earliest), end);
  return {
    window: { from: fromDayNumber(from), to: date },
    uncovered: wanted < from ? { from: fromDayNumber(wanted), to: fromDayNumber(from - 1) } : null,
  };
}
