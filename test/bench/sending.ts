// Target 2: a real run sending 1,000 notices with PDFs, against a bare pooled nodemailer loop sending
// the same-sized messages to the same local SMTP server, alternated so both see the same machine noise.
// The run is measured the way the scheduler runs it: the app opens an hour before the routine's
// slot, prepares the run's e-mails in the background (rendered layouts, drawn PDFs), and at the slot
// the run sends them. A cold run, with nothing prepared, is measured beside it.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import type { Company, Customer, Invoice } from '../../shared/domain';
import { slotInstant } from '../../shared/schedule';
import { createEngine } from '../../main/engine';
import { offsetClock } from '../../main/services/clock';
import { createDocuments } from '../../main/services/documents';
import { loadDefaultLayouts, renderLayout, type TemplateContext } from '../../main/services/layouts';
import { assetsDir } from '../../main/services/paths';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { BILLING_METHOD, RETRY, RUN_DATE, generateDataset, settingsDocument, writeDataDir } from './data';
import { ms, type Row } from './stats';

export const SEND_RATIO_TARGET = 0.8;
const MESSAGES = 1000;
const ROUNDS = 4;
const AFTER_DUE_DAYS = 5; // the rule whose reference date is RUN_DATE for every generated invoice
const TZ = 'America/Sao_Paulo';
const SLOT = slotInstant(RUN_DATE, '08:10:00', TZ); // the bench routine's daily time
const HOUR = 3600_000;

interface Message {
  to: string;
  subject: string;
  html: string;
  text: string;
  pdf: { filename: string; content: Buffer };
}

export async function benchSending(root: string): Promise<Row[]> {
  const smtp = await startSmtpServer({ dir: await mkdirIn(root, 'smtp') });
  try {
    const dataset = generateDataset(MESSAGES, 42, { dueOffset: -AFTER_DUE_DAYS });
    const dataDirs: string[] = [];
    for (let r = 0; r <= ROUNDS; r++) {
      const dir = join(root, `send-${r}`);
      await writeDataDir(dir, dataset, smtp.port, true);
      dataDirs.push(dir);
    }
    const sample = await representative(dataset.customers[0]!, dataset.invoices[0]!);
    const messages = dataset.customers.map((c) => ({ ...sample, to: c.email! }));

    const bare: number[] = [];
    const regua: number[] = [];
    const preparing: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      bare.push(await measure(smtp, () => bareLoop(smtp, messages)));
      regua.push(
        await measure(smtp, () => reguaRun(dataDirs[r]!, true, (prepareMs) => preparing.push(prepareMs))),
      );
    }
    const cold = await measure(smtp, () => reguaRun(dataDirs[ROUNDS]!, false));
    const cost = await composeCost(dataset.customers, dataset.invoices, 100);
    // Context for the cold run: a bare loop that must also compose each message (render + PDF) itself.
    const composing = await measure(smtp, () => bareComposingLoop(smtp, dataset.customers, dataset.invoices));

    const bestBare = Math.max(...bare);
    const bestRegua = Math.max(...regua);
    const ratio = bestRegua / bestBare;
    const rates = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    const prepareMs = Math.min(...preparing);
    return [
      {
        metric: `bare nodemailer pool(5), ${MESSAGES} msgs, best of ${ROUNDS}`,
        measured: `${bestBare.toFixed(0)} msg/s`,
        target: 'baseline',
        ratio: `rounds: ${rates(bare)} msg/s`,
        pass: null,
      },
      {
        metric: `Régua scheduled run, ${MESSAGES} notices prepared ahead, best of ${ROUNDS}`,
        measured: `${bestRegua.toFixed(0)} msg/s`,
        target: `≥ ${(SEND_RATIO_TARGET * 100).toFixed(0)}% of bare`,
        ratio: `${(ratio * 100).toFixed(0)}% of bare (rounds: ${rates(regua)} msg/s)`,
        pass: ratio >= SEND_RATIO_TARGET,
      },
      {
        metric: `  its background preparation, before the slot`,
        measured: `${(prepareMs / 1000).toFixed(1)} s`,
        target: '',
        ratio: `${ms(prepareMs / MESSAGES)} per notice`,
        pass: null,
      },
      {
        metric: `Régua cold run: nothing prepared, every PDF drawn in the run`,
        measured: `${cold.toFixed(0)} msg/s`,
        target: 'info',
        ratio: `${((cold / bestBare) * 100).toFixed(0)}% of bare`,
        pass: null,
      },
      {
        metric: '  bare loop that also renders and draws each PDF',
        measured: `${composing.toFixed(0)} msg/s`,
        target: 'info',
        ratio: `cold Régua at ${((cold / composing) * 100).toFixed(0)}% of it`,
        pass: null,
      },
      {
        metric: 'message: pdf / html / text / subject',
        measured: `${kb(sample.pdf.content.length)} / ${kb(sample.html.length)} / ${kb(sample.text.length)} / ${sample.subject.length} ch`,
        target: '',
        pass: null,
      },
      {
        metric: 'per notice: render layout / PDF / PDF without PIX QR',
        measured: `${ms(cost.render)} / ${ms(cost.pdf)} / ${ms(cost.pdfNoQr)}`,
        target: '',
        ratio: `render+PDF alone caps a core at ${(1000 / (cost.render + cost.pdf)).toFixed(0)} msg/s`,
        pass: null,
      },
    ];
  } finally {
    await smtp.stop();
  }
}

async function mkdirIn(root: string, name: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Messages per second of `send` (which times itself), checked against what the server stored. */
async function measure(smtp: TestSmtpServer, send: () => Promise<number>): Promise<number> {
  await smtp.clear();
  const seconds = (await send()) / 1000;
  const stored = (await readdir(smtp.dir)).filter((f) => f.endsWith('.eml')).length;
  if (stored !== MESSAGES) throw new Error(`SMTP server stored ${stored} messages, expected ${MESSAGES}`);
  return MESSAGES / seconds;
}

const company = settingsDocument(0).company as Company;
const context = (customer: Customer, invoice: Invoice): TemplateContext => ({
  company,
  customer,
  invoice,
  billingMethodName: BILLING_METHOD.name,
  runDate: RUN_DATE,
  attachInvoice: true,
});
const afterDueLayout = () => loadDefaultLayouts(assetsDir()).find((l) => l.id === 'boleto-apos-vencimento')!;

/** One notice exactly as Régua composes it, whose parts the bare loop reuses for every message. */
async function representative(customer: Customer, invoice: Invoice): Promise<Message> {
  const ctx = context(customer, invoice);
  const rendered = renderLayout(afterDueLayout(), ctx);
  return { to: '', ...rendered, pdf: await createDocuments().invoicePdf(ctx) };
}

/** The bare baseline's transport: nodemailer's pool, as Régua's mailer configures it. */
function pooledTransport(smtp: TestSmtpServer, account: { user: string; password: string }) {
  return nodemailer.createTransport({
    pool: true,
    maxConnections: 5,
    host: smtp.host,
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
    auth: { user: account.user, pass: account.password },
  });
}

async function bareLoop(smtp: TestSmtpServer, messages: readonly Message[]): Promise<number> {
  const { smtpAccounts } = settingsDocument(smtp.port);
  const account = smtpAccounts[0]!;
  const start = performance.now();
  const transport = pooledTransport(smtp, account);
  try {
    await Promise.all(
      messages.map((m, i) =>
        transport.sendMail({
          from: { name: account.fromName, address: account.fromAddress },
          to: m.to,
          subject: m.subject,
          html: m.html,
          text: m.text,
          messageId: `<bench.${i}@conectafibra.example>`,
          attachments: [{ ...m.pdf, contentType: 'application/pdf' }],
          headers: { 'X-Regua-Notice': `bench|${i}` },
        }),
      ),
    );
    return performance.now() - start;
  } finally {
    transport.close();
  }
}

async function bareComposingLoop(
  smtp: TestSmtpServer,
  customers: Customer[],
  invoices: Invoice[],
): Promise<number> {
  const { smtpAccounts } = settingsDocument(smtp.port);
  const account = smtpAccounts[0]!;
  const documents = createDocuments();
  const layout = afterDueLayout();
  const start = performance.now();
  const transport = pooledTransport(smtp, account);
  try {
    await Promise.all(
      customers.map(async (customer, i) => {
        const ctx = context(customer, invoices[i]!);
        const rendered = renderLayout(layout, ctx);
        const pdf = await documents.invoicePdf(ctx);
        return transport.sendMail({
          from: { name: account.fromName, address: account.fromAddress },
          to: customer.email!,
          ...rendered,
          messageId: `<bench.c${i}@conectafibra.example>`,
          attachments: [{ ...pdf, contentType: 'application/pdf' }],
        });
      }),
    );
    return performance.now() - start;
  } finally {
    transport.close();
  }
}

/**
 * The routine's 08:10 run, timed. `prepared`: the app was opened at 07:10 and its preparer composed
 * the run's e-mails first (timed apart, reported through `onPrepared`), as the scheduler does.
 */
async function reguaRun(
  dataDir: string,
  prepared: boolean,
  onPrepared?: (ms: number) => void,
): Promise<number> {
  const app = await createEngine({
    dataDir,
    retry: RETRY,
    clock: offsetClock(new Date(SLOT.getTime() - HOUR)),
  });
  try {
    if (prepared) {
      const t = performance.now();
      const [result] = await app.preparer.prepare();
      if (result?.date !== RUN_DATE || result.composed + result.ready !== MESSAGES)
        throw new Error(`preparation covered ${JSON.stringify(result)}, expected ${MESSAGES} on ${RUN_DATE}`);
      onPrepared?.(performance.now() - t);
    }
    const start = performance.now();
    const report = await app.runner.runRoutine('diaria', {
      date: RUN_DATE,
      trigger: 'schedule',
      honourCalendar: true,
      scheduledFor: SLOT,
    });
    const elapsed = performance.now() - start;
    const { sent, failed, pending } = report.counts;
    if (sent !== MESSAGES)
      throw new Error(`Régua run sent ${sent} (failed ${failed}, pending ${pending}), expected ${MESSAGES}`);
    const ahead = report.outcomes.filter((o) => o.preparedAhead).length;
    if (ahead !== (prepared ? MESSAGES : 0))
      throw new Error(`the run found ${ahead} messages prepared ahead, expected ${prepared ? MESSAGES : 0}`);
    return elapsed;
  } finally {
    await app.close();
  }
}

/** Mean ms per notice of the work the bare loop does not do, each part timed serially. */
async function composeCost(customers: Customer[], invoices: Invoice[], count: number) {
  const documents = createDocuments();
  const layout = afterDueLayout();
  const contexts = customers.slice(0, count).map((c, i) => context(c, invoices[i]!));
  const mean = async (fn: (ctx: TemplateContext) => unknown) => {
    await fn(contexts[0]!);
    const start = performance.now();
    for (const ctx of contexts) await fn(ctx);
    return (performance.now() - start) / contexts.length;
  };
  return {
    render: await mean((ctx) => renderLayout(layout, ctx)),
    pdf: await mean((ctx) => documents.invoicePdf(ctx)),
    pdfNoQr: await mean((ctx) =>
      documents.invoicePdf({ ...ctx, invoice: { ...ctx.invoice, pixCode: null } }),
    ),
  };
}
