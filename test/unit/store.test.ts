import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Customer, Invoice, Settings } from '../../shared/domain';
import { SCHEMA_VERSION } from '../../main/services/store/migrations/index';
import {
  DATA_FILES,
  openStore,
  secretName,
  type SecretCodec,
  type Store,
} from '../../main/services/store/store';
import { DataFileCorruptError as StoreCorruptError } from '../../main/services/storage-errors';

let dir: string;
const stores: Store[] = [];
const open = async (today = '2026-03-10', at = dir) => {
  const s = await openStore(at, today);
  stores.push(s);
  return s;
};
const file = (name: string) => join(dir, name);
/** One write of the store, as the engine makes them. */
const write = async (store: Store, fn: Parameters<Store['writeBatch']>[0][number]) => {
  const { results } = await store.writeBatch([fn]);
  if (!results[0]!.ok) throw results[0]!.error;
};
const save = (store: Store, next: Settings) => write(store, (tx) => tx.setSettings(next));
const upsert = (store: Store, r: { customers?: Customer[]; invoices?: Invoice[] }) =>
  write(store, (tx) => {
    tx.upsertCustomers(r.customers ?? []);
    tx.upsertInvoices(r.invoices ?? []);
  });
const setPasswords = (store: Store, p: Record<string, string>) =>
  write(store, (tx) => tx.setSmtpPasswords(p));
const read = (name: string) => readFile(file(name), 'utf8');
const readJson = async (name: string) => JSON.parse(await read(name)) as Record<string, unknown>;
const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );
const fingerprint = async (name: string) => {
  const s = await stat(file(name));
  return { ino: s.ino, mtimeMs: s.mtimeMs, content: await read(name) };
};
const tick = (ms = 25) => new Promise((r) => setTimeout(r, ms));

const settings = (over: Partial<Settings> = {}): Settings => ({
  company: { name: 'Provedor Exemplo Ltda', timezone: 'America/Sao_Paulo' },
  smtpAccounts: [
    {
      id: 'principal',
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      user: 'regua',
      fromName: 'Provedor Exemplo',
      fromAddress: 'cobranca@provedor.example',
      allowSelfSigned: false,
    },
  ],
  layouts: [],
  billingMethods: [{ id: 'boleto', name: 'Boleto Bancário', active: true, sendRules: [] }],
  routines: [],
  holidays: [],
  ...over,
});
const customer = (id: string, over: Partial<Customer> = {}): Customer => ({
  id,
  name: `Cliente ${id}`,
  email: `${id}@cliente.example`,
  active: true,
  emailOptOut: false,
  ...over,
});
const invoice = (id: string, over: Partial<Invoice> = {}): Invoice => ({
  id,
  customerId: 'c1',
  billingMethodId: 'boleto',
  number: `N-${id}`,
  issueDate: '2021-02-01',
  dueDate: '2021-02-20',
  amountCents: 9990,
  status: 'open',
  ...over,
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regua-store-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  stores.splice(0);
  await rm(dir, { recursive: true, force: true });
});

describe('openStore: fresh directory', () => {
  it('starts empty and writes no data file until something is saved', async () => {
    const store = await open();
    expect(store.settings()).toEqual({
      schemaVersion: SCHEMA_VERSION,
      company: null,
      smtpAccounts: [],
      layouts: [],
      billingMethods: [],
      routines: [],
      holidays: [],
    });
    expect(store.customers()).toEqual([]);
    expect(store.invoices()).toEqual([]);
    for (const name of [DATA_FILES.settings, DATA_FILES.customers, DATA_FILES.invoices, DATA_FILES.secrets])
      expect(await exists(file(name))).toBe(false);
  });

  it('creates the data directory and the settings file on the first save, with the schema version', async () => {
    dir = join(dir, 'nested', 'Régua');
    const store = await open();
    await save(store, settings());
    expect(await readJson(DATA_FILES.settings)).toEqual({ ...settings(), schemaVersion: SCHEMA_VERSION });
    expect(await exists(file(DATA_FILES.customers))).toBe(false);
    await upsert(store, { customers: [customer('c1')] });
    expect(await readJson(DATA_FILES.customers)).toEqual({
      schemaVersion: SCHEMA_VERSION,
      customers: [customer('c1')],
    });
    expect(await exists(file(DATA_FILES.invoices))).toBe(false);
  });

  it('a second instance reads what the first saved', async () => {
    const a = await open();
    await save(a, settings());
    await upsert(a, { customers: [customer('c1')], invoices: [invoice('f1')] });
    const b = await open();
    expect(b.settings()).toEqual({ ...settings(), schemaVersion: SCHEMA_VERSION });
    expect(b.customer('c1')).toEqual(customer('c1'));
    expect(b.invoice('f1')).toEqual(invoice('f1'));
  });
});

describe('writes', () => {
  it('saveSettings does not rewrite customers.json or invoices.json', async () => {
    const store = await open();
    await upsert(store, { customers: [customer('c1')], invoices: [invoice('f1')] });
    const before = [await fingerprint(DATA_FILES.customers), await fingerprint(DATA_FILES.invoices)];
    await tick();
    await save(store, settings());
    await save(store, settings({ holidays: [{ date: '2026-01-25', name: 'Aniversário', yearly: true }] }));
    expect([await fingerprint(DATA_FILES.customers), await fingerprint(DATA_FILES.invoices)]).toEqual(before);
    expect((await readJson(DATA_FILES.settings)).holidays).toHaveLength(1);
  });

  it('upserting customers only does not rewrite invoices.json', async () => {
    const store = await open();
    await upsert(store, { customers: [customer('c1')], invoices: [invoice('f1')] });
    const invoicesBefore = await fingerprint(DATA_FILES.invoices);
    const customersBefore = await fingerprint(DATA_FILES.customers);
    await tick();
    await upsert(store, { customers: [customer('c2')], invoices: [] });
    expect(await fingerprint(DATA_FILES.invoices)).toEqual(invoicesBefore);
    expect(await fingerprint(DATA_FILES.customers)).not.toEqual(customersBefore);
  });

  it('upsertRecords replaces by id in place and appends new ids, keeping order', async () => {
    const store = await open();
    await upsert(store, { customers: [customer('c1'), customer('c2'), customer('c3')] });
    await upsert(store, {
      customers: [customer('c4'), customer('c2', { name: 'Novo nome' }), customer('c5')],
    });
    const expected = ['c1', 'c2', 'c3', 'c4', 'c5'];
    expect(store.customers().map((c) => c.id)).toEqual(expected);
    expect(store.customer('c2')?.name).toBe('Novo nome');
    const onDisk = (await readJson(DATA_FILES.customers)).customers as Customer[];
    expect(onDisk.map((c) => c.id)).toEqual(expected);
    expect(onDisk[1]!.name).toBe('Novo nome');
  });

  it('upsertRecords indexes invoices, a repeated id in one batch keeping the last', async () => {
    const store = await open();
    await upsert(store, {
      invoices: [invoice('f1'), invoice('f2'), invoice('f1', { status: 'paid' })],
    });
    expect(store.invoices().map((i) => [i.id, i.status])).toEqual([
      ['f1', 'paid'],
      ['f2', 'open'],
    ]);
    expect(store.invoice('f1')?.status).toBe('paid');
    expect(store.invoice('nope')).toBeUndefined();
  });

  it('a batch of changes is written in one commit, and a change that throws is undone alone', async () => {
    const store = await open();
    await upsert(store, { customers: [customer('c1')] });
    const before = await fingerprint(DATA_FILES.customers);
    const { results, changed } = await store.writeBatch([
      (tx) => tx.upsertCustomers([customer('c2')]),
      (tx) => {
        tx.upsertCustomers([customer('c3')]);
        throw new Error('recusado');
      },
      (tx) => tx.upsertCustomers([customer('c4')]),
      (tx) => tx.setSettings(settings()),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
    expect(changed.sort()).toEqual(['records', 'settings']);
    expect(store.customers().map((c) => c.id)).toEqual(['c1', 'c2', 'c4']);
    const onDisk = (await readJson(DATA_FILES.customers)).customers as Customer[];
    expect(onDisk.map((c) => c.id)).toEqual(['c1', 'c2', 'c4']);
    expect(await fingerprint(DATA_FILES.customers)).not.toEqual(before);
  });

  it('a change that throws alone writes nothing', async () => {
    const store = await open();
    await save(store, settings());
    const before = await fingerprint(DATA_FILES.settings);
    await tick();
    await expect(
      write(store, (tx) => {
        tx.setSettings(settings({ company: null }));
        throw new Error('recusado');
      }),
    ).rejects.toThrow('recusado');
    expect(await fingerprint(DATA_FILES.settings)).toEqual(before);
    expect(store.settings().company).toEqual(settings().company);
  });
});

describe('secrets', () => {
  it('keeps passwords through the given codec and reads them back decoded; another codec cannot', async () => {
    const rot13: SecretCodec = {
      name: 'rot13',
      encode: async (v) =>
        v.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97)),
      decode: async (v) =>
        v.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97)),
    };
    const first = await openStore(dir, '2026-03-10', { codec: rot13 });
    await setPasswords(first, { principal: 'segredo' });
    expect(await readJson(DATA_FILES.secrets)).toEqual({
      codec: 'rot13',
      smtpPasswords: { principal: 'frterqb' },
    });
    expect((await openStore(dir, '2026-03-10', { codec: rot13 })).smtpPassword('principal')).toBe('segredo');
    expect((await openStore(dir, '2026-03-10')).smtpPassword('principal')).toBeNull();
  });

  it('secrets.json is owner-only (0600), holds the passwords, and settings.json never does', async () => {
    const store = await open();
    await save(store, settings());
    await setPasswords(store, { principal: 'segredo-muito-secreto' });
    expect((await stat(file(DATA_FILES.secrets))).mode & 0o777).toBe(0o600);
    expect(store.smtpPassword('principal')).toBe('segredo-muito-secreto');
    expect(store.smtpPassword('outra')).toBeNull();
    expect(await read(DATA_FILES.settings)).not.toContain('segredo-muito-secreto');
    expect(await readJson(DATA_FILES.secrets)).toEqual({
      codec: 'plain',
      smtpPasswords: { principal: 'segredo-muito-secreto' },
    });

    await setPasswords(store, { outra: 'x' });
    expect((await stat(file(DATA_FILES.secrets))).mode & 0o777).toBe(0o600);
    const reopened = await open();
    expect(reopened.smtpPassword('principal')).toBe('segredo-muito-secreto');
    expect(reopened.smtpPassword('outra')).toBe('x');
  });

  it('the daily backup copy of secrets.json is owner-only too', async () => {
    const first = await open('2026-03-10');
    await setPasswords(first, { principal: 'segredo' });
    await open('2026-03-11');
    const copy = join(dir, 'backups', '2026-03-11', DATA_FILES.secrets);
    expect(JSON.parse(await readFile(copy, 'utf8'))).toEqual({
      codec: 'plain',
      smtpPasswords: { principal: 'segredo' },
    });
    expect((await stat(copy)).mode & 0o777).toBe(0o600);
  });

  it('a password handed to saveSettings inside an SMTP account is not written to settings.json', async () => {
    const store = await open();
    const withPassword = settings();
    withPassword.smtpAccounts[0]!.password = 'vazou-para-o-settings';
    await save(store, withPassword);
    expect(await read(DATA_FILES.settings)).not.toContain('vazou-para-o-settings');
  });
});

describe('named secrets (DKIM keys, bounce mailbox passwords)', () => {
  it('go through the codec into the owner-only secrets file, never into settings.json, and can be removed', async () => {
    const reverse: SecretCodec = {
      name: 'reverse',
      encode: async (v) => [...v].reverse().join(''),
      decode: async (v) => [...v].reverse().join(''),
    };
    const store = await openStore(dir, '2026-03-10', { codec: reverse });
    stores.push(store);
    const next = settings();
    next.smtpAccounts[0] = {
      ...next.smtpAccounts[0]!,
      dkim: { selector: 'regua202603', publicKey: 'MIIB', privateKey: 'chave-privada-secreta' },
      bounceMailbox: {
        host: 'imap.x',
        port: 993,
        security: 'tls',
        user: 'u',
        password: 'senha-imap',
        folder: 'INBOX',
      },
    };
    await save(store, next);
    expect(store.secret(secretName('dkim', 'principal'))).toBe('chave-privada-secreta');
    expect(store.secret(secretName('imap', 'principal'))).toBe('senha-imap');
    const settingsText = await read(DATA_FILES.settings);
    expect(settingsText).not.toContain('chave-privada-secreta');
    expect(settingsText).not.toContain('senha-imap');
    expect(settingsText).toContain('regua202603');
    expect(await readJson(DATA_FILES.secrets)).toEqual({
      codec: 'reverse',
      smtpPasswords: {},
      secrets: { 'dkim:principal': 'aterces-adavirp-evahc', 'imap:principal': 'pami-ahnes' },
    });
    expect((await stat(file(DATA_FILES.secrets))).mode & 0o777).toBe(0o600);

    const reopened = await openStore(dir, '2026-03-10', { codec: reverse });
    stores.push(reopened);
    expect(reopened.secret('dkim:principal')).toBe('chave-privada-secreta');
    // Another codec (the CLI on the desktop app's folder) cannot read them: unknown, not garbage.
    expect((await open()).secret('dkim:principal')).toBeNull();

    await write(reopened, (tx) => tx.setSecrets({ 'dkim:principal': '', 'imap:principal': '' }));
    expect(reopened.secret('dkim:principal')).toBeNull();
    expect(await readJson(DATA_FILES.secrets)).toEqual({ codec: 'reverse', smtpPasswords: {} });
  });

  it('a secret set by a change that throws is rolled back with it', async () => {
    const store = await open();
    const { results } = await store.writeBatch([
      (tx) => {
        tx.setSecrets({ 'dkim:principal': 'nao-fica' });
        throw new Error('desfaz');
      },
      (tx) => tx.setSecrets({ 'imap:principal': 'fica' }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(store.secret('dkim:principal')).toBeNull();
    expect(store.secret('imap:principal')).toBe('fica');
  });
});

describe('corruption', () => {
  /** A store with valid data whose backup of 2026-03-02 holds good copies of the files. */
  async function withGoodBackup() {
    const first = await open('2026-03-01');
    await save(first, settings());
    await upsert(first, { customers: [customer('c1')], invoices: [invoice('f1')] });
    await open('2026-03-02');
    return join(dir, 'backups', '2026-03-02');
  }

  it('a corrupt settings.json stops openStore naming the file and the newest good backup, leaving it unchanged', async () => {
    const backupDir = await withGoodBackup();
    await writeFile(file(DATA_FILES.settings), '{ broken');
    const error = await openStore(dir, '2026-03-03').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreCorruptError);
    const e = error as StoreCorruptError;
    expect(e.file).toBe(file(DATA_FILES.settings));
    expect(e.backup).toBe(join(backupDir, DATA_FILES.settings));
    expect(e.message).toContain(file(DATA_FILES.settings));
    expect(e.message).toContain(join(backupDir, DATA_FILES.settings));
    expect(e.message).toContain('não foi alterado');
    expect(await read(DATA_FILES.settings)).toBe('{ broken');
    // the corrupt state was not backed up, so it cannot push good backups out
    expect(await exists(join(dir, 'backups', '2026-03-03'))).toBe(false);
    // the named backup really is the good data
    expect(JSON.parse(await readFile(e.backup!, 'utf8'))).toEqual({
      ...settings(),
      schemaVersion: SCHEMA_VERSION,
    });
  });

  it('the newest backup that does not parse is passed over for an older good one', async () => {
    await withGoodBackup();
    await mkdir(join(dir, 'backups', '2026-03-05'), { recursive: true });
    await writeFile(join(dir, 'backups', '2026-03-05', DATA_FILES.customers), '{"customers": [');
    await writeFile(file(DATA_FILES.customers), '');
    await expect(openStore(dir, '2026-03-06')).rejects.toMatchObject({
      backup: join(dir, 'backups', '2026-03-02', DATA_FILES.customers),
    });
    expect(await read(DATA_FILES.customers)).toBe('');
  });

  it('with no good backup the message says so', async () => {
    await writeFile(file(DATA_FILES.invoices), '[1, 2');
    const error = (await openStore(dir, '2026-03-03').catch((e: unknown) => e)) as StoreCorruptError;
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect(error.backup).toBeNull();
    expect(error.message).toContain('Nenhum backup válido foi encontrado');
    expect(await read(DATA_FILES.invoices)).toBe('[1, 2');
  });

  // The daily backup is taken before secrets.json is read, so a corrupt secrets.json is copied into
  // today's backup; after BACKUP_DAYS_KEPT days of failed starts the good copies are rotated away.
  it('a corrupt secrets.json stops openStore naming the good backup, and is not itself backed up', async () => {
    const first = await open('2026-03-01');
    await setPasswords(first, { principal: 'segredo' });
    await open('2026-03-02');
    await writeFile(file(DATA_FILES.secrets), '{"smtpPasswords": {"principal": "seg');
    const error = (await openStore(dir, '2026-03-03').catch((e: unknown) => e)) as StoreCorruptError;
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect(error.file).toBe(file(DATA_FILES.secrets));
    expect(error.backup).toBe(join(dir, 'backups', '2026-03-02', DATA_FILES.secrets));
    expect(await read(DATA_FILES.secrets)).toBe('{"smtpPasswords": {"principal": "seg');
    expect(await exists(join(dir, 'backups', '2026-03-03', DATA_FILES.secrets))).toBe(false);
  });

  it('a week of failed starts on a corrupt secrets.json still names the last good backup', async () => {
    const first = await open('2026-03-01');
    await setPasswords(first, { principal: 'segredo' });
    await open('2026-03-02');
    await writeFile(file(DATA_FILES.secrets), '{"smtpPasswords": {"principal": "seg');
    let error: StoreCorruptError | null = null;
    for (let d = 3; d <= 10; d++)
      error = (await openStore(dir, `2026-03-${String(d).padStart(2, '0')}`).catch(
        (e: unknown) => e,
      )) as StoreCorruptError;
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect(error!.backup).toBe(join(dir, 'backups', '2026-03-02', DATA_FILES.secrets));
  });

  it('a JSON file that is not an object is corrupt', async () => {
    await writeFile(file(DATA_FILES.settings), '[]');
    await expect(openStore(dir, '2026-03-03')).rejects.toBeInstanceOf(StoreCorruptError);
    expect(await read(DATA_FILES.settings)).toBe('[]');
  });

  it('a settings.json from a newer schema version is refused with a clear message and left alone', async () => {
    const content = JSON.stringify({ ...settings(), schemaVersion: SCHEMA_VERSION + 98 });
    await writeFile(file(DATA_FILES.settings), content);
    await expect(openStore(dir, '2026-03-03')).rejects.toThrow(
      `os dados foram gravados por uma versão mais nova do Régua (esquema ${SCHEMA_VERSION + 98}; esta versão conhece até ${SCHEMA_VERSION})`,
    );
    expect(await read(DATA_FILES.settings)).toBe(content);
  });
});

describe('migrations', () => {
  it('a settings.json without schemaVersion is migrated: missing lists filled, version written', async () => {
    await writeFile(
      file(DATA_FILES.settings),
      JSON.stringify({ company: { name: 'Antiga', timezone: 'America/Sao_Paulo' } }),
    );
    await writeFile(file(DATA_FILES.customers), JSON.stringify({ customers: [customer('c1')] }));
    const store = await open();
    expect(store.settings()).toEqual({
      schemaVersion: SCHEMA_VERSION,
      company: { name: 'Antiga', timezone: 'America/Sao_Paulo' },
      smtpAccounts: [],
      layouts: [],
      billingMethods: [],
      routines: [],
      holidays: [],
    });
    expect(store.customer('c1')).toEqual(customer('c1'));
    expect((await readJson(DATA_FILES.settings)).schemaVersion).toBe(SCHEMA_VERSION);
    expect((await readJson(DATA_FILES.customers)).schemaVersion).toBe(SCHEMA_VERSION);
    expect(await readJson(DATA_FILES.invoices)).toEqual({ schemaVersion: SCHEMA_VERSION, invoices: [] });
  });

  // migrations/index.ts: "applied in order on open (after the daily backup)" — the backup of the day
  // must hold the data as it was before the migration rewrote it.
  it('the daily backup taken on open holds the pre-migration bytes', async () => {
    const original = JSON.stringify({ company: { name: 'Antiga', timezone: 'America/Sao_Paulo' } });
    await writeFile(file(DATA_FILES.settings), original);
    await open('2026-03-10');
    expect(await readFile(join(dir, 'backups', '2026-03-10', DATA_FILES.settings), 'utf8')).toBe(original);
  });
});

describe('backups', () => {
  it('each day’s first open copies the data files into backups/<date>/; later opens that day keep it', async () => {
    const a = await open('2026-03-10');
    await save(a, settings());
    await upsert(a, { customers: [customer('c1')], invoices: [invoice('f1')] });
    await open('2026-03-11');
    const day = join(dir, 'backups', '2026-03-11');
    expect((await readdir(day)).sort()).toEqual(
      [DATA_FILES.customers, DATA_FILES.invoices, DATA_FILES.settings].sort(),
    );
    expect(await readFile(join(day, DATA_FILES.settings), 'utf8')).toBe(await read(DATA_FILES.settings));

    const b = await open('2026-03-11');
    await save(b, settings({ company: null }));
    await open('2026-03-11');
    expect(JSON.parse(await readFile(join(day, DATA_FILES.settings), 'utf8')).company).toEqual(
      settings().company,
    );
  });

  it('rotation keeps the 7 most recent days', async () => {
    const first = await open('2026-03-01');
    await save(first, settings());
    for (let d = 2; d <= 10; d++) await open(`2026-03-${String(d).padStart(2, '0')}`);
    expect((await readdir(join(dir, 'backups'))).sort()).toEqual([
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
  });
});

describe('reloadIfChanged', () => {
  it('picks up another instance’s writes, and reports false when nothing changed', async () => {
    const mine = await open();
    const theirs = await open();
    expect(await mine.reloadIfChanged()).toEqual([]);

    await save(theirs, settings());
    await upsert(theirs, { customers: [customer('c1')], invoices: [invoice('f1')] });
    await setPasswords(theirs, { principal: 'segredo' });
    expect(mine.settings().company).toBeNull();

    expect((await mine.reloadIfChanged()).sort()).toEqual(['records', 'settings']);
    expect(mine.settings().company?.name).toBe('Provedor Exemplo Ltda');
    expect(mine.customer('c1')).toEqual(customer('c1'));
    expect(mine.invoice('f1')).toEqual(invoice('f1'));
    expect(mine.smtpPassword('principal')).toBe('segredo');
    expect(await mine.reloadIfChanged()).toEqual([]);
  });

  it('does not count the instance’s own writes as changes', async () => {
    const store = await open();
    await save(store, settings());
    await upsert(store, { customers: [customer('c1')] });
    expect(await store.reloadIfChanged()).toEqual([]);
  });

  it('sees a change to invoices.json alone', async () => {
    const mine = await open();
    const theirs = await open();
    await upsert(theirs, { invoices: [invoice('f9')] });
    expect(await mine.reloadIfChanged()).toEqual(['records']);
    expect(mine.invoices().map((i) => i.id)).toEqual(['f9']);
  });
});
