// CPU time per generated invoice PDF, serially on one thread: boleto + PIX, boleto only, PIX only, and
// boleto + PIX with a logo. Process CPU time (process.cpuUsage), so a loaded machine stretches it less
// than wall time; still a shared machine's figure, read it as a range.
import type { Company } from '../../shared/domain';
import { createDocuments, type InvoiceDocumentInput } from '../../main/services/documents';
import { pngLogo } from '../support/images';
import { BILLING_METHOD, generateDataset, settingsDocument } from './data';
import { ms, type Row } from './stats';

const COUNT = 300;

/** Mean CPU ms per document of `inputs`, after a warm-up of 20. */
async function cpuPerDocument(inputs: InvoiceDocumentInput[]): Promise<number> {
  const documents = createDocuments();
  for (const input of inputs.slice(0, 20)) await documents.invoicePdf(input);
  const before = process.cpuUsage();
  for (const input of inputs) await documents.invoicePdf(input);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / inputs.length;
}

export async function pdfCost(): Promise<{ label: string; ms: number }[]> {
  const { customers, invoices } = generateDataset(COUNT, 7, { dueOffset: -5 });
  const company = settingsDocument(0).company as Company;
  const withLogo = { ...company, logo: await pngLogo(120) };
  const inputs = (patch: (i: InvoiceDocumentInput) => InvoiceDocumentInput, c: Company = company) =>
    customers.map((customer, i) =>
      patch({ company: c, customer, invoice: invoices[i]!, billingMethodName: BILLING_METHOD.name }),
    );
  const same = (i: InvoiceDocumentInput) => i;
  return [
    { label: 'boleto + PIX', ms: await cpuPerDocument(inputs(same)) },
    {
      label: 'boleto only',
      ms: await cpuPerDocument(inputs((i) => ({ ...i, invoice: { ...i.invoice, pixCode: null } }))),
    },
    {
      label: 'PIX only',
      ms: await cpuPerDocument(inputs((i) => ({ ...i, invoice: { ...i.invoice, digitableLine: null } }))),
    },
    { label: 'boleto + PIX + logo', ms: await cpuPerDocument(inputs(same, withLogo)) },
  ];
}

export async function benchPdfCost(): Promise<Row[]> {
  const costs = await pdfCost();
  return [
    {
      metric: `generated PDF, CPU per document, serially (${costs.map((c) => c.label).join(' / ')})`,
      measured: costs.map((c) => ms(c.ms)).join(' / '),
      target: 'info',
      pass: null,
    },
  ];
}

// `node bin/run-ts.js test/bench/pdf-cost.ts`: just these figures.
if (process.argv[1]?.endsWith('pdf-cost.ts'))
  for (const c of await pdfCost()) console.log(`${c.label}: ${ms(c.ms)}`);
