// The store: settings, customers and invoices as separate lowdb JSON files in the data folder, so a
// settings change never rewrites 100k invoices; SMTP passwords and the other account secrets (DKIM
// private keys, bounce mailbox passwords) in their own owner-only file, through the same codec.
// Everyone reads it; only the engine writes it, through `write`, which applies a transaction to
// every file it touched all or nothing (see json-file.ts) and only then shows it in memory.
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Customer, Invoice } from '../../../shared/domain';
import { DataFileCorruptError, isStorageFault, storageError } from '../storage-errors';
import { takeDailyBackup, newestGoodBackup } from './backups';
import { CorruptFileError, openJsonFile, type JsonFile, type StagedWrite } from './json-file';
import { migrate, SCHEMA_VERSION } from './migrations/index';
import { checkList, checkSecrets, checkSettings, emptySettings } from './file-checks';
import {
  DATA_FILES,
  plainSecretCodec,
  secretName,
  type CustomersFile,
  type InvoicesFile,
  type SecretCodec,
  type SecretsFile,
  type Settled,
  type SettingsFile,
  type Store,
  type StoreArea,
  type StoreTx,
} from './types';
export * from './types';

/** A transaction's changes so far, to undo a change that failed. */
interface Mark {
  settings: SettingsFile | null;
  customers: Map<string, Customer | null>;
  invoices: Map<string, Invoice | null>;
  secrets: Map<string, string>;
  named: Map<string, string>;
}

export interface OpenStoreOptions {
  codec?: SecretCodec;
  /** Reading commands: no backup, no migration written, nothing created. */
  readOnly?: boolean;
}

/** A list with some ids replaced, added or removed, built without touching the original. */
function applyChanges<T extends { id: string }>(list: readonly T[], changes: Map<string, T | null>): T[] {
  if (changes.size === 0) return list as T[];
  const out: T[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    seen.add(item.id);
    if (!changes.has(item.id)) out.push(item);
    else {
      const next = changes.get(item.id);
      if (next) out.push(next);
    }
  }
  for (const [id, item] of changes) if (item && !seen.has(id)) out.push(item);
  return out;
}

export async function openStore(
  dataDir: string,
  today: string,
  options: OpenStoreOptions = {},
): Promise<Store> {
  const codec = options.codec ?? plainSecretCodec;
  const readOnly = !!options.readOnly;
  const warnings: string[] = [];
  if (!readOnly)
    await mkdir(dataDir, { recursive: true }).catch((e: unknown) => {
      throw storageError(e, dataDir, 'criar a pasta de dados');
    });
  const path = (name: string) => join(dataDir, name);
  const open = async <T>(
    name: string,
    defaults: () => T,
    more: { pretty?: boolean; mode?: number; check?: (d: unknown) => string | null },
  ) => {
    try {
      return await openJsonFile<T>(path(name), { defaults, ...more });
    } catch (e) {
      if (e instanceof CorruptFileError)
        throw new DataFileCorruptError(e.file, await newestGoodBackup(dataDir, name), e.detail);
      throw storageError(e, dataDir, `ler ${name}`);
    }
  };
  const reload = async (f: JsonFile<unknown>, name: string) => {
    try {
      await f.reload();
    } catch (e) {
      if (e instanceof CorruptFileError)
        throw new DataFileCorruptError(e.file, await newestGoodBackup(dataDir, name), e.detail);
      throw storageError(e, dataDir, `ler ${name}`);
    }
  };

  const settingsFile = await open<SettingsFile>(DATA_FILES.settings, emptySettings, {
    pretty: true,
    check: checkSettings,
  });
  const customersFile = await open<CustomersFile>(
    DATA_FILES.customers,
    () => ({ schemaVersion: SCHEMA_VERSION, customers: [] }),
    { check: checkList('customers') },
  );
  const invoicesFile = await open<InvoicesFile>(
    DATA_FILES.invoices,
    () => ({ schemaVersion: SCHEMA_VERSION, invoices: [] }),
    { check: checkList('invoices') },
  );
  const secretsFile = await open<SecretsFile>(DATA_FILES.secrets, () => ({ smtpPasswords: {} }), {
    mode: 0o600,
    check: checkSecrets,
  });

  const customerIndex = new Map<string, Customer>();
  const invoiceIndex = new Map<string, Invoice>();
  let passwords = new Map<string, string>();
  let named = new Map<string, string>();
  /** Decodes what the codec can; secrets kept by another codec (e.g. the desktop app's keychain) stay unknown. */
  const decodeMap = async (file: SecretsFile, entries: Record<string, string> | undefined) => {
    const next = new Map<string, string>();
    if ((file.codec ?? 'plain') === codec.name)
      for (const [id, stored] of Object.entries(entries ?? {})) next.set(id, await codec.decode(stored));
    return next;
  };
  const decodeSecrets = async (file: SecretsFile) => {
    passwords = await decodeMap(file, file.smtpPasswords);
    named = await decodeMap(file, file.secrets);
  };
  const index = () => {
    customerIndex.clear();
    invoiceIndex.clear();
    for (const c of customersFile.data.customers ?? []) customerIndex.set(c.id, c);
    for (const i of invoicesFile.data.invoices ?? []) invoiceIndex.set(i.id, i);
  };

  const backup = async () => {
    if (readOnly) return;
    try {
      await takeDailyBackup(dataDir, Object.values(DATA_FILES).map(path), today);
    } catch (e) {
      // A backup that cannot be written must not stop the program (nor reading commands): say so.
      // On a read-only disk Node's recursive mkdir reports ENOENT: ask the folder what is wrong.
      const cause = isStorageFault(e)
        ? e
        : await access(dataDir, constants.W_OK).then(
            () => e,
            (why: unknown) => why,
          );
      const err = storageError(cause, dataDir, 'fazer o backup diário');
      const message = err instanceof Error ? err.message : String(err);
      if (!warnings.includes(message)) warnings.push(message);
    }
  };

  /** Brings old files up to this version: in memory always, on disk when we may write. */
  const migrateIfNeeded = async () => {
    const from = settingsFile.existed ? (settingsFile.data.schemaVersion ?? 0) : SCHEMA_VERSION;
    if (from === SCHEMA_VERSION) return;
    const data = {
      settings: { ...settingsFile.data },
      customers: { ...customersFile.data },
      invoices: { ...invoicesFile.data },
    };
    const version = migrate(data, from);
    for (const d of Object.values(data)) d.schemaVersion = version;
    if (readOnly) {
      settingsFile.data = data.settings;
      customersFile.data = data.customers;
      invoicesFile.data = data.invoices;
      return;
    }
    await commitAll([
      () => customersFile.stage(data.customers),
      () => invoicesFile.stage(data.invoices),
      () => settingsFile.stage(data.settings),
    ]);
  };

  /** Stages every file, then renames them in place: a full disk fails before any file changes. */
  const commitAll = async (writes: (() => Promise<StagedWrite>)[]) => {
    const staged: StagedWrite[] = [];
    try {
      for (const stage of writes) staged.push(await stage());
    } catch (e) {
      await Promise.all(staged.map((s) => s.discard()));
      throw storageError(e, dataDir);
    }
    try {
      for (const s of staged) await s.commit();
    } catch (e) {
      throw storageError(e, dataDir);
    }
  };

  // Back up only files that all parsed, and before any migration rewrites them.
  await backup();
  await decodeSecrets(secretsFile.data);
  await migrateIfNeeded();
  index();

  /**
   * Runs each change on one transaction and commits them together. A change that throws is rolled
   * back alone (the others still apply); the commit failing fails them all.
   */
  const transact = async (
    fns: readonly ((tx: StoreTx) => unknown)[],
    commit: boolean,
  ): Promise<{ results: Settled[]; changed: StoreArea[] }> => {
    let settings: SettingsFile | null = null;
    let customers = new Map<string, Customer | null>();
    let invoices = new Map<string, Invoice | null>();
    let secretChanges = new Map<string, string>();
    let namedChanges = new Map<string, string>();
    let customerList: readonly Customer[] | null = null;
    let invoiceList: readonly Invoice[] | null = null;
    const pendingPassword = (id: string) =>
      secretChanges.has(id) ? secretChanges.get(id)! || null : (passwords.get(id) ?? null);
    const pendingSecret = (name: string) =>
      namedChanges.has(name) ? namedChanges.get(name)! || null : (named.get(name) ?? null);

    const tx: StoreTx = {
      settings: () => settings ?? settingsFile.data,
      customers: () => (customerList ??= applyChanges(customersFile.data.customers, customers)),
      invoices: () => (invoiceList ??= applyChanges(invoicesFile.data.invoices, invoices)),
      customer: (id) => (customers.has(id) ? (customers.get(id) ?? undefined) : customerIndex.get(id)),
      invoice: (id) => (invoices.has(id) ? (invoices.get(id) ?? undefined) : invoiceIndex.get(id)),
      smtpPassword: pendingPassword,
      secret: pendingSecret,
      setSettings(next) {
        // Secrets never land in settings.json: each moves to the secrets file, under its account.
        const smtpAccounts = next.smtpAccounts.map(({ password, ...account }) => {
          if (password) secretChanges.set(account.id, password);
          if (account.dkim?.privateKey)
            namedChanges.set(secretName('dkim', account.id), account.dkim.privateKey);
          if (account.bounceMailbox?.password)
            namedChanges.set(secretName('imap', account.id), account.bounceMailbox.password);
          return {
            ...account,
            ...(account.dkim ? { dkim: { ...account.dkim, privateKey: undefined } } : {}),
            ...(account.bounceMailbox
              ? { bounceMailbox: { ...account.bounceMailbox, password: undefined } }
              : {}),
          };
        });
        settings = { ...next, smtpAccounts, schemaVersion: SCHEMA_VERSION };
      },
      upsertCustomers(list) {
        for (const c of list) customers.set(c.id, c);
        if (list.length) customerList = null;
      },
      upsertInvoices(list) {
        for (const i of list) invoices.set(i.id, i);
        if (list.length) invoiceList = null;
      },
      removeCustomers(ids) {
        for (const id of ids) if (tx.customer(id)) customers.set(id, null);
        customerList = null;
      },
      removeInvoices(ids) {
        for (const id of ids) if (tx.invoice(id)) invoices.set(id, null);
        invoiceList = null;
      },
      setSmtpPasswords(changes) {
        for (const [id, value] of Object.entries(changes)) secretChanges.set(id, value);
      },
      setSecrets(changes) {
        for (const [name, value] of Object.entries(changes)) namedChanges.set(name, value);
      },
    };

    const results: Settled[] = [];
    for (const fn of fns) {
      const mark: Mark = {
        settings,
        customers: new Map(customers),
        invoices: new Map(invoices),
        secrets: new Map(secretChanges),
        named: new Map(namedChanges),
      };
      try {
        results.push({ ok: true, value: await fn(tx) });
      } catch (error) {
        ({ settings, customers, invoices } = mark);
        secretChanges = mark.secrets;
        namedChanges = mark.named;
        customerList = invoiceList = null;
        results.push({ ok: false, error });
      }
    }
    if (!commit) return { results, changed: [] };
    const writes: (() => Promise<StagedWrite>)[] = [];
    const changed = new Set<StoreArea>();
    let nextPasswords: Map<string, string> | null = null;
    let nextNamed: Map<string, string> | null = null;
    if (customers.size) {
      const next = { ...customersFile.data, customers: [...tx.customers()], schemaVersion: SCHEMA_VERSION };
      writes.push(() => customersFile.stage(next));
      changed.add('records');
    }
    if (invoices.size) {
      const next = { ...invoicesFile.data, invoices: [...tx.invoices()], schemaVersion: SCHEMA_VERSION };
      writes.push(() => invoicesFile.stage(next));
      changed.add('records');
    }
    if (secretChanges.size || namedChanges.size) {
      const applied = (current: Map<string, string>, changes: Map<string, string>) => {
        const next = new Map(current);
        for (const [id, v] of changes) {
          if (v === '') next.delete(id);
          else next.set(id, v);
        }
        return next;
      };
      nextPasswords = applied(passwords, secretChanges);
      nextNamed = applied(named, namedChanges);
      const encode = async (map: Map<string, string>) => {
        const out: Record<string, string> = {};
        for (const [id, plain] of map) out[id] = await codec.encode(plain);
        return out;
      };
      const file: SecretsFile = { codec: codec.name, smtpPasswords: await encode(nextPasswords) };
      if (nextNamed.size) file.secrets = await encode(nextNamed);
      writes.push(() => secretsFile.stage(file));
      changed.add('settings');
    }
    if (settings) {
      const next = settings;
      writes.push(() => settingsFile.stage(next));
      changed.add('settings');
    }
    // Records first: settings never point at customers or invoices, so a crash between two renames
    // leaves a consistent store (at worst, new invoices whose billing method is not there yet).
    if (writes.length) await commitAll(writes);
    if (nextPasswords) passwords = nextPasswords;
    if (nextNamed) named = nextNamed;
    if (customers.size || invoices.size) index();
    return { results, changed: [...changed] };
  };

  const store: Store = {
    dataDir,
    warnings,
    settings: () => settingsFile.data,
    customers: () => customersFile.data.customers,
    customer: (id) => customerIndex.get(id),
    invoices: () => invoicesFile.data.invoices,
    invoice: (id) => invoiceIndex.get(id),
    smtpPassword: (id) => passwords.get(id) ?? null,
    secret: (name) => named.get(name) ?? null,

    async preview<T>(fn: (tx: StoreTx) => T | Promise<T>): Promise<Awaited<T>> {
      const [result] = (await transact([fn], false)).results;
      if (!result!.ok) throw result!.error;
      return result!.value as Awaited<T>;
    },

    writeBatch: (fns) => transact(fns, true),

    async changedOnDisk() {
      const files = [settingsFile, customersFile, invoicesFile, secretsFile] as JsonFile<unknown>[];
      return (await Promise.all(files.map((f) => f.changedOnDisk()))).some(Boolean);
    },

    async reloadIfChanged() {
      const changed = new Set<StoreArea>();
      const pairs = [
        [settingsFile, DATA_FILES.settings, 'settings'],
        [customersFile, DATA_FILES.customers, 'records'],
        [invoicesFile, DATA_FILES.invoices, 'records'],
        [secretsFile, DATA_FILES.secrets, 'settings'],
      ] as const;
      for (const [file, name, area] of pairs)
        if (await file.changedOnDisk()) {
          await reload(file as JsonFile<unknown>, name);
          changed.add(area);
        }
      if (changed.size === 0) return [];
      await decodeSecrets(secretsFile.data);
      await migrateIfNeeded();
      index();
      return [...changed];
    },

    backup,
  };
  return store;
}
