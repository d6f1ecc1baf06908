// Target 2: a real run sending 1,000 notices with PDFs, against a bare pooled nodemailer loop sending
// the same-sized messages to the same local SMTP server, alternated so both see the same machine noise.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import type { Company, Customer, Invoice } from '../../shared/domain';
import { openApp } from '../../main/services/app';
import { createDocuments, type Documents } from '../../main/services/documents';
import { loadDefaultLayouts, renderLayout, type TemplateContext } from '../../main/services/layouts';
import { assetsDir } from '../../main/services/paths';
import { createRunLock } from '../../main/services/run-lock';
import { createRunner } from '../../main/services/runner';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { BILLING_METHOD, RETRY, RUN_DATE, generateDataset, settingsDocument, writeDataDir } from './data';
import { ms, type Row } from './stats';

export const SEND_RATIO_TARGET = 0.8;
const MESSAGES = 1000;
const ROUNDS = 2;
const AFTER_DUE_DAYS = 5; // the rule whose reference date is RUN_DATE for every generated invoice

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
    for (let r = 0; r < ROUNDS; r++) {
      bare.push(await measure(smtp, () => bareLoop(smtp, messages)));
      regua.push(await measure(smtp, () => reguaRun(dataDirs[r]!)));
    }
    // Diagnostics: the same run with every PDF a ready-made buffer, and the per-notice costs.
    const fixedPdf: Documents = { invoicePdf: async () => sample.pdf };
    const stubbed = await measure(smtp, () => reguaRun(dataDirs[ROUNDS]!, fixedPdf));
    const cost = await composeCost(dataset.customers, dataset.invoices, 100);
    // Context for the verdict: a bare loop that must also compose each message (render + PDF) itself.
    const composing = await measure(smtp, () => bareComposingLoop(smtp, dataset.customers, dataset.invoices));

    const bestBare = Math.max(...bare);
    const bestRegua = Math.max(...regua);
    const ratio = bestRegua / bestBare;
    const rates = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    return [
      {
        metric: `bare nodemailer pool(5), ${MESSAGES} msgs, best of ${ROUNDS}`,
        measured: `${bestBare.toFixed(0)} msg/s`,
        target: 'baseline',
        ratio: `rounds: ${rates(bare)} msg/s`,
        pass: null,
      },
      {
        metric: `Régua runRoutine, ${MESSAGES} notices, best of ${ROUNDS}`,
        measured: `${bestRegua.toFixed(0)} msg/s`,
        target: `≥ ${(SEND_RATIO_TARGET * 100).toFixed(0)}% of bare`,
        ratio: `${(ratio * 100).toFixed(0)}% of bare (rounds: ${rates(regua)} msg/s)`,
        pass: ratio >= SEND_RATIO_TARGET,
      },
      {
        metric: 'message: pdf / html / text / subject',
        measured: `${kb(sample.pdf.content.length)} / ${kb(sample.html.length)} / ${kb(sample.text.length)} / ${sample.subject.length} ch`,
        target: '',
        pass: null,
      },
      {
        metric: 'Régua run with PDF generation stubbed out',
        measured: `${stubbed.toFixed(0)} msg/s`,
        target: '',
        ratio: `${((stubbed / bestBare) * 100).toFixed(0)}% of bare`,
        pass: null,
      },
      {
        metric: 'bare loop that also renders and draws each PDF',
        measured: `${composing.toFixed(0)} msg/s`,
        target: 'info',
        ratio: `Régua at ${((bestRegua / composing) * 100).toFixed(0)}% of it`,
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

/** `documents` swaps the PDF generator, through a runner wired like openApp wires it. */
async function reguaRun(dataDir: string, documents?: Documents): Promise<number> {
  const app = await openApp({ dataDir, retry: RETRY });
  const runner = documents
    ? createRunner({ ...app, documents, retry: RETRY, lock: createRunLock(dataDir) })
    : app.runner;
  try {
    const start = performance.now();
    const report = await runner.runRoutine('diaria', {
      date: RUN_DATE,
      trigger: 'manual',
      honourCalendar: true,
    });
    const { sent, failed, pending } = report.counts;
    if (sent !== MESSAGES)
      throw new Error(`Régua run sent ${sent} (failed ${failed}, pending ${pending}), expected ${MESSAGES}`);
    return performance.now() - start;
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
