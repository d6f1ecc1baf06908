import { z } from 'zod';
import { companySchema, holidaySchema, isoDate, type Company, type Holiday } from '../domain';
import type { HolidayInfo } from '../records';
import { method, noInput } from './method';

/** A holiday of the year; a company's own one carries its stored definition (to show "todo ano" and remove it). */
export type HolidayRow = HolidayInfo & { custom: Holiday | null };

export const companyContract = {
  'company.get': method<Company | null>()(noInput),
  'company.save': method<Company>()(companySchema),
  /** The year's holidays as a routine sees them: national, bank, state, city and custom. */
  'holidays.list': method<HolidayRow[]>()(z.strictObject({ year: z.number().int().min(2000).max(2100) })),
  /** Refused with fieldErrors.date when that day already is a holiday (own or built-in); returns the year's list. */
  'holidays.add': method<HolidayRow[]>()(holidaySchema),
  /** Removes the company's own holiday stored under this date. */
  'holidays.remove': method<void>()(z.strictObject({ date: isoDate })),
};
