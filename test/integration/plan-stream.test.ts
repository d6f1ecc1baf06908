// `regua plan` as a user runs it: the output is one JSON document (streamed day by day), and a reader
// that stops early (`regua plan --json | head`) ends the command quietly, without a stack trace.
import { beforeAll, describe, expect, it } from 'vitest';
import { collect, runCli, spawnCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';

const N = 3000;
let dataDir: string;

beforeAll(async () => {
  dataDir = await tempDir();
  const doc = baseDocument(2525, {
    customers: Array.from({ length: N }, (_, i) => ({
      id: `c${i}`,
      name: `Cliente ${i}`,
      email: `c${i}@cliente.example`,
    })),
    invoices: Array.from({ length: N }, (_, i) =>
      invoice(`f${i}`, {
        customerId: `c${i}`,
        issueDate: '2021-01-01',
        dueDate: `2021-0${1 + (i % 9)}-${10 + (i % 18)}`,
      }),
    ),
  });
  const imported = await runCli(['--data-dir', dataDir, 'import', await writeDocument(dataDir, doc)], {
    timeoutMs: 120_000,
  });
  expect(imported.stderr).toBe('');
});

describe('regua plan', () => {
  it('writes a year as one JSON document, every notice in it', async () => {
    const out = await runCli(
      ['--data-dir', dataDir, 'plan', '--from', '2021-01-01', '--to', '2021-12-31', '--json'],
      {
        timeoutMs: 120_000,
      },
    );
    expect(out.code, out.stderr).toBe(0);
    const days = JSON.parse(out.stdout) as { date: string; routines: { due: unknown[] }[] }[];
    expect(days).toHaveLength(365);
    expect(days.reduce((n, d) => n + d.routines[0]!.due.length, 0)).toBe(N);
  });

  it('ends quietly when the reader stops early', async () => {
    const child = spawnCli([
      '--data-dir',
      dataDir,
      'plan',
      '--from',
      '2021-01-01',
      '--to',
      '2021-12-31',
      '--json',
    ]);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const first = await new Promise<string>((resolve) =>
      child.stdout!.once('data', (d: Buffer) => resolve(d.toString())),
    );
    expect(first.startsWith('[\n  {\n    "date": "2021-01-01"')).toBe(true);
    child.stdout!.destroy(); // like `head` exiting
    const done = await collect(child, 60_000);
    expect(done.code).toBe(0);
    expect(stderr).toBe('');
  });

  it('prints a day per block in text, the count first', async () => {
    const out = await runCli(['--data-dir', dataDir, 'plan', '--from', '2021-03-05', '--to', '2021-03-06']);
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^05\/03\/2021: \d+ aviso\(s\)$/);
    const count = Number(/: (\d+) aviso/.exec(lines[0]!)![1]);
    expect(lines.filter((l) => l.includes('→')).length).toBeGreaterThanOrEqual(count);
  });
});
