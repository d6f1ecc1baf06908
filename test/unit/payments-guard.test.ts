// The freshness guard: business days after the last payments import (weekends and the company's
// holidays skipped), staff's release, and a payments file imported twice refreshing nothing.
import { describe, expect, it } from 'vitest';
import type { BillingMethod, Settings } from '../../shared/domain';
import { createHolidays } from '../../main/services/holidays';
import {
  afterPaymentsImport,
  businessDaysAfter,
  heldReason,
  stalePayments,
} from '../../main/services/payments-guard';

const holidays = createHolidays();

const method = (over: Partial<BillingMethod> = {}): BillingMethod => ({
  id: 'boleto',
  name: 'Boleto Bancário',
  active: true,
  sendRules: [],
  importedPayments: { staleAfterBusinessDays: 2 },
  ...over,
});

const settings = (over: Partial<Settings> = {}): Settings => ({
  company: { name: 'Provedor', timezone: 'America/Sao_Paulo', state: 'SP', city: 'São Paulo' },
  smtpAccounts: [],
  layouts: [],
  billingMethods: [method()],
  routines: [],
  holidays: [],
  ...over,
});

// 2026-03-10 is a Tuesday; 10:00 in São Paulo.
const imported = (at = '2026-03-10T13:00:00Z') => ({ paymentsStatus: { boleto: { lastImportAt: at } } });

describe('businessDaysAfter', () => {
  it('skips weekends: from Friday, Monday is the first business day', () => {
    expect(businessDaysAfter('2026-03-13', '2026-03-16', settings(), holidays)).toBe(1);
    expect(businessDaysAfter('2026-03-13', '2026-03-15', settings(), holidays)).toBe(0);
  });

  it('skips national holidays and the company\u2019s own', () => {
    // 2026-04-21 Tiradentes is a Tuesday.
    expect(businessDaysAfter('2026-04-20', '2026-04-22', settings(), holidays)).toBe(1);
    const own = settings({ holidays: [{ date: '2026-03-11', name: 'Aniversário', yearly: false }] });
    expect(businessDaysAfter('2026-03-10', '2026-03-12', own, holidays)).toBe(1);
  });
});

describe('stalePayments', () => {
  const staleOn = (s: Settings, date: string) =>
    stalePayments(s, holidays, date).map((x) => x.billingMethodId);

  it('is fresh up to the configured business days after the last import, stale after', () => {
    const s = settings(imported());
    expect(staleOn(s, '2026-03-10')).toEqual([]);
    expect(staleOn(s, '2026-03-12')).toEqual([]); // Wed, Thu: 2 business days
    expect(staleOn(s, '2026-03-13')).toEqual(['boleto']);
    const [stale] = stalePayments(s, holidays, '2026-03-13');
    expect(stale!.message).toBe(
      'Os pagamentos não são atualizados desde 10/03: avisos de atraso podem ir para quem já pagou',
    );
    expect(heldReason(stale!)).toContain('Sai quando chegar um retorno ou em Liberar envio');
  });

  it('counts business days: an import on Friday stays fresh over the weekend until Tuesday', () => {
    const s = settings(imported('2026-03-13T13:00:00Z'));
    expect(staleOn(s, '2026-03-17')).toEqual([]);
    expect(staleOn(s, '2026-03-18')).toEqual(['boleto']);
  });

  it('holds from the start when no payments were ever imported; off when the method does not import them', () => {
    expect(stalePayments(settings(), holidays, '2026-03-10')[0]!.message).toMatch(
      /^Nenhum pagamento foi importado/,
    );
    expect(staleOn(settings({ billingMethods: [method({ importedPayments: null })] }), '2026-03-10')).toEqual(
      [],
    );
  });

  it('a release counts as fresh from then on, and runs out like an import', () => {
    const s = settings({
      paymentsStatus: {
        boleto: { lastImportAt: '2026-03-02T13:00:00Z', releasedAt: '2026-03-16T15:00:00Z' },
      },
    });
    expect(staleOn(s, '2026-03-16')).toEqual([]);
    expect(staleOn(s, '2026-03-19')).toEqual(['boleto']);
    // The message still names the last real import.
    expect(stalePayments(s, holidays, '2026-03-19')[0]!.lastImportDate).toBe('2026-03-02');
  });

  it('uses the company zone: 01:00 UTC on the 11th is still the 10th in São Paulo', () => {
    const s = settings(imported('2026-03-11T01:00:00Z'));
    expect(staleOn(s, '2026-03-13')).toEqual(['boleto']);
  });
});

describe('afterPaymentsImport', () => {
  it('records the import per method; the same file again refreshes nothing', () => {
    const first = afterPaymentsImport(settings(), ['boleto'], '2026-03-10T13:00:00Z', 'a.ret', 'hash-a');
    expect(first.refreshed).toEqual(['boleto']);
    const again = afterPaymentsImport(
      settings({ paymentsStatus: first.paymentsStatus }),
      ['boleto'],
      '2026-03-12T13:00:00Z',
      'a.ret',
      'hash-a',
    );
    expect(again.refreshed).toEqual([]);
    expect(again.paymentsStatus.boleto!.lastImportAt).toBe('2026-03-10T13:00:00Z');
  });
});
