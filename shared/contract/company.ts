import { z } from 'zod';
import { companySchema, holidaySchema, isoDate, type Company } from '../domain';
import type { HolidayInfo } from '../records';
import { method, noInput } from './method';

export const companyContract = {
  'company.get': method<Company | null>()(noInput),
  'company.save': method<Company>()(companySchema),
  /** The year's holidays as a routine sees them: national, bank, state, city and custom. */
  'holidays.list': method<HolidayInfo[]>()(z.strictObject({ year: z.number().int().min(2000).max(2100) })),
  'holidays.add': method<HolidayInfo[]>()(holidaySchema),
  'holidays.remove': method<void>()(z.strictObject({ date: isoDate })),
};
