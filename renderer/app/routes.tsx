// Which component draws each screen of SCREEN_ENTRIES.
import type { ComponentType } from 'react';
import BillingMethods from '../features/billing-methods';
import Company from '../features/company';
import Customers from '../features/customers';
import Dashboard from '../features/dashboard';
import Deliveries from '../features/deliveries';
import Holidays from '../features/holidays';
import ImportPage from '../features/import';
import Inbox from '../features/inbox';
import Invoices from '../features/invoices';
import Layouts from '../features/layouts';
import Routines from '../features/routines';
import Setup from '../features/setup';
import SmtpAccounts from '../features/smtp-accounts';
import { SCREEN_ENTRIES, type ScreenEntry, type ScreenPath } from './screens';

const COMPONENTS: Record<ScreenPath, ComponentType> = {
  '/': Dashboard,
  '/clientes': Customers,
  '/faturas': Invoices,
  '/historico': Deliveries,
  '/importar': ImportPage,
  '/modo-de-teste': Inbox,
  '/formas-de-cobranca': BillingMethods,
  '/layouts': Layouts,
  '/rotinas': Routines,
  '/contas-de-email': SmtpAccounts,
  '/empresa': Company,
  '/feriados': Holidays,
  '/configuracao-inicial': Setup,
};

export type Screen = ScreenEntry & { component: ComponentType };
export const SCREENS: Screen[] = SCREEN_ENTRIES.map((s) => ({ ...s, component: COMPONENTS[s.path] }));
