import type { Migration } from './index';

// Version 1: the first layout of the data directory. Files written before any version existed
// (hand-made or from a pre-release) get the fields they may lack.
export const migration001: Migration = {
  version: 1,
  description: 'estrutura inicial',
  up(files) {
    const s = files.settings as Record<string, unknown>;
    for (const key of ['smtpAccounts', 'layouts', 'billingMethods', 'routines', 'holidays']) s[key] ??= [];
    s.company ??= null;
    (files.customers as Record<string, unknown>).customers ??= [];
    (files.invoices as Record<string, unknown>).invoices ??= [];
  },
};
