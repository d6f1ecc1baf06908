// Whether a routine runs on a date: its schedule, then holidays unless it runs on them.
import type { Routine, Settings } from '../../shared/domain';
import { isScheduledOn, notScheduledReason } from '../../shared/schedule';
import type { createHolidays } from './holidays';

export type HolidayCalendar = ReturnType<typeof createHolidays>;

/** Null when the routine runs on `date`; otherwise why not, in Portuguese. */
export function calendarSkipReason(
  routine: Routine,
  date: string,
  settings: Settings,
  holidays: HolidayCalendar,
): string | null {
  if (!isScheduledOn(routine.schedule, date)) return notScheduledReason(routine.schedule, date);
  if (routine.runOnHolidays) return null;
  const holiday = holidays.holidayOn(date, {
    state: settings.company?.state,
    city: settings.company?.city,
    custom: settings.holidays,
  });
  return holiday ? `feriado: ${holiday.name}` : null;
}
