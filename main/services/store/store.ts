// The store: settings, customers and invoices as separate lowdb JSON files in the data directory, so a
// settings change never rewrites 100k invoices. SMTP passwords live in their own owner-only file.
import { chmod, mkdir, rename, stat, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Customer, Invoice, Settings } from '../../../shared/domain';
import { takeDailyBackup, newestGoodBackup } from './backups';
import { CorruptFileError, openJsonFile, type JsonFile } from './json-file';
import { migrate, SCHEMA_VERSION } from './migrations/index';

export const DATA_FILES = {
  settings: 'settings.json',
  customers: 'customers.json',
  invoices: 'invoices.json',
  secrets: 'secrets.json',
  deliveries: 'deliveries.jsonl',
  runs: 'runs.jsonl',
} as const;

export class StoreCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly backup: string | null,
    detail: string,
  ) {
    super(
      `O arquivo ${file} está corrompido (${detail}) e não foi alterado. ` +
        (backup
          ? `Backup válido mais recente: ${backup}. Copie-o sobre o arquivo corrompido para restaurar.`
          : 'Nenhum backup válido foi encontrado.'),
    );
  }
}

type SettingsFile = Settings & { schemaVersion: number };
type CustomersFile = { schemaVersion: number; customers: Customer[] };
type InvoicesFile = { schemaVersion: number; invoices: Invoice[] };
type SecretsFile = { codec?: string; smtpPasswords: Record<string, string> };

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

export interface Store {
  readonly dataDir: string;
  settings(): Readonly<Settings>;
  saveSettings(next: Settings): Promise<void>;
  customers(): readonly Customer[];
  customer(id: string): Customer | undefined;
  invoices(): readonly Invoice[];
  invoice(id: string): Invoice | undefined;
  /** Replace or add by id; writes only the files that changed. */
  upsertRecords(records: { customers?: readonly Customer[]; invoices?: readonly Invoice[] }): Promise<void>;
  smtpPassword(accountId: string): string | null;
  /** Sets passwords by account id; an empty string removes one. */
  setSmtpPasswords(passwords: Record<string, string>): Promise<void>;
  /** Re-read files another process changed since we last read or wrote them. */
  reloadIfChanged(): Promise<boolean>;
  flush(): Promise<void>;
  /** Waits for pending writes, then completes today's backup with files created since it was taken. */
  close(): Promise<void>;
}

const emptySettings = (): SettingsFile => ({
  schemaVersion: SCHEMA_VERSION,
  company: null,
  smtpAccounts: [],
  layouts: [],
  billingMethods: [],
  routines: [],
  holidays: [],
});

export async function openStore(
  dataDir: string,
  today: string,
  codec: SecretCodec = plainSecretCodec,
): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  const path = (name: string) => join(dataDir, name);
  const open = async <T>(name: string, defaults: () => T, pretty = false): Promise<JsonFile<T>> => {
    try {
      return await openJsonFile(path(name), defaults, pretty);
    } catch (e) {
      if (e instanceof CorruptFileError)
        throw new StoreCorruptError(e.file, await newestGoodBackup(dataDir, name), e.detail);
      throw e;
    }
  };
  let settingsFile: JsonFile<SettingsFile>;
  let customersFile: JsonFile<CustomersFile>;
  let invoicesFile: JsonFile<InvoicesFile>;
  const customerIndex = new Map<string, Customer>();
  const invoiceIndex = new Map<string, Invoice>();
  const mtimes = new Map<string, number>();
  const mtimeOf = (file: string) =>
    stat(file).then(
      (s) => s.mtimeMs,
      () => 0,
    );
  const remember = async (f: JsonFile<unknown>) => mtimes.set(f.file, await mtimeOf(f.file));

  const secretsPath = path(DATA_FILES.secrets);
  const readSecrets = async (): Promise<SecretsFile> => {
    try {
      return JSON.parse(await readFile(secretsPath, 'utf8')) as SecretsFile;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { smtpPasswords: {} };
      throw new StoreCorruptError(
        secretsPath,
        await newestGoodBackup(dataDir, DATA_FILES.secrets),
        (e as Error).message,
      );
    }
  };
  let passwords = new Map<string, string>();
  /** Decodes what the codec can; passwords kept by another codec (e.g. the desktop app's keychain) stay unknown. */
  const decodeSecrets = async (file: SecretsFile) => {
    const next = new Map<string, string>();
    if ((file.codec ?? 'plain') === codec.name)
      for (const [id, stored] of Object.entries(file.smtpPasswords)) next.set(id, await codec.decode(stored));
    return next;
  };
  const backup = () => takeDailyBackup(dataDir, Object.values(DATA_FILES).map(path), today);

  /** Reads every file; `beforeMigrating` runs once all of them parsed (the daily backup goes there). */
  const loadAll = async (beforeMigrating: () => Promise<unknown> = async () => {}) => {
    settingsFile = await open<SettingsFile>(DATA_FILES.settings, emptySettings, true);
    customersFile = await open<CustomersFile>(DATA_FILES.customers, () => ({
      schemaVersion: SCHEMA_VERSION,
      customers: [],
    }));
    invoicesFile = await open<InvoicesFile>(DATA_FILES.invoices, () => ({
      schemaVersion: SCHEMA_VERSION,
      invoices: [],
    }));
    passwords = await decodeSecrets(await readSecrets());
    await beforeMigrating();
    const from = settingsFile.existed ? (settingsFile.data.schemaVersion ?? 0) : SCHEMA_VERSION;
    if (from !== SCHEMA_VERSION) {
      const files = {
        settings: settingsFile.data,
        customers: customersFile.data,
        invoices: invoicesFile.data,
      };
      const version = migrate(files, from);
      for (const f of [settingsFile, customersFile, invoicesFile]) f.data.schemaVersion = version;
      await Promise.all([settingsFile.save(), customersFile.save(), invoicesFile.save()]);
    }
    customerIndex.clear();
    invoiceIndex.clear();
    for (const c of customersFile.data.customers) customerIndex.set(c.id, c);
    for (const i of invoicesFile.data.invoices) invoiceIndex.set(i.id, i);
    await Promise.all([settingsFile, customersFile, invoicesFile].map(remember));
  };

  // Back up only files that all parsed, and before any migration rewrites them.
  await loadAll(backup);

  const upsert = <T extends { id: string }>(list: T[], index: Map<string, T>, items: readonly T[]) => {
    const position = new Map<string, number>();
    list.forEach((item, i) => position.set(item.id, i));
    for (const item of items) {
      const at = position.get(item.id);
      if (at === undefined) {
        position.set(item.id, list.length);
        list.push(item);
      } else list[at] = item;
      index.set(item.id, item);
    }
  };

  const saveAndRemember = async (f: JsonFile<unknown>) => {
    await f.save();
    await remember(f);
  };

  const store: Store = {
    dataDir,
    settings: () => settingsFile.data,
    async saveSettings(next) {
      // Passwords never go to settings.json: they move to the owner-only secrets file.
      const passwords: Record<string, string> = {};
      const smtpAccounts = next.smtpAccounts.map(({ password, ...account }) => {
        if (password) passwords[account.id] = password;
        return account;
      });
      if (Object.keys(passwords).length) await store.setSmtpPasswords(passwords);
      settingsFile.data = { ...next, smtpAccounts, schemaVersion: SCHEMA_VERSION };
      await saveAndRemember(settingsFile);
    },
    customers: () => customersFile.data.customers,
    customer: (id) => customerIndex.get(id),
    invoices: () => invoicesFile.data.invoices,
    invoice: (id) => invoiceIndex.get(id),
    async upsertRecords({ customers, invoices }) {
      const writes: Promise<void>[] = [];
      if (customers?.length) {
        upsert(customersFile.data.customers, customerIndex, customers);
        writes.push(saveAndRemember(customersFile));
      }
      if (invoices?.length) {
        upsert(invoicesFile.data.invoices, invoiceIndex, invoices);
        writes.push(saveAndRemember(invoicesFile));
      }
      await Promise.all(writes);
    },
    smtpPassword: (id) => passwords.get(id) ?? null,
    async setSmtpPasswords(changes) {
      // An empty string removes the account's password (e.g. when the account is removed).
      const next = new Map([...passwords, ...Object.entries(changes)]);
      for (const [id, v] of Object.entries(changes)) if (v === '') next.delete(id);
      const encoded: Record<string, string> = {};
      for (const [id, plain] of next) encoded[id] = await codec.encode(plain);
      const tmp = `${secretsPath}.tmp`;
      const file: SecretsFile = { codec: codec.name, smtpPasswords: encoded };
      await writeFile(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, secretsPath);
      passwords = next;
    },
    async reloadIfChanged() {
      const files = [settingsFile, customersFile, invoicesFile];
      const changed = await Promise.all(
        files.map(async (f) => (await mtimeOf(f.file)) !== mtimes.get(f.file)),
      );
      if (!changed.some(Boolean)) return false;
      await loadAll();
      return true;
    },
    async flush() {
      await Promise.all([settingsFile.settled(), customersFile.settled(), invoicesFile.settled()]);
    },
    async close() {
      await store.flush();
      await backup();
    },
  };
  return store;
}
