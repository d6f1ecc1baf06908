import { isoWeekday } from '../../shared/calendar';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schedule } from '../../shared/domain';
import {
  dateInZone,
  isScheduledOn,
  latestSlot,
  monthlyWakeDays,
  nextSlot,
  notScheduledReason,
  runWindow,
  slotInstant,
} from '../../shared/schedule';

const SP = 'America/Sao_Paulo';
const daily: Schedule = { frequency: 'daily', time: '08:10:00' };
const mondayThursday: Schedule = { frequency: 'weekly', time: '08:10:00', weekdays: [1, 4] };
const monthly: Schedule = { frequency: 'monthly', time: '08:10:00', monthDays: [1, 15, 31] };
const iso = (slot: { date: string; at: Date } | null) =>
  slot && { date: slot.date, at: slot.at.toISOString() };

describe('isScheduledOn', () => {
  it('daily runs every day', () => {
    for (const d of ['2026-03-09', '2026-03-14', '2026-03-15', '2024-02-29'])
      expect(isScheduledOn(daily, d)).toBe(true);
  });

  it('weekly uses ISO weekdays, 1 = Monday … 7 = Sunday', () => {
    // 2026-03-09 is a Monday
    const week = [
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ];
    expect(week.map((d) => isScheduledOn(mondayThursday, d))).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
    const sunday: Schedule = { frequency: 'weekly', time: '08:10:00', weekdays: [7] };
    expect(week.map((d) => isScheduledOn(sunday, d))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('monthly matches the day of the month; 31 runs on the last day of months without one', () => {
    expect(isScheduledOn(monthly, '2026-03-01')).toBe(true);
    expect(isScheduledOn(monthly, '2026-03-15')).toBe(true);
    expect(isScheduledOn(monthly, '2026-03-31')).toBe(true);
    expect(isScheduledOn(monthly, '2026-03-16')).toBe(false);
    expect(isScheduledOn(monthly, '2026-03-30')).toBe(false);
    expect(isScheduledOn(monthly, '2026-04-30')).toBe(true);
    expect(isScheduledOn(monthly, '2026-04-29')).toBe(false);
    expect(isScheduledOn(monthly, '2026-02-28')).toBe(true);
    expect(isScheduledOn(monthly, '2028-02-28')).toBe(false); // leap year: 29/02 is the last day
    expect(isScheduledOn(monthly, '2028-02-29')).toBe(true);
    expect(isScheduledOn(monthly, '2026-04-01')).toBe(true);
  });

  it('explains why a day is not scheduled, in Portuguese', () => {
    expect(notScheduledReason(mondayThursday, '2026-03-10')).toBe('não agendada para terça-feira');
    expect(notScheduledReason(mondayThursday, '2026-03-15')).toBe('não agendada para domingo');
    expect(notScheduledReason(monthly, '2026-03-02')).toBe('não agendada para o dia 2');
  });
});

describe('runWindow', () => {
  const on = { catchUp: true, catchUpDays: 7 };
  const daily = () => true;
  /** Mondays and Thursdays (2026-03-09 is a Monday). */
  const monThu = (d: string) => [1, 4].includes(isoWeekday(d));

  it('a daily routine: the first run covers only D', () => {
    expect(runWindow(on, '2026-03-10', null, daily)).toEqual({
      window: { from: '2026-03-10', to: '2026-03-10' },
      uncovered: null,
    });
  });

  it('a daily routine with catch-up off covers only D after a gap, and names the days left out', () => {
    expect(runWindow({ catchUp: false, catchUpDays: 7 }, '2026-03-10', '2026-03-01', daily)).toEqual({
      window: { from: '2026-03-10', to: '2026-03-10' },
      uncovered: { from: '2026-03-02', to: '2026-03-09' },
    });
  });

  it('the day after the previous run covers only D', () => {
    expect(runWindow(on, '2026-03-10', '2026-03-09', daily).window).toEqual({
      from: '2026-03-10',
      to: '2026-03-10',
    });
  });

  it('previous run 3 days ago covers from previous + 1 to D', () => {
    expect(runWindow(on, '2026-03-10', '2026-03-07', daily)).toEqual({
      window: { from: '2026-03-08', to: '2026-03-10' },
      uncovered: null,
    });
  });

  it('crosses a month end', () => {
    expect(runWindow(on, '2026-03-02', '2026-02-26', daily).window).toEqual({
      from: '2026-02-27',
      to: '2026-03-02',
    });
  });

  it('a gap of exactly catchUpDays is not truncated', () => {
    expect(runWindow(on, '2026-03-10', '2026-03-03', daily)).toEqual({
      window: { from: '2026-03-04', to: '2026-03-10' },
      uncovered: null,
    });
  });

  it('a longer gap is capped at catchUpDays (D included), naming the days left out', () => {
    expect(runWindow(on, '2026-03-10', '2026-02-20', daily)).toEqual({
      window: { from: '2026-03-04', to: '2026-03-10' },
      uncovered: { from: '2026-02-21', to: '2026-03-03' },
    });
    expect(runWindow({ catchUp: true, catchUpDays: 1 }, '2026-03-10', '2026-03-07', daily)).toEqual({
      window: { from: '2026-03-10', to: '2026-03-10' },
      uncovered: { from: '2026-03-08', to: '2026-03-09' },
    });
  });

  it('a previous run on or after D covers only D', () => {
    for (const previous of ['2026-03-10', '2026-03-11']) {
      expect(runWindow(on, '2026-03-10', previous, daily)).toEqual({
        window: { from: '2026-03-10', to: '2026-03-10' },
        uncovered: null,
      });
    }
  });

  it('a Monday/Thursday routine covers every day since its previous slot, whatever its catch-up', () => {
    // Monday 09/03 after Thursday 05/03: Friday to Monday, though catch-up is only 3 days.
    expect(runWindow({ catchUp: true, catchUpDays: 3 }, '2026-03-09', '2026-03-05', monThu)).toEqual({
      window: { from: '2026-03-06', to: '2026-03-09' },
      uncovered: null,
    });
    expect(runWindow({ catchUp: false, catchUpDays: 3 }, '2026-03-09', '2026-03-05', monThu).window).toEqual({
      from: '2026-03-06',
      to: '2026-03-09',
    });
    // Its first run covers the days since its previous slot too.
    expect(runWindow({ catchUp: true, catchUpDays: 3 }, '2026-03-12', null, monThu).window).toEqual({
      from: '2026-03-10',
      to: '2026-03-12',
    });
  });

  it('a Monday/Thursday routine that missed slots recovers at most catchUpDays - 1 days more', () => {
    // Last run Monday 02/03; Thursday 05/03 missed (the computer was off); Monday 09/03 runs.
    expect(runWindow({ catchUp: true, catchUpDays: 3 }, '2026-03-09', '2026-03-02', monThu)).toEqual({
      window: { from: '2026-03-04', to: '2026-03-09' },
      uncovered: { from: '2026-03-03', to: '2026-03-03' },
    });
  });

  it('a slot skipped for a holiday is covered by the next slot that runs', () => {
    const notOnThe5th = (d: string) => monThu(d) && d !== '2026-03-05';
    expect(runWindow({ catchUp: true, catchUpDays: 1 }, '2026-03-09', '2026-03-02', notOnThe5th)).toEqual({
      window: { from: '2026-03-03', to: '2026-03-09' },
      uncovered: null,
    });
  });
});

describe('slotInstant / dateInZone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('08:10:00 on 2026-03-10 in São Paulo is 11:10:00Z', () => {
    expect(slotInstant('2026-03-10', '08:10:00', SP).toISOString()).toBe('2026-03-10T11:10:00.000Z');
  });

  it('does not depend on the process time zone', () => {
    for (const tz of ['Asia/Tokyo', 'UTC', 'America/Los_Angeles']) {
      process.env.TZ = tz;
      expect(slotInstant('2026-03-10', '08:10:00', SP).toISOString()).toBe('2026-03-10T11:10:00.000Z');
      expect(dateInZone(new Date('2026-03-10T02:00:00Z'), SP)).toBe('2026-03-09');
    }
  });

  it('uses the zone given, including its daylight-saving rules', () => {
    expect(slotInstant('2026-03-10', '08:10:00', 'Asia/Tokyo').toISOString()).toBe(
      '2026-03-09T23:10:00.000Z',
    );
    expect(slotInstant('2026-03-07', '08:10:00', 'America/New_York').toISOString()).toBe(
      '2026-03-07T13:10:00.000Z',
    );
    expect(slotInstant('2026-03-09', '08:10:00', 'America/New_York').toISOString()).toBe(
      '2026-03-09T12:10:00.000Z',
    );
    expect(slotInstant('2026-12-31', '23:59:59', SP).toISOString()).toBe('2027-01-01T02:59:59.000Z');
  });

  it('near midnight: 2026-03-10T02:00:00Z is still 2026-03-09 in São Paulo', () => {
    expect(dateInZone(new Date('2026-03-10T02:00:00Z'), SP)).toBe('2026-03-09');
    expect(dateInZone(new Date('2026-03-10T02:59:59Z'), SP)).toBe('2026-03-09');
    expect(dateInZone(new Date('2026-03-10T03:00:00Z'), SP)).toBe('2026-03-10');
    expect(dateInZone(new Date('2026-03-10T02:00:00Z'), 'UTC')).toBe('2026-03-10');
    expect(dateInZone(new Date('2026-03-09T15:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-10');
  });
});

describe('latestSlot / nextSlot', () => {
  const at = (s: string) => new Date(s);

  it('daily, after today’s slot: latest is today, next is tomorrow', () => {
    const now = at('2026-03-10T12:00:00Z'); // 09:00 in São Paulo
    expect(iso(latestSlot(daily, now, SP, 7))).toEqual({
      date: '2026-03-10',
      at: '2026-03-10T11:10:00.000Z',
    });
    expect(iso(nextSlot(daily, now, SP))).toEqual({ date: '2026-03-11', at: '2026-03-11T11:10:00.000Z' });
  });

  it('daily, before today’s slot: latest is yesterday, next is today', () => {
    const now = at('2026-03-10T11:00:00Z'); // 08:00 in São Paulo
    expect(iso(latestSlot(daily, now, SP, 7))).toEqual({
      date: '2026-03-09',
      at: '2026-03-09T11:10:00.000Z',
    });
    expect(iso(nextSlot(daily, now, SP))).toEqual({ date: '2026-03-10', at: '2026-03-10T11:10:00.000Z' });
  });

  it('exactly at the slot: latest is that slot (at or before), next is strictly after', () => {
    const now = at('2026-03-10T11:10:00Z');
    expect(latestSlot(daily, now, SP, 7)?.date).toBe('2026-03-10');
    expect(nextSlot(daily, now, SP)?.date).toBe('2026-03-11');
  });

  it('uses the company-zone date near midnight', () => {
    const late: Schedule = { frequency: 'daily', time: '23:30:00' };
    const now = at('2026-03-10T02:00:00Z'); // 23:00 on 2026-03-09 in São Paulo
    expect(iso(latestSlot(late, now, SP, 7))).toEqual({ date: '2026-03-08', at: '2026-03-09T02:30:00.000Z' });
    expect(iso(nextSlot(late, now, SP))).toEqual({ date: '2026-03-09', at: '2026-03-10T02:30:00.000Z' });
  });

  it('weekly Monday/Thursday seen from a Tuesday', () => {
    const now = at('2026-03-10T12:00:00Z'); // Tuesday
    expect(iso(latestSlot(mondayThursday, now, SP, 7))).toEqual({
      date: '2026-03-09',
      at: '2026-03-09T11:10:00.000Z',
    });
    expect(iso(nextSlot(mondayThursday, now, SP))).toEqual({
      date: '2026-03-12',
      at: '2026-03-12T11:10:00.000Z',
    });
  });

  it('weekly, on a scheduled day before the slot: latest is the previous scheduled day', () => {
    const now = at('2026-03-12T10:00:00Z'); // Thursday 07:00
    expect(latestSlot(mondayThursday, now, SP, 7)?.date).toBe('2026-03-09');
    expect(nextSlot(mondayThursday, now, SP)?.date).toBe('2026-03-12');
  });

  it('latestSlot looks back at most lookbackDays', () => {
    const now = at('2026-03-10T12:00:00Z'); // Tuesday; last Monday is 1 day back
    expect(latestSlot(mondayThursday, now, SP, 0)).toBeNull();
    expect(latestSlot(mondayThursday, now, SP, 1)?.date).toBe('2026-03-09');
    const sunday: Schedule = { frequency: 'weekly', time: '08:10:00', weekdays: [7] };
    expect(latestSlot(sunday, now, SP, 1)).toBeNull();
    expect(latestSlot(sunday, now, SP, 2)?.date).toBe('2026-03-08');
  });

  it('monthly on the 31st runs on the last day of months without one (Feb, Apr, leap years)', () => {
    const only31: Schedule = { frequency: 'monthly', time: '08:10:00', monthDays: [31] };
    expect(nextSlot(only31, at('2026-04-01T12:00:00Z'), SP)?.date).toBe('2026-04-30');
    expect(latestSlot(only31, at('2026-04-20T12:00:00Z'), SP, 31)?.date).toBe('2026-03-31');
    const slots: string[] = [];
    let now = at('2026-01-01T00:00:00Z');
    for (let i = 0; i < 14; i++) {
      const slot = nextSlot(only31, now, SP)!;
      slots.push(slot.date);
      now = slot.at;
    }
    expect(slots).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
      '2027-01-31',
      '2027-02-28',
    ]);
    expect(nextSlot(only31, at('2028-02-01T12:00:00Z'), SP)?.date).toBe('2028-02-29');
  });

  it('monthly on the 30th runs on 28/02 and 29/02 in leap years, once on the 30th elsewhere', () => {
    const only30: Schedule = { frequency: 'monthly', time: '08:10:00', monthDays: [30] };
    expect(nextSlot(only30, at('2026-02-01T12:00:00Z'), SP)?.date).toBe('2026-02-28');
    expect(nextSlot(only30, at('2028-02-01T12:00:00Z'), SP)?.date).toBe('2028-02-29');
    expect(nextSlot(only30, at('2026-03-01T12:00:00Z'), SP)?.date).toBe('2026-03-30');
    expect(isScheduledOn(only30, '2026-03-31')).toBe(false);
    // Days 30 and 31 together: April's 30th is one run, not two.
    const both: Schedule = { frequency: 'monthly', time: '08:10:00', monthDays: [30, 31] };
    expect(nextSlot(both, at('2026-04-30T12:00:00Z'), SP)?.date).toBe('2026-05-30');
  });

  it('the monthly job wakes on 28–30 only when a chosen day is missing from some months', () => {
    expect(monthlyWakeDays([1, 15])).toEqual([1, 15]);
    expect(monthlyWakeDays([28])).toEqual([28]);
    expect(monthlyWakeDays([29])).toEqual([28, 29]);
    expect(monthlyWakeDays([30])).toEqual([28, 29, 30]);
    expect(monthlyWakeDays([5, 31])).toEqual([5, 28, 29, 30, 31]);
  });
});
