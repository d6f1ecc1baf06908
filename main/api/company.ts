// Empresa and Feriados: the company's data (its state and city choose the regional holidays) and the
// company's own holidays, merged with date-holidays' national, state and city ones.
import { formatDateBR } from '../../shared/calendar';
import type { companyContract, HolidayRow } from '../../shared/contract/company';
import type { Holiday } from '../../shared/domain';
import type { ApiContext } from './context';
import { invalid, notFound } from './errors';
import type { DomainHandlers } from './types';

const SOURCE_LABEL = {
  national: 'nacional',
  state: 'estadual',
  city: 'municipal',
  custom: 'próprio',
} as const;

const sameDay = (a: Holiday, b: Holiday) =>
  a.date === b.date || ((a.yearly || b.yearly) && a.date.slice(4) === b.date.slice(4));

export function companyHandlers(ctx: ApiContext): DomainHandlers<typeof companyContract> {
  const { store } = ctx.engine;

  const scopeWith = (custom: readonly Holiday[]) => {
    const company = store.settings().company;
    return { state: company?.state, city: company?.city, custom };
  };

  const yearRows = (year: number): HolidayRow[] => {
    const custom = store.settings().holidays;
    return ctx.engine.holidays.holidaysOfYear(year, scopeWith(custom)).map((h) => ({
      ...h,
      custom:
        h.source === 'custom'
          ? (custom.find((c) => c.date === h.date) ??
            custom.find((c) => c.yearly && c.date.slice(4) === h.date.slice(4)) ??
            null)
          : null,
    }));
  };

  return {
    'company.get': async () => store.settings().company ?? null,

    'company.save': async (company) => {
      await ctx.engine.update((tx) => tx.setSettings({ ...tx.settings(), company }));
      return company;
    },

    'holidays.list': async ({ year }) => yearRows(year),

    'holidays.add': async (holiday) => {
      const year = Number(holiday.date.slice(0, 4));
      await ctx.engine.update((tx) => {
        const custom = tx.settings().holidays;
        const own = custom.find((c) => sameDay(c, holiday));
        if (own)
          throw invalid({
            date: `já existe o feriado próprio "${own.name}" em ${formatDateBR(own.date)}${own.yearly ? ' (todo ano)' : ''}`,
          });
        // A built-in holiday on that day would hide the new one from the list (and it changes nothing).
        const builtIn = ctx.engine.holidays
          .holidaysOfYear(year, scopeWith([]))
          .find((h) => h.date === holiday.date);
        if (builtIn)
          throw invalid({
            date: `${formatDateBR(holiday.date)} já é feriado ${SOURCE_LABEL[builtIn.source]}: ${builtIn.name}`,
          });
        tx.setSettings({ ...tx.settings(), holidays: [...custom, holiday] });
      });
      return yearRows(year);
    },

    'holidays.remove': async ({ date }) => {
      await ctx.engine.update((tx) => {
        const custom = tx.settings().holidays;
        if (!custom.some((c) => c.date === date)) throw notFound('Feriado próprio');
        tx.setSettings({ ...tx.settings(), holidays: custom.filter((c) => c.date !== date) });
      });
    },
  };
}
