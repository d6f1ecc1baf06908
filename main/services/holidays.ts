// Holidays a routine with runOnHolidays=false must skip: national, state and city ones from
// date-holidays, plus the company's own. Everything is a `YYYY-MM-DD` string end to end.
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import type { HolidaysTypes } from 'date-holidays';
import type { Holiday } from '../../shared/domain';
import { isCalendarDate } from '../../shared/calendar';
import type { HolidayInfo } from '../../shared/records';
import { brazilianHolidayName } from './holiday-names';
export type { HolidayInfo };

export interface HolidayScope {
  state?: string | null;
  city?: string | null;
  custom: readonly Holiday[];
}

const COUNTRY = 'BR';
// Carnaval Mon/Tue and Corpus Christi are typed `bank`, and offices close on them.
const COUNTED_TYPES: ReadonlySet<HolidaysTypes.HolidayType> = new Set(['public', 'bank']);

const normalizeName = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

// date-holidays (~27 MB of data) is loaded on the first question, not when the program starts.
let library: typeof HolidaysClass | null = null;
const newHolidays = (...args: [country?: string, state?: string, region?: string]): HolidaysClass => {
  library ??= createRequire(import.meta.url)('date-holidays') as typeof HolidaysClass;
  return new library(...(args as [string, string, string]));
};

export function createHolidays() {
  let catalogCache: HolidaysClass | null = null;
  let statesCache: Set<string> | null = null;
  const catalog = () => (catalogCache ??= newHolidays());
  const knownStates = () => (statesCache ??= new Set(Object.keys(catalog().getStates(COUNTRY) ?? {})));
  const cityCodes = new Map<string, Map<string, string>>(); // state → normalized name → region code
  const instances = new Map<string, HolidaysClass>();
  const yearCache = new Map<string, Map<string, HolidayInfo>>(); // `${year}|${state}|${city}` → by date

  function resolveState(state: string | null | undefined): string | null {
    const code = state?.trim().toUpperCase();
    return code && knownStates().has(code) ? code : null;
  }

  function resolveCity(state: string | null, city: string | null | undefined): string | null {
    if (!state || !city?.trim()) return null;
    let byName = cityCodes.get(state);
    if (!byName) {
      const regions = catalog().getRegions(COUNTRY, state) ?? {};
      byName = new Map(Object.entries(regions).map(([code, name]) => [normalizeName(name), code]));
      cityCodes.set(state, byName);
    }
    return byName.get(normalizeName(city)) ?? null;
  }

  function instance(state?: string, city?: string): HolidaysClass {
    const key = `${state ?? ''}|${city ?? ''}`;
    let hd = instances.get(key);
    if (!hd) {
      if (state && city) hd = newHolidays(COUNTRY, state, city);
      else if (state) hd = newHolidays(COUNTRY, state);
      else hd = newHolidays(COUNTRY);
      instances.set(key, hd);
    }
    return hd;
  }

  function counted(hd: HolidaysClass, year: number): Map<string, string> {
    const byDate = new Map<string, string>();
    for (const h of hd.getHolidays(year)) {
      // The `date` string is already the local calendar day; `start` is a Date and would drift with TZ.
      const date = h.date.slice(0, 10);
      if (COUNTED_TYPES.has(h.type) && !byDate.has(date)) byDate.set(date, brazilianHolidayName(h.name));
    }
    return byDate;
  }

  function builtIn(year: number, state: string | null, city: string | null): Map<string, HolidayInfo> {
    const key = `${year}|${state ?? ''}|${city ?? ''}`;
    const cached = yearCache.get(key);
    if (cached) return cached;
    // Each level is fetched on its own and unioned by date rather than trusting the state's list
    // alone: date-holidays lets an expired state entry (e.g. SP/RJ Consciência Negra ending in
    // 2023) hide the national holiday that replaced it.
    const layers: [HolidayInfo['source'], Map<string, string>][] = [['national', counted(instance(), year)]];
    if (state) layers.push(['state', counted(instance(state), year)]);
    if (state && city) layers.push(['city', counted(instance(state, city), year)]);
    const result = new Map<string, HolidayInfo>();
    for (const [source, byDate] of layers) {
      for (const [date, name] of byDate)
        if (!result.has(date)) result.set(date, Object.freeze({ date, name, source }));
    }
    yearCache.set(key, result);
    return result;
  }

  function scoped(year: number, scope: HolidayScope): Map<string, HolidayInfo> {
    const state = resolveState(scope.state);
    return builtIn(year, state, resolveCity(state, scope.city));
  }

  function customOn(date: string, custom: readonly Holiday[]): HolidayInfo | null {
    const monthDay = date.slice(4);
    const hit = custom.find((h) => h.date === date || (h.yearly && h.date.slice(4) === monthDay));
    return hit ? { date, name: hit.name, source: 'custom' } : null;
  }

  return {
    holidayOn(date: string, scope: HolidayScope): HolidayInfo | null {
      if (!isCalendarDate(date)) return null;
      return scoped(Number(date.slice(0, 4)), scope).get(date) ?? customOn(date, scope.custom);
    },

    holidaysOfYear(year: number, scope: HolidayScope): HolidayInfo[] {
      const result = new Map(scoped(year, scope));
      for (const h of scope.custom) {
        const date = h.yearly ? `${year}${h.date.slice(4)}` : h.date;
        // A yearly Feb 29 only exists in leap years.
        if (!date.startsWith(`${year}-`) || !isCalendarDate(date) || result.has(date)) continue;
        result.set(date, { date, name: h.name, source: 'custom' });
      }
      return [...result.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    },
  };
}
