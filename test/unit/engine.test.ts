// The engine host in one process: writes that arrive together, a dry run beside a real run, a manual
// send during a run, and a schedule that follows the company's time zone by itself. Real SMTP server,
// real files, real timers.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../main/engine';
import { offsetClock } from '../../main/services/clock';
import { createJournal } from '../../main/services/journal';
import { dateInZone } from '../../shared/schedule';
import type { RoutineSimulation } from '../../shared/contract/routines';
import type { DeliveryView } from '../../shared/contract/records';
import { testApis, useSmtpServer } from '../support/api';
import { baseDocument, invoice, tempDir } from '../support/documents';

const smtp = useSmtpServer();
const open = testApis();

const manyInvoices = (n: number) => ({
  customers: Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    name: `Cliente ${i}`,
    email: `c${i}@cliente.example`,
  })),
  invoices: Array.from({ length: n }, (_, i) => invoice(`f${i}`, { customerId: `c${i}` })),
});

describe('writes that arrive at the same time in one process', () => {
  it('an account save and a rule save answered together both stay (the rule used to vanish)', async () => {
    const api = await open({ document: baseDocument(smtp.port) });
    const account = api.app.store.settings().smtpAccounts[0]!;
    const [saved, rule] = await Promise.all([
      api.call('smtp.save', { ...account, fromName: 'Novo remetente', password: 'nova-senha' }),
      api.call('rules.save', {
        billingMethodId: 'boleto',
        rule: { id: 'r2', kind: 'before_due', days: 3, layoutId: 'boleto-antes-vencimento' },
      }),
    ]);
    expect(saved.ok && rule.ok).toBe(true);
    const reopened = await createEngine({ dataDir: api.app.dataDir, readOnly: true });
    try {
      expect(reopened.store.settings().smtpAccounts[0]!.fromName).toBe('Novo remetente');
      expect(reopened.store.smtpPassword('principal')).toBe('nova-senha');
      expect(reopened.store.settings().billingMethods[0]!.sendRules.map((r) => r.id)).toEqual(['r1', 'r2']);
    } finally {
      await reopened.close();
    }
  });

  it('twenty saves queued in one tick all land, in order, and one that is refused changes nothing', async () => {
    const api = await open({ document: baseDocument(smtp.port) });
    const saves = Array.from({ length: 20 }, (_, i) =>
      api.app.update((tx) => {
        if (i === 7) throw new Error('recusada');
        const settings = tx.settings();
        tx.setSettings({
          ...settings,
          holidays: [
            ...settings.holidays,
            { date: `2030-01-${String(i + 1).padStart(2, '0')}`, name: `F${i}`, yearly: false },
          ],
        });
      }),
    );
    const results = await Promise.allSettled(saves);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const onDisk = JSON.parse(await readFile(join(api.app.dataDir, 'settings.json'), 'utf8')) as {
      holidays: { name: string }[];
    };
    expect(onDisk.holidays.map((h) => h.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => `F${i}`).filter((n) => n !== 'F7'),
    );
  });
});

describe('a dry run beside a real run', () => {
  it('Simular answers while a run is sending, and the run is neither refused nor delayed by it', async () => {
    const api = await open({
      document: baseDocument(smtp.port, manyInvoices(12)),
      retry: { attempts: 1, delayMs: 10 },
    });
    await smtp.setFaults({ dataDelayMs: 150 });
    const running = api.app.runner.runRoutine('diaria', {
      date: '2021-03-05',
      trigger: 'schedule',
      honourCalendar: true,
    });
    await smtp.waitForMessages(1, 10_000);
    const simulated = await api.ok<RoutineSimulation>('routines.simulate', {
      routineId: 'diaria',
      date: '2021-03-05',
    });
    expect(api.app.runner.isRunning('diaria')).toBe(true); // answered while the run was still sending
    expect(simulated.dryRun).toBe(true);
    const report = await running;
    expect(report.counts.sent).toBe(12);
    // A scheduled slot that fires while a run of the same routine is in progress waits its turn.
    const again = await api.app.runner.runRoutine('diaria', {
      date: '2021-03-05',
      trigger: 'schedule',
      honourCalendar: true,
    });
    expect(again.counts.sent).toBe(0);
    expect((await smtp.messages()).length).toBe(12);
  });
});

describe('a manual send during a run', () => {
  it('goes out once, is not flagged uncertain by the run, and leaves a journal every process can read', async () => {
    const api = await open({
      document: baseDocument(smtp.port, manyInvoices(20)),
      retry: { attempts: 1, delayMs: 10 },
    });
    await smtp.setFaults({ dataDelayMs: 100 });
    const running = api.app.runner.runRoutine('diaria', {
      date: '2021-03-05',
      trigger: 'manual',
      honourCalendar: false,
    });
    await smtp.waitForMessages(2, 10_000);
    const manual = await api.ok<DeliveryView>('invoices.send', {
      invoiceId: 'f3',
      layoutId: 'boleto-apos-vencimento',
    });
    expect(manual.status).toBe('sent');
    const report = await running;
    expect(report.counts.sent).toBe(20);
    expect(api.app.ledger.latest(manual.key)!.status).toBe('sent');
    const all = await createJournal<{ key: string; status: string }>(
      join(api.app.dataDir, 'deliveries.jsonl'),
    ).load();
    expect(all.filter((r) => r.status === 'uncertain')).toEqual([]);
    const ids = (await smtp.messages()).map((m) => m.messageId);
    expect(ids).toHaveLength(21);
    expect(new Set(ids).size).toBe(21);
  });
});

describe('the schedule follows the company time zone by itself', () => {
  it('a change of zone saved in the screens moves the next slot: the run fires at the new hour', async () => {
    const dataDir = await tempDir();
    // A slot a few seconds from now in Manaus (UTC-4) is an hour later in São Paulo.
    const fireAt = new Date(Date.now() + 6_000);
    const hms = (tz: string) =>
      fireAt.toLocaleTimeString('en-GB', {
        timeZone: tz,
        hour12: false,
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    const doc = baseDocument(smtp.port, {
      routines: [
        {
          id: 'diaria',
          description: 'Envio',
          task: 'send_email',
          schedule: { frequency: 'daily', time: hms('America/Manaus') },
          runOnHolidays: true,
          smtpAccountId: 'principal',
        },
      ],
    });
    const api = await open({ dataDir, document: doc, clock: offsetClock(new Date()) });
    await api.app.start();
    const before = api.app.scheduler.nextRuns()[0]!.at.getTime();
    expect(before - fireAt.getTime()).toBeGreaterThan(30 * 60_000); // armed for São Paulo: an hour later
    const company = api.app.store.settings().company!;
    await api.ok('company.save', { ...company, timezone: 'America/Manaus' });
    expect(Math.abs(api.app.scheduler.nextRuns()[0]!.at.getTime() - fireAt.getTime())).toBeLessThan(1500);
    await expect
      .poll(() => api.app.runLog.forRoutine('diaria').map((r) => r.date), { timeout: 15_000 })
      .toContain(dateInZone(fireAt, 'America/Manaus'));
    expect(api.app.runLog.forRoutine('diaria')[0]!.trigger).toBe('schedule');
  });
});
