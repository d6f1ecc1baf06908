// The first start: what is configured yet, the sample data, and what the scheduler and the app are.
import { companyTimezone } from '../../shared/domain';
import packageJson from '../../package.json' with { type: 'json' };
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import { setupContract, type SetupStatus } from '../../shared/contract/setup';
import { applyDocument, checkDocument } from '../services/interchange';
import { sampleDocument } from '../services/sample-data';
import { removeSample, sampleRecord } from '../services/sample-removal';
import type { ApiContext } from './context';
import { ApiFailure, conflict } from './errors';
import type { DomainHandlers } from './types';

export function setupHandlers(ctx: ApiContext): DomainHandlers<typeof setupContract> {
  const app = ctx.engine;

  const status = (): SetupStatus => {
    const s = app.store.settings();
    const hasCompany = s.company !== null;
    const hasSmtpAccount = s.smtpAccounts.length > 0;
    const hasRule = s.billingMethods.some((m) => m.sendRules.length > 0);
    const hasRoutine = s.routines.length > 0;
    const testModeRoutines = s.routines
      .filter((r) => r.active && r.task === 'send_email' && r.smtpAccountId === TEST_MODE_ACCOUNT_ID)
      .map((r) => r.description);
    return {
      hasCompany,
      hasSmtpAccount,
      hasRule,
      hasRoutine,
      hasInvoices: app.store.invoices().length > 0,
      testMode: testModeRoutines.length > 0,
      testModeRoutines,
      needsSetup: !hasCompany || !hasSmtpAccount || !hasRule || !hasRoutine,
      sampleLoaded: !!s.sampleData,
    };
  };

  return {
    async 'setup.status'() {
      await app.refresh();
      return status();
    },

    async 'setup.loadSample'() {
      const today = app.today();
      const loadedAt = app.clock.now().toISOString();
      return app.update((tx) => {
        if (tx.invoices().length > 0)
          throw conflict(
            'já existem faturas cadastradas: os dados de exemplo só podem ser carregados num cadastro vazio',
          );
        const sample = sampleDocument(today);
        // A company the user already saved in the guided setup stays; the sample fills the rest.
        const current = tx.settings().company;
        const { doc, errors } = checkDocument(
          current ? { ...sample, company: current } : sample,
          tx,
          app.layouts,
        );
        if (!doc)
          throw new ApiFailure(
            'internal',
            `dados de exemplo inválidos: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
          );
        const record = sampleRecord(doc, tx.settings(), tx, loadedAt);
        const summary = applyDocument(doc, tx);
        tx.setSettings({ ...tx.settings(), sampleData: record });
        return summary;
      });
    },

    async 'setup.removeSample'() {
      return app.update((tx) => {
        const record = tx.settings().sampleData;
        if (!record) throw conflict('os dados de exemplo não estão carregados');
        return removeSample(tx, record);
      });
    },

    async 'scheduler.status'() {
      await app.refresh();
      return {
        paused: ctx.engine.scheduler.isPaused(),
        running: app.store
          .settings()
          .routines.filter((r) => app.runner.isRunning(r.id))
          .map((r) => r.id),
        nextRuns: ctx.engine.scheduler
          .nextRuns()
          .map((r) => ({ routineId: r.routineId, at: r.at.toISOString() })),
      };
    },

    async 'app.info'() {
      return {
        version: packageJson.version,
        dataDir: app.dataDir,
        today: app.today(),
        timezone: companyTimezone(app.store.settings()),
      };
    },
  };
}
