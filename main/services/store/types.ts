// The store's shape: its files, what readers and transactions may do, and how secrets are kept at
// rest. store.ts implements it.
import type { Customer, Invoice, Settings } from '../../../shared/domain';

export const DATA_FILES = {
  settings: 'settings.json',
  customers: 'customers.json',
  invoices: 'invoices.json',
  secrets: 'secrets.json',
  deliveries: 'deliveries.jsonl',
  runs: 'runs.jsonl',
} as const;

export type SettingsFile = Settings & { schemaVersion: number };
export type CustomersFile = { schemaVersion: number; customers: Customer[] };
export type InvoicesFile = { schemaVersion: number; invoices: Invoice[] };
/** `secrets`: named secrets other than SMTP passwords (see `secretName`); absent when there are none. */
export type SecretsFile = {
  codec?: string;
  smtpPasswords: Record<string, string>;
  secrets?: Record<string, string>;
};

/** What an account keeps in the secrets file besides its SMTP password. */
export type AccountSecretKind = 'dkim' | 'imap';
/** The name of an account's secret: its DKIM private key, its bounce mailbox (IMAP) password. */
export const secretName = (kind: AccountSecretKind, accountId: string) => `${kind}:${accountId}`;

/** How one change of a batch ended. */
export type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/** What a write changed, as the screens' events name it. */
export type StoreArea = 'settings' | 'records';

/**
 * How SMTP passwords are kept at rest. Headless (daemon, serve, CLI): `plain` in a file only the user
 * can read (mode 0600). The desktop app passes one backed by Electron's safeStorage (OS keychain).
 */
export interface SecretCodec {
  name: string;
  encode(plain: string): Promise<string>;
  decode(stored: string): Promise<string>;
}
export const plainSecretCodec: SecretCodec = {
  name: 'plain',
  encode: async (s) => s,
  decode: async (s) => s,
};

export interface ReadStore {
  readonly dataDir: string;
  settings(): Readonly<SettingsFile>;
  customers(): readonly Customer[];
  customer(id: string): Customer | undefined;
  invoices(): readonly Invoice[];
  invoice(id: string): Invoice | undefined;
  smtpPassword(accountId: string): string | null;
  /** A named secret (see `secretName`), or null when unset or kept by another codec. */
  secret(name: string): string | null;
}

/** The store as one transaction sees it: its own changes included. */
export interface StoreTx extends Omit<ReadStore, 'dataDir'> {
  /** Replaces the settings; a password inside an SMTP account moves to the secrets file. */
  setSettings(next: Settings): void;
  /** Replaces or adds by id, keeping the order of the ones that exist. */
  upsertCustomers(list: readonly Customer[]): void;
  upsertInvoices(list: readonly Invoice[]): void;
  removeCustomers(ids: readonly string[]): void;
  removeInvoices(ids: readonly string[]): void;
  /** Sets passwords by account id; an empty string removes one. */
  setSmtpPasswords(passwords: Record<string, string>): void;
  /** Sets named secrets (see `secretName`); an empty string removes one. */
  setSecrets(secrets: Record<string, string>): void;
}

export interface Store extends ReadStore {
  /**
   * Runs the changes on one transaction, in order, and writes what they changed in one commit (the
   * engine serializes callers and batches queued changes). A change that throws is undone alone.
   */
  writeBatch(
    fns: readonly ((tx: StoreTx) => unknown)[],
  ): Promise<{ results: Settled[]; changed: StoreArea[] }>;
  /** Runs `fn` on a transaction that is thrown away: what a write would do, without doing it. */
  preview<T>(fn: (tx: StoreTx) => T | Promise<T>): Promise<Awaited<T>>;
  /** Re-reads the files another process changed since we last read or wrote them. */
  reloadIfChanged(): Promise<StoreArea[]>;
  /** Whether another process wrote a file since we last read or wrote it (a few stats, no lock). */
  changedOnDisk(): Promise<boolean>;
  /** Completes today's backup with files created since it was taken (best effort). */
  backup(): Promise<void>;
  /** Problems met that did not stop the store (a backup that could not be written). */
  readonly warnings: string[];
}
