// Início's account of today, routine by routine: will today's notices go out by themselves, and if
// not, why (the slot has passed, the routines are paused, it is a holiday or not a scheduled day) —
// so the screen can say so and offer "Executar agora" instead of counting them as if they would.
import type { TodayRoutine } from '../../shared/contract/overview';
import { companyTimezone } from '../../shared/domain';
import { isScheduledOn, nextSlot, slotInstant } from '../../shared/schedule';
import type { Engine as App } from '../engine';
import { calendarSkipReason } from './routine-calendar';
import { dueToday } from './summary-memo';

const hhmm = (time: string) => time.slice(0, 5);

export function todayRoutines(app: App): TodayRoutine[] {
  const settings = app.store.settings();
  const tz = companyTimezone(settings);
  const today = app.today();
  const now = app.clock.now();
  const paused = app.scheduler.isPaused();
  const out: TodayRoutine[] = [];
  for (const routine of settings.routines) {
    if (!routine.active || routine.task !== 'send_email') continue;
    const base = {
      routineId: routine.id,
      description: routine.description,
      time: hhmm(routine.schedule.time),
      nextRunAt: nextSlot(routine.schedule, now, tz)?.at.toISOString() ?? null,
    };
    // What "Executar agora" would send today: the day's notices not sent yet, and pending retries.
    const due = dueToday(app, routine.id, today);
    const skip = calendarSkipReason(routine, today, settings, app.holidays);
    const slotPassed = slotInstant(today, routine.schedule.time, tz).getTime() <= now.getTime();
    const state: TodayRoutine['state'] = paused
      ? 'paused'
      : skip
        ? isScheduledOn(routine.schedule, today)
          ? 'holiday'
          : 'not_scheduled'
        : !slotPassed
          ? 'will_run'
          : due > 0
            ? 'slot_passed'
            : 'done';
    out.push({ ...base, state, due, reason: skip });
  }
  return out;
}

/** For the forecast: routines whose today will not run by itself start tomorrow. */
export function firstRunDays(routines: readonly TodayRoutine[], tomorrow: string): Map<string, string> {
  return new Map(
    routines
      .filter((r) => r.state === 'slot_passed' || r.state === 'done')
      .map((r) => [r.routineId, tomorrow]),
  );
}
