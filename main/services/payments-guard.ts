// The freshness guard: a billing method whose payments come in by file (bank retorno, ERP export)
// says after how many business days they are stale. While they are, its after-due notices are held
// (they could reach customers who already paid) until a payments import arrives or staff release
// them. Business days skip weekends and the company's holidays (holidays.ts).
import { addDays, dayNumber, formatDateBR, isoWeekday } from '../../shared/calendar';
import { companyTimezone, type BillingMethod, type PaymentsStatus, type Settings } from '../../shared/domain';
import { dateInZone } from '../../shared/schedule';
import type { HolidayCalendar } from './routine-calendar';

export interface StalePayments {
  billingMethodId: string;
  billingMethodName: string;
  staleAfterBusinessDays: number;
  /** The company date of the last payments import; null when none ever came. */
  lastImportDate: string | null;
  /** What staff read on Início and in the history. */
  message: string;
}

/** Business days d with from < d ≤ to. */
export function businessDaysAfter(
  from: string,
  to: string,
  settings: Settings,
  holidays: HolidayCalendar,
): number {
  const scope = { state: settings.company?.state, city: settings.company?.city, custom: settings.holidays };
  // Past two months it is stale under any limit (at most 30 business days): no need to walk it.
  if (dayNumber(to) - dayNumber(from) > 62) return Infinity;
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1))
    if (isoWeekday(d) < 6 && !holidays.holidayOn(d, scope)) count++;
  return count;
}

/** The instant payments count as fresh from: the last import or staff's release, whichever is later. */
function freshSince(status: PaymentsStatus | undefined): string | null {
  const times = [status?.lastImportAt, status?.releasedAt].filter((t): t is string => !!t);
  return times.length ? times.sort().at(-1)! : null;
}

const shortDate = (date: string) => formatDateBR(date).slice(0, 5);

export function staleMessage(lastImportDate: string | null): string {
  return lastImportDate
    ? `Os pagamentos não são atualizados desde ${shortDate(lastImportDate)}: avisos de atraso podem ir para quem já pagou`
    : 'Nenhum pagamento foi importado ainda: avisos de atraso podem ir para quem já pagou';
}

/** Whether one method's payments are stale on `date` (a company calendar date). */
export function stalenessOf(
  method: BillingMethod,
  settings: Settings,
  holidays: HolidayCalendar,
  date: string,
): StalePayments | null {
  if (!method.importedPayments) return null;
  const status = settings.paymentsStatus?.[method.id];
  const tz = companyTimezone(settings);
  const since = freshSince(status);
  const sinceDate = since ? dateInZone(new Date(since), tz) : null;
  const limit = method.importedPayments.staleAfterBusinessDays;
  if (sinceDate && (sinceDate >= date || businessDaysAfter(sinceDate, date, settings, holidays) <= limit))
    return null;
  const lastImportDate = status?.lastImportAt ? dateInZone(new Date(status.lastImportAt), tz) : null;
  return {
    billingMethodId: method.id,
    billingMethodName: method.name,
    staleAfterBusinessDays: limit,
    lastImportDate,
    message: staleMessage(lastImportDate),
  };
}

/** Every billing method whose payments are stale on `date`. */
export function stalePayments(settings: Settings, holidays: HolidayCalendar, date: string): StalePayments[] {
  return settings.billingMethods
    .filter((m) => m.active)
    .map((m) => stalenessOf(m, settings, holidays, date))
    .filter((s): s is StalePayments => s !== null);
}

/** The reason a held notice carries in the history. */
export const heldReason = (stale: StalePayments): string =>
  `Retido: ${stale.message.charAt(0).toLowerCase()}${stale.message.slice(1)} (${stale.billingMethodName}). Sai quando chegar um retorno ou em Liberar envio.`;

const RECENT_FILES = 30;

/**
 * The payments status after an import that carried payments for these methods. A file already
 * imported (same content) proves nothing new, so it does not refresh the guard.
 */
export function afterPaymentsImport(
  settings: Settings,
  methodIds: readonly string[],
  at: string,
  fileName: string,
  fileHash: string,
): { paymentsStatus: Record<string, PaymentsStatus>; refreshed: string[] } {
  const paymentsStatus = { ...settings.paymentsStatus };
  const refreshed: string[] = [];
  for (const id of methodIds) {
    const current = paymentsStatus[id] ?? {};
    const recent = current.recentFiles ?? [];
    if (recent.includes(fileHash)) continue;
    paymentsStatus[id] = {
      ...current,
      lastImportAt: at,
      lastImportFile: fileName,
      recentFiles: [...recent, fileHash].slice(-RECENT_FILES),
    };
    refreshed.push(id);
  }
  return { paymentsStatus, refreshed };
}
