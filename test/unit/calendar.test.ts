import type { RuleKind } from '../../shared/rule-kinds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  dayNumber,
  daysBetween,
  eachDay,
  formatDateBR,
  formatMoneyBR,
  fromDayNumber,
  isCalendarDate,
  isoWeekday,
  noticeKey,
  referenceDate,
} from '../../shared/calendar';

// Every expectation below runs under the process's own TZ and again with the process switched to
// Tokyo (UTC+9) and São Paulo (UTC-3): none of the results may move. (Node re-reads process.env.TZ
// when it is assigned.) The file can also be run with TZ=... on the command line.
const ORIGINAL_TZ = process.env.TZ;
const OFFSETS: Record<string, number> = { 'Asia/Tokyo': -540, 'America/Sao_Paulo': 180 };

describe.each([ORIGINAL_TZ ?? '(process default)', 'Asia/Tokyo', 'America/Sao_Paulo'])(
  'calendar with TZ=%s',
  (tz) => {
    beforeAll(() => {
      if (tz in OFFSETS) process.env.TZ = tz;
    });
    afterAll(() => {
      if (ORIGINAL_TZ === undefined) delete process.env.TZ;
      else process.env.TZ = ORIGINAL_TZ;
    });

    it('really runs in the intended zone', () => {
      const expected = OFFSETS[tz];
      if (expected !== undefined) expect(new Date('2026-07-01T12:00:00Z').getTimezoneOffset()).toBe(expected);
    });

    describe('dayNumber / fromDayNumber', () => {
      it('1970-01-01 is day 0 and day 0 is 1970-01-01', () => {
        expect(dayNumber('1970-01-01')).toBe(0);
        expect(fromDayNumber(0)).toBe('1970-01-01');
      });

      it('counts days on both sides of the epoch', () => {
        expect(dayNumber('1970-01-02')).toBe(1);
        expect(dayNumber('1969-12-31')).toBe(-1);
        expect(fromDayNumber(-1)).toBe('1969-12-31');
        expect(dayNumber('2000-01-01')).toBe(10957);
        expect(dayNumber('2026-03-10')).toBe(20522);
      });

      it('round-trips every day of 2023-2025 and a few far dates', () => {
        let previous = dayNumber('2022-12-31');
        for (const date of eachDay('2023-01-01', '2025-12-31')) {
          const n = dayNumber(date);
          expect(n).toBe(previous + 1);
          expect(fromDayNumber(n)).toBe(date);
          previous = n;
        }
        for (const date of ['1900-03-01', '1999-12-31', '2099-12-31', '2400-02-29']) {
          expect(fromDayNumber(dayNumber(date))).toBe(date);
        }
      });

      it('dayNumber of a date is independent of any time zone (midnight UTC of that date)', () => {
        expect(dayNumber('2026-03-10') * 86_400_000).toBe(Date.parse('2026-03-10T00:00:00Z'));
      });
    });

    describe('leap years', () => {
      it('2024-02-29 exists and is followed by 2024-03-01', () => {
        expect(isCalendarDate('2024-02-29')).toBe(true);
        expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
        expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
        expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
      });

      it('2100 is not a leap year, 2000 is', () => {
        expect(isCalendarDate('2100-02-29')).toBe(false);
        expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
        expect(daysBetween('2100-02-01', '2100-03-01')).toBe(28);
        expect(isCalendarDate('2000-02-29')).toBe(true);
      });
    });

    describe('addDays / daysBetween / eachDay', () => {
      it('crosses month and year ends in both directions', () => {
        expect(addDays('2021-01-31', 1)).toBe('2021-02-01');
        expect(addDays('2021-02-28', 1)).toBe('2021-03-01');
        expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
        expect(addDays('2022-01-01', -1)).toBe('2021-12-31');
        expect(addDays('2021-03-01', -1)).toBe('2021-02-28');
        expect(addDays('2021-02-20', 13)).toBe('2021-03-05');
        expect(addDays('2021-06-15', 365)).toBe('2022-06-15');
        expect(addDays('2021-06-15', 0)).toBe('2021-06-15');
      });

      it('daysBetween is signed', () => {
        expect(daysBetween('2021-02-20', '2021-03-05')).toBe(13);
        expect(daysBetween('2021-03-05', '2021-02-20')).toBe(-13);
        expect(daysBetween('2021-12-25', '2022-01-05')).toBe(11);
      });

      it('eachDay yields an inclusive range, and nothing when from > to', () => {
        expect([...eachDay('2021-12-30', '2022-01-02')]).toEqual([
          '2021-12-30',
          '2021-12-31',
          '2022-01-01',
          '2022-01-02',
        ]);
        expect([...eachDay('2022-01-02', '2022-01-02')]).toEqual(['2022-01-02']);
        expect([...eachDay('2022-01-03', '2022-01-02')]).toEqual([]);
      });
    });

    describe('isCalendarDate', () => {
      it.each([
        '2021-02-30',
        '2021-13-01',
        '21/02/2021',
        '2021-00-10',
        '2021-04-31',
        '2021-1-01',
        '',
        '2021-02-20T00:00:00Z',
      ])('rejects %j', (value) => expect(isCalendarDate(value)).toBe(false));

      it.each(['2021-02-20', '2021-12-31', '2024-02-29', '1970-01-01'])('accepts %s', (value) =>
        expect(isCalendarDate(value)).toBe(true),
      );
    });

    describe('isoWeekday', () => {
      it('2026-11-29 is a Sunday → 7', () => expect(isoWeekday('2026-11-29')).toBe(7));

      it('numbers a whole week 1 = Monday … 7 = Sunday', () => {
        expect([...eachDay('2026-11-23', '2026-11-29')].map(isoWeekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      });

      it('1970-01-01 was a Thursday, 2024-02-29 a Thursday', () => {
        expect(isoWeekday('1970-01-01')).toBe(4);
        expect(isoWeekday('2024-02-29')).toBe(4);
      });
    });

    describe('referenceDate', () => {
      it('after_due 13 with due 2021-02-20 → 2021-03-05 (the article example)', () => {
        expect(
          referenceDate({ kind: 'after_due', days: 13 }, { issueDate: '2021-02-01', dueDate: '2021-02-20' }),
        ).toBe('2021-03-05');
      });

      it('before_due 1 with due 2024-03-01 → 2024-02-29', () => {
        expect(
          referenceDate({ kind: 'before_due', days: 1 }, { issueDate: '2024-02-01', dueDate: '2024-03-01' }),
        ).toBe('2024-02-29');
      });

      it('after_issue 30 from 2024-01-31 → 2024-03-01, ignoring the due date', () => {
        expect(
          referenceDate(
            { kind: 'after_issue', days: 30 },
            { issueDate: '2024-01-31', dueDate: '2024-02-10' },
          ),
        ).toBe('2024-03-01');
      });

      it('on_due is the due date itself', () => {
        expect(
          referenceDate({ kind: 'on_due', days: 0 }, { issueDate: '2021-02-01', dueDate: '2021-02-20' }),
        ).toBe('2021-02-20');
      });

      it('before_due counts back across a year end', () => {
        expect(
          referenceDate({ kind: 'before_due', days: 5 }, { issueDate: '2021-12-01', dueDate: '2022-01-03' }),
        ).toBe('2021-12-29');
      });
    });

    describe('noticeKey', () => {
      const key = (invoiceId: string, kind: RuleKind, days: number, dueDate: string, more: object = {}) =>
        noticeKey({ invoiceId, kind, days, dueDate, ...more });

      it('joins invoice, kind, days and due date: the live e-mail keys the ledger always held', () => {
        expect(key('f1', 'after_due', 13, '2021-02-20')).toBe('f1|after_due|13|2021-02-20');
        expect(key('f1', 'after_due', 13, '2021-02-20', { channel: 'email', mode: 'live' })).toBe(
          'f1|after_due|13|2021-02-20',
        );
      });

      it('a test-mode notice has a key of its own, which never stands for the live one', () => {
        expect(key('f1', 'after_due', 13, '2021-02-20', { mode: 'test' })).toBe(
          'f1|after_due|13|2021-02-20|test',
        );
      });

      it('a renegotiated due date gives a different key; same inputs give the same key', () => {
        expect(key('f1', 'after_due', 13, '2021-02-20')).not.toBe(key('f1', 'after_due', 13, '2021-02-27'));
        expect(key('f1', 'on_due', 0, '2021-02-20')).toBe(key('f1', 'on_due', 0, '2021-02-20'));
        expect(key('f1', 'before_due', 1, '2021-02-20')).not.toBe(key('f1', 'after_due', 1, '2021-02-20'));
      });
    });

    describe('formatDateBR', () => {
      it('prints dd/mm/aaaa', () => {
        expect(formatDateBR('2021-02-20')).toBe('20/02/2021');
        expect(formatDateBR('2026-11-01')).toBe('01/11/2026');
      });
    });

    describe('formatMoneyBR', () => {
      it.each([
        [0, 'R$ 0,00'],
        [5, 'R$ 0,05'],
        [99, 'R$ 0,99'],
        [100, 'R$ 1,00'],
        [9990, 'R$ 99,90'],
        [100000, 'R$ 1.000,00'],
        [123456, 'R$ 1.234,56'],
        [100000000, 'R$ 1.000.000,00'],
        [123456789012, 'R$ 1.234.567.890,12'],
        [-5, '-R$ 0,05'],
        [-123456, '-R$ 1.234,56'],
      ])('%i cents → %s', (cents, text) => expect(formatMoneyBR(cents)).toBe(text));
    });
  },
);

describe('fromDayNumber', () => {
  it('agrees with Date for every day from 1900 to 2200', () => {
    const start = Date.UTC(1900, 0, 1) / 86_400_000;
    const end = Date.UTC(2200, 11, 31) / 86_400_000;
    for (let day = start; day <= end; day++)
      if (fromDayNumber(day) !== new Date(day * 86_400_000).toISOString().slice(0, 10))
        expect.fail(`day ${day}: ${fromDayNumber(day)}`);
    expect(fromDayNumber(0)).toBe('1970-01-01');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });
});
