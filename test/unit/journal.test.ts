import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJournal, type Journal } from '../../main/services/journal';
import { DataFileCorruptError } from '../../main/services/storage-errors';
import { createLedger, type DeliveryRecord } from '../../main/services/ledger';
import type { RuleDeliveryRecord } from '../../shared/records';
import { canMountTmpfs, mountSmallDisk } from '../support/tmpfs';
import { createRunLog, type RunRecord } from '../../main/services/run-log';

let dir: string;
const opened: { close(): Promise<void> }[] = [];
const track = <T extends { close(): Promise<void> }>(x: T): T => {
  opened.push(x);
  return x;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regua-journal-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
  await rm(dir, { recursive: true, force: true });
});

interface Rec {
  n: number;
  who?: string;
}
const journalAt = (file: string): Journal<Rec> => track(createJournal<Rec>(file));

describe('journal', () => {
  it('a missing file loads as empty and is not created by loading', async () => {
    const file = join(dir, 'j.jsonl');
    expect(await journalAt(file).load()).toEqual([]);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('append then load in a fresh instance returns the records, one JSON line each', async () => {
    const file = join(dir, 'j.jsonl');
    const a = journalAt(file);
    await a.append([{ n: 1 }, { n: 2, who: 'ção' }]);
    await a.append([{ n: 3 }]);
    await a.append([]);
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2,"who":"ção"}\n{"n":3}\n');
    expect(await journalAt(file).load()).toEqual([{ n: 1 }, { n: 2, who: 'ção' }, { n: 3 }]);
  });

  it('concurrent appends all land, each caller’s batch contiguous and in call order', async () => {
    const file = join(dir, 'j.jsonl');
    const j = journalAt(file);
    const callers = Array.from({ length: 50 }, (_, c) =>
      j.append([
        { n: 0, who: `c${c}` },
        { n: 1, who: `c${c}` },
        { n: 2, who: `c${c}` },
      ]),
    );
    await Promise.all(callers);
    const loaded = await journalAt(file).load();
    expect(loaded).toHaveLength(150);
    expect(loaded).toEqual(
      Array.from({ length: 50 }, (_, c) => [0, 1, 2].map((n) => ({ n, who: `c${c}` }))).flat(),
    );
  });

  it('appends made while a flush is under way resolve only once they are on disk', async () => {
    const file = join(dir, 'j.jsonl');
    const j = journalAt(file);
    const first = j.append([{ n: 1 }]);
    const second = j.append([{ n: 2 }]);
    await second;
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n');
    await first;
  });

  it('a torn last line is skipped and reported on load, and cut off by the next append', async () => {
    const file = join(dir, 'j.jsonl');
    await writeFile(file, '{"n":1}\n{"n":2}\n{"n":3,"who":"tor');
    const j = journalAt(file);
    expect(await j.load()).toEqual([{ n: 1 }, { n: 2 }]);
    // A reader never cuts: the partial line may be another process's append in progress.
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3,"who":"tor');
    expect(await j.tornTail()).toBe('{"n":3,"who":"tor'.length);
    await j.append([{ n: 4 }]);
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":4}\n');
    expect(await journalAt(file).load()).toEqual([{ n: 1 }, { n: 2 }, { n: 4 }]);
  });

  it('a file holding only a torn first line loads empty; repairTail cuts it to nothing', async () => {
    const file = join(dir, 'j.jsonl');
    await writeFile(file, '{"n":1');
    const j = journalAt(file);
    expect(await j.load()).toEqual([]);
    expect(await j.repairTail()).toEqual({ records: [], cutBytes: 6 });
    expect(await readFile(file, 'utf8')).toBe('');
    expect(await j.tornTail()).toBe(0);
  });

  it('a corrupt middle line stops with the file, the line and the newest good backup named, and changes nothing', async () => {
    const file = join(dir, 'j.jsonl');
    const content = '{"n":1}\n{"n":2\n{"n":3}\n';
    await writeFile(file, content);
    const backup = join(dir, 'backups', '2021-03-05', 'j.jsonl');
    const error = await track(createJournal<Rec>(file, { newestGoodBackup: async () => backup }))
      .load()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(DataFileCorruptError);
    expect(error).toMatchObject({ file, backup });
    expect((error as Error).message).toBe(
      `O arquivo ${file} está corrompido (linha 2 ilegível) e não foi alterado. Backup válido mais recente: ${backup}. Copie-o sobre o arquivo corrompido para restaurar.`,
    );
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('readNew sees lines another instance appended, and only those', async () => {
    const file = join(dir, 'j.jsonl');
    const reader = journalAt(file);
    const writer = journalAt(file);
    await writer.append([{ n: 1 }]);
    expect(await reader.load()).toEqual([{ n: 1 }]);
    expect(await reader.readNew()).toEqual([]);
    await writer.append([{ n: 2 }, { n: 3 }]);
    expect(await reader.readNew()).toEqual([{ n: 2 }, { n: 3 }]);
    expect(await reader.readNew()).toEqual([]);
  });

  it('readNew waits for a half-written line to be completed', async () => {
    const file = join(dir, 'j.jsonl');
    await writeFile(file, '{"n":1}\n');
    const reader = journalAt(file);
    await reader.load();
    await appendFile(file, '{"n":2,"who":"hal');
    expect(await reader.readNew()).toEqual([]);
    await appendFile(file, 'f"}\n');
    expect(await reader.readNew()).toEqual([{ n: 2, who: 'half' }]);
  });

  it('readNew does not return the instance’s own appends', async () => {
    const file = join(dir, 'j.jsonl');
    const j = journalAt(file);
    await j.load();
    await j.append([{ n: 1 }]);
    expect(await j.readNew()).toEqual([]);
  });

  // Two processes share the ledger (daemon and desktop app). After its own append, an instance jumps
  // its read offset to the end of the file, past lines the other process wrote in between.
  it('readNew still sees another instance’s line that landed before this instance’s own append', async () => {
    const file = join(dir, 'j.jsonl');
    const a = journalAt(file);
    const b = journalAt(file);
    await a.load();
    await b.load();
    await b.append([{ n: 1, who: 'b' }]);
    await a.append([{ n: 2, who: 'a' }]);
    expect(await a.readNew()).toEqual([{ n: 1, who: 'b' }]);
  });

  it('a corrupt line met by readNew is reported with its real line number', async () => {
    const file = join(dir, 'j.jsonl');
    await writeFile(file, '{"n":1}\n{"n":2}\n');
    const reader = journalAt(file);
    await reader.load();
    await appendFile(file, '{"n":3}\n{"n":\n');
    const error = await reader.readNew().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataFileCorruptError);
    expect((error as Error).message).toContain('linha 4 ilegível');
    expect((error as Error).message).toContain('Nenhum backup válido');
  });
});

const delivery = (
  key: string,
  status: DeliveryRecord['status'],
  over: Partial<RuleDeliveryRecord> = {},
): RuleDeliveryRecord => ({
  key,
  status,
  at: '2021-03-05T11:10:00.000Z',
  invoiceId: key.split('|')[0]!,
  customerId: 'c1',
  origin: 'rule',
  ruleId: 'r1',
  kind: 'after_due',
  days: 13,
  dueDate: '2021-02-20',
  referenceDate: '2021-03-05',
  ...over,
});

describe('ledger', () => {
  it('state and latest follow the last record of each key; history keeps them all', async () => {
    const file = join(dir, 'deliveries.jsonl');
    const ledger = track(createLedger(file));
    await ledger.load();
    await ledger.record([delivery('f1|x', 'sending'), delivery('f2|x', 'sending')]);
    await ledger.record([delivery('f1|x', 'sent', { messageId: '<m1>' }), delivery('f2|x', 'pending')]);
    expect(ledger.state('f1|x')).toBe('sent');
    expect(ledger.latest('f1|x')?.messageId).toBe('<m1>');
    expect(ledger.state('f2|x')).toBe('pending');
    expect(ledger.state('nope')).toBeUndefined();
    expect(ledger.history().map((r) => [r.key, r.status])).toEqual([
      ['f1|x', 'sending'],
      ['f2|x', 'sending'],
      ['f1|x', 'sent'],
      ['f2|x', 'pending'],
    ]);

    const reopened = track(createLedger(file));
    await reopened.load();
    expect(reopened.state('f1|x')).toBe('sent');
    expect(reopened.state('f2|x')).toBe('pending');
    expect(reopened.history()).toHaveLength(4);
  });

  it('settleInterrupted turns a latest `sending` into a durable `uncertain` and returns it', async () => {
    const file = join(dir, 'deliveries.jsonl');
    const dead = track(createLedger(file));
    await dead.load();
    await dead.record([
      delivery('f1|x', 'sending'),
      delivery('f2|x', 'sending'),
      delivery('f3|x', 'sending'),
    ]);
    await dead.record([delivery('f2|x', 'sent')]);

    const ledger = track(createLedger(file));
    await ledger.load();
    const now = new Date('2021-03-06T12:00:00Z');
    const { settled } = await ledger.settleInterrupted(now);
    expect(settled.map((r) => r.key).sort()).toEqual(['f1|x', 'f3|x']);
    for (const r of settled) {
      expect(r).toMatchObject({
        status: 'uncertain',
        at: '2021-03-06T12:00:00.000Z',
        reasonCode: 'interrupted',
      });
      expect(r.reason).toContain('interrompido');
      expect(r.reason).toContain('Reenviar');
    }
    expect(ledger.state('f1|x')).toBe('uncertain');
    expect(ledger.state('f2|x')).toBe('sent');

    const again = track(createLedger(file));
    await again.load();
    expect(again.state('f1|x')).toBe('uncertain');
    expect(again.state('f3|x')).toBe('uncertain');
    expect(await again.settleInterrupted(now)).toEqual({ settled: [], cutBytes: 0 });
  });

  it('pending() lists only keys whose latest state is pending', async () => {
    const ledger = track(createLedger(join(dir, 'deliveries.jsonl')));
    await ledger.load();
    await ledger.record([
      delivery('a|x', 'pending'),
      delivery('b|x', 'pending'),
      delivery('c|x', 'failed'),
      delivery('d|x', 'sent'),
      delivery('e|x', 'sending'),
    ]);
    await ledger.record([
      delivery('b|x', 'sent'),
      delivery('d|x', 'pending', { referenceDate: '2021-03-06' }),
    ]);
    expect(ledger.pending().sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      {
        key: 'a|x',
        invoiceId: 'a',
        kind: 'after_due',
        days: 13,
        dueDate: '2021-02-20',
        referenceDate: '2021-03-05',
      },
      {
        key: 'd|x',
        invoiceId: 'd',
        kind: 'after_due',
        days: 13,
        dueDate: '2021-02-20',
        referenceDate: '2021-03-06',
      },
    ]);
  });

  it('sync() picks up another process’s records', async () => {
    const file = join(dir, 'deliveries.jsonl');
    const mine = track(createLedger(file));
    const theirs = track(createLedger(file));
    await mine.load();
    await theirs.load();
    await theirs.record([delivery('f1|x', 'sent')]);
    expect(mine.state('f1|x')).toBeUndefined();
    await mine.sync();
    expect(mine.state('f1|x')).toBe('sent');
  });

  it('sync() sees another process’s record that landed just before one of our own', async () => {
    const file = join(dir, 'deliveries.jsonl');
    const mine = track(createLedger(file));
    const theirs = track(createLedger(file));
    await mine.load();
    await theirs.load();
    await theirs.record([delivery('f1|x', 'sent')]); // e.g. a Reenviar from the desktop app
    await mine.record([delivery('f2|x', 'sending')]);
    await mine.sync();
    expect(mine.state('f1|x')).toBe('sent');
  });
});

describe('run log', () => {
  const run = (over: Partial<RunRecord>): RunRecord => ({
    id: 'run1',
    routineId: 'diaria',
    date: '2021-03-05',
    trigger: 'schedule',
    status: 'completed',
    startedAt: '2021-03-05T11:10:00.000Z',
    ...over,
  });

  it('lastCompletedBefore picks the latest completed run strictly before the date', async () => {
    const log = track(createRunLog(join(dir, 'runs.jsonl')));
    await log.load();
    await log.record(run({ id: 'a', date: '2021-03-01' }));
    await log.record(run({ id: 'b', date: '2021-03-03' }));
    await log.record(run({ id: 'c', date: '2021-03-04', status: 'aborted' }));
    await log.record(run({ id: 'd', date: '2021-03-05' }));
    await log.record(run({ id: 'e', date: '2021-03-04', routineId: 'outra' }));
    expect(log.lastCompletedBefore('diaria', '2021-03-05')?.id).toBe('b');
    expect(log.lastCompletedBefore('diaria', '2021-03-01')).toBeUndefined();
  });

  it('settleInterrupted marks running runs interrupted, durably', async () => {
    const file = join(dir, 'runs.jsonl');
    const dead = track(createRunLog(file));
    await dead.load();
    await dead.record(run({ id: 'a', status: 'running' }));
    await dead.record(run({ id: 'b', status: 'running' }));
    await dead.record(run({ id: 'b', status: 'completed' }));

    const log = track(createRunLog(file));
    await log.load();
    const settled = await log.settleInterrupted(new Date('2021-03-06T00:00:00Z'));
    expect(settled.map((r) => [r.id, r.status, r.finishedAt])).toEqual([
      ['a', 'interrupted', '2021-03-06T00:00:00.000Z'],
    ]);

    const again = track(createRunLog(file));
    await again.load();
    expect(again.all().map((r) => [r.id, r.status])).toEqual([
      ['a', 'interrupted'],
      ['b', 'completed'],
    ]);
  });
});

describe.runIf(canMountTmpfs)('on a disk that fills up (a real tmpfs)', () => {
  it('an append the disk refuses leaves the file exactly as it was, and the next one lands clean', async () => {
    const disk = await mountSmallDisk(64);
    try {
      const file = join(disk.dir, 'j.jsonl');
      const j = createJournal<Rec>(file);
      await j.append([{ n: 1 }, { n: 2 }]);
      const before = await readFile(file, 'utf8');
      // 8 KB left: the batch below is partly written before the disk refuses the rest.
      await disk.fill(8192);
      const big = Array.from({ length: 500 }, (_, i) => ({ n: i, who: 'x'.repeat(100) }));
      await expect(j.append(big)).rejects.toMatchObject({ code: 'ENOSPC' });
      expect(await readFile(file, 'utf8')).toBe(before);
      await disk.free();
      await j.append([{ n: 3 }]);
      await j.close();
      expect(await createJournal<Rec>(file).load()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    } finally {
      await disk.unmount();
    }
  });
});

describe('concurrent reads', () => {
  it('two readNew calls at once hand out each new line once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'regua-journal-race-'));
    const file = join(dir, 'j.jsonl');
    const reader = createJournal<{ n: number }>(file);
    await reader.load();
    const writer = createJournal<{ n: number }>(file);
    await writer.append([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const [a, b] = await Promise.all([reader.readNew(), reader.readNew()]);
    expect([...a, ...b].map((r) => r.n)).toEqual([1, 2, 3]);
    await writer.close();
    await reader.close();
  });
});
