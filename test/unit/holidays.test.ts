import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHolidays, type HolidayScope } from '../../main/services/holidays';

// The service loads date-holidays lazily through require (its CommonJS build): spy on that class.
const Holidays = createRequire(import.meta.url)('date-holidays') as typeof HolidaysClass;

const BR: HolidayScope = { custom: [] };
const SP: HolidayScope = { state: 'SP', custom: [] };
const RJ: HolidayScope = { state: 'RJ', custom: [] };
const SP_CITY: HolidayScope = { state: 'SP', city: 'São Paulo', custom: [] };

describe('holidays', () => {
  const holidays = createHolidays();
  const on = (date: string, scope: HolidayScope) => holidays.holidayOn(date, scope);

  afterEach(() => vi.restoreAllMocks());

  it('2026-04-21 is Tiradentes, national', () => {
    expect(on('2026-04-21', BR)).toEqual({
      date: '2026-04-21',
      name: 'Tiradentes',
      source: 'national',
    });
  });

  it('names holidays as Brazilian calendars do (Corpus Christi, Dia do Trabalhador), not as date-holidays spells them', () => {
    expect(on('2026-06-04', BR)?.name).toBe('Corpus Christi');
    expect(on('2026-05-01', BR)?.name).toBe('Dia do Trabalhador');
    expect(on('2026-04-03', BR)?.name).toBe('Sexta-feira Santa');
    expect(on('2026-11-02', BR)?.name).toBe('Finados');
    const names = holidays.holidaysOfYear(2026, SP_CITY).map((h) => h.name);
    expect(names).not.toContain('Corpo de Deus');
    for (const name of names) expect(name.charAt(0)).toBe(name.charAt(0).toUpperCase());
  });

  it('counts Carnaval Monday and Corpus Christi (typed bank) but not optional Carnaval Wednesday', () => {
    expect(on('2026-02-16', BR)).toMatchObject({ name: 'Carnaval', source: 'national' });
    expect(on('2026-06-04', BR)).toMatchObject({ source: 'national' });
    expect(on('2026-02-18', BR)).toBeNull();
  });

  it('2026-11-20 Consciência Negra holds for BR, BR/SP and BR/RJ despite the stale state entries', () => {
    for (const scope of [BR, SP, RJ, SP_CITY]) {
      expect(on('2026-11-20', scope)).toMatchObject({ name: 'Dia da Consciência Negra', source: 'national' });
    }
  });

  it('2023-11-20 is not national in the data (Consciência Negra national only from 2024), but is in SP state', () => {
    expect(on('2023-11-20', BR)).toBeNull();
    expect(on('2023-11-20', SP)).toMatchObject({ source: 'state' });
  });

  it('SP state holiday 2026-07-09 only with state SP', () => {
    expect(on('2026-07-09', SP)).toEqual({
      date: '2026-07-09',
      name: 'Revolução Constitucionalista',
      source: 'state',
    });
    expect(on('2026-07-09', { state: 'sp', custom: [] })).toMatchObject({ source: 'state' });
    expect(on('2026-07-09', BR)).toBeNull();
    expect(on('2026-07-09', RJ)).toBeNull();
  });

  it('São Paulo city anniversary 2026-01-25 only with the city, matched case/accent-insensitively', () => {
    expect(on('2026-01-25', SP_CITY)).toMatchObject({ date: '2026-01-25', source: 'city' });
    expect(on('2026-01-25', { state: 'SP', city: '  sao   PAULO ', custom: [] })).toMatchObject({
      source: 'city',
    });
    expect(on('2026-01-25', SP)).toBeNull();
    expect(on('2026-01-25', { city: 'São Paulo', custom: [] })).toBeNull();
    expect(on('2026-01-25', { state: 'RJ', city: 'São Paulo', custom: [] })).toBeNull();
  });

  it('an unknown city or state means no extra holidays, not an error', () => {
    expect(on('2026-07-09', { state: 'SP', city: 'Cidade Inexistente', custom: [] })).toMatchObject({
      source: 'state',
    });
    expect(on('2026-01-25', { state: 'SP', city: 'Cidade Inexistente', custom: [] })).toBeNull();
    expect(on('2026-04-21', { state: 'XX', custom: [] })).toMatchObject({ source: 'national' });
    expect(holidays.holidaysOfYear(2026, { state: 'XX', city: 'Nada', custom: [] })).toEqual(
      holidays.holidaysOfYear(2026, BR),
    );
  });

  it('custom holidays: one-off dates and yearly ones in other years (Feb 29 only in leap years)', () => {
    const scope: HolidayScope = {
      state: 'SP',
      custom: [
        { date: '2026-03-11', name: 'Inventário', yearly: false },
        { date: '2020-08-15', name: 'Aniversário do provedor', yearly: true },
        { date: '2024-02-29', name: 'Bissexto', yearly: true },
      ],
    };
    expect(on('2026-03-11', scope)).toEqual({ date: '2026-03-11', name: 'Inventário', source: 'custom' });
    expect(on('2027-03-11', scope)).toBeNull();
    expect(on('2031-08-15', scope)).toEqual({
      date: '2031-08-15',
      name: 'Aniversário do provedor',
      source: 'custom',
    });
    expect(on('2032-02-29', scope)).toMatchObject({ name: 'Bissexto' });
    expect(holidays.holidaysOfYear(2032, scope).map((h) => h.date)).toContain('2032-02-29');
    expect(holidays.holidaysOfYear(2027, scope).map((h) => h.date)).not.toContain('2027-03-01');
    expect(holidays.holidaysOfYear(2027, scope).some((h) => h.name === 'Bissexto')).toBe(false);
  });

  it('an ordinary weekday (2026-03-10) is not a holiday', () => {
    expect(on('2026-03-10', SP_CITY)).toBeNull();
  });

  it('holidaysOfYear is sorted, one entry per date, preferring national over custom names', () => {
    const scope: HolidayScope = {
      ...SP_CITY,
      custom: [
        { date: '2026-12-25', name: 'Natal da empresa', yearly: false },
        { date: '2026-03-11', name: 'Inventário', yearly: false },
      ],
    };
    const list = holidays.holidaysOfYear(2026, scope);
    const dates = list.map((h) => h.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    expect(dates.every((d) => d.startsWith('2026-'))).toBe(true);
    expect(list.find((h) => h.date === '2026-12-25')).toMatchObject({ name: 'Natal', source: 'national' });
    expect(list.find((h) => h.date === '2026-03-11')).toMatchObject({ source: 'custom' });
    expect(new Set(list.map((h) => h.source))).toEqual(new Set(['national', 'state', 'city', 'custom']));
    for (const d of ['2026-01-25', '2026-02-16', '2026-07-09', '2026-11-20']) expect(dates).toContain(d);
  });

  it('caches per (year, state, city): daily queries do not recompute the year', () => {
    const fresh = createHolidays();
    const spy = vi.spyOn(Holidays.prototype, 'getHolidays');
    for (let day = 1; day <= 28; day++) fresh.holidayOn(`2026-02-${String(day).padStart(2, '0')}`, SP_CITY);
    const calls = spy.mock.calls.length;
    expect(calls).toBeGreaterThan(0);
    fresh.holidaysOfYear(2026, SP_CITY);
    fresh.holidayOn('2026-12-25', SP_CITY);
    expect(spy.mock.calls.length).toBe(calls);
  });

  it('does not shift dates with the process time zone', () => {
    const original = process.env.TZ;
    try {
      for (const tz of ['Asia/Tokyo', 'America/Sao_Paulo', 'Pacific/Honolulu']) {
        process.env.TZ = tz;
        const fresh = createHolidays();
        expect(fresh.holidayOn('2026-04-21', SP_CITY), tz).toMatchObject({ source: 'national' });
        expect(fresh.holidayOn('2026-04-20', SP_CITY), tz).toBeNull();
        expect(fresh.holidaysOfYear(2026, SP_CITY)[0], tz).toMatchObject({ date: '2026-01-01' });
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it('rejects a malformed date instead of guessing', () => {
    expect(on('2026-02-30', BR)).toBeNull();
    expect(on('21/04/2026', BR)).toBeNull();
  });
});
