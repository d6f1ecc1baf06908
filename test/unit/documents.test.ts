import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBankLine, buildPixCode, parseDigitableLine } from '../../shared/br';
import type { Company, Customer, Invoice } from '../../shared/domain';
import {
  createDocuments,
  DocumentError,
  qrModules,
  type InvoiceDocumentInput,
} from '../../main/services/documents';

// Codes that check, for this file's invoice (R$ 1.234,56 due on 20/02/2021): built by shared/br.
const PIX = buildPixCode({
  key: 'financeiro@conexao.com.br',
  merchantName: 'PROVEDOR CONEXAO AGIL LTD',
  merchantCity: 'SAO PAULO',
  amountCents: 123456,
  txid: '2021000123',
});
const LINE = buildBankLine({
  bankCode: '237',
  dueDate: '2021-02-20',
  amountCents: 123456,
  freeField: '3381090000000012301234560',
}).replace(/\D/g, '');
const LINE_FORMATTED = (parseDigitableLine(LINE) as { ok: true; value: { formatted: string } }).value
  .formatted;

const company: Company = {
  name: 'Provedor Conexão Ágil Ltda',
  document: '12345678000195',
  email: 'financeiro@conexao.com.br',
  phone: '(11) 4000-1234',
  timezone: 'America/Sao_Paulo',
  state: 'SP',
  city: 'São Paulo',
};
const customer: Customer = {
  id: 'c1',
  name: 'João da Silva Araújo',
  document: '123.456.789-09',
  email: 'joao@example.com; maria@example.com',
  phone: null,
  active: true,
  emailOptOut: false,
};
const invoice: Invoice = {
  id: 'i1',
  customerId: 'c1',
  billingMethodId: 'b1',
  number: '2021/000123',
  issueDate: '2021-02-01',
  dueDate: '2021-02-20',
  amountCents: 123456,
  status: 'open',
  digitableLine: LINE,
  pixCode: PIX,
  pdfPath: null,
};

function input(
  over: { invoice?: Partial<Invoice>; customer?: Partial<Customer> } = {},
): InvoiceDocumentInput {
  return {
    company,
    customer: { ...customer, ...over.customer },
    invoice: { ...invoice, ...over.invoice },
    billingMethodName: 'Boleto bancário + Pix',
  };
}

async function read(content: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(content) });
  try {
    const { text, total } = await parser.getText();
    const { info } = await parser.getInfo();
    const images = await parser.getImage({ imageDataUrl: false });
    return { text, pages: total, info, images: images.pages.flatMap((p) => p.images) };
  } finally {
    await parser.destroy();
  }
}

function tinyPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ info: { CreationDate: new Date('2020-01-01T00:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text('PDF do ERP');
  doc.end();
  return done;
}

const docs = createDocuments();

describe('generated invoice PDF', () => {
  it('shows issuer, customer, dates, amount, boleto line and Pix code on one page', async () => {
    const out = await docs.invoicePdf(input());
    expect(out.filename).toBe('fatura-2021_000123.pdf');
    expect(out.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const { text, pages, info, images } = await read(out.content);
    expect(pages).toBe(1);
    for (const expected of [
      'Provedor Conexão Ágil Ltda',
      'CNPJ 12.345.678/0001-95',
      'financeiro@conexao.com.br',
      'João da Silva Araújo',
      'CPF 123.456.789-09',
      'joao@example.com, maria@example.com',
      'Nº 2021/000123',
      'Boleto bancário + Pix',
      'Emissão',
      '01/02/2021',
      'Vencimento',
      '20/02/2021',
      'Valor',
      'R$ 1.234,56',
      LINE_FORMATTED,
      'RECIBO DO PAGADOR',
      'FICHA DE COMPENSAÇÃO',
      'Bradesco 237-2',
      'Pagável em qualquer banco, mesmo após o vencimento',
      'PIX copia e cola',
    ]) {
      expect(text).toContain(expected);
    }
    // The code is cut over lines; joined back, every character, spaces included, must be there.
    const pixLines = text.slice(
      text.indexOf('PIX copia e cola\n') + 17,
      text.indexOf('\nEm caso de dúvidas'),
    );
    expect(pixLines.split('\n').join('')).toBe(PIX);

    expect(info.Title).toBe('Fatura 2021/000123');
    expect(info.Author).toBe('Provedor Conexão Ágil Ltda');

    expect(images).toHaveLength(0); // the QR code is vector, not a bitmap
  });

  it('draws exactly the dark modules of the PIX QR code', () => {
    const qr = QRCode.create(PIX, { errorCorrectionLevel: 'M' });
    const drawn = qrModules(PIX, QRCode);
    expect(drawn.size).toBe(qr.modules.size);
    const dark = new Set<string>();
    for (const [row, col, len] of drawn.runs) for (let c = col; c < col + len; c++) dark.add(`${row},${c}`);
    for (let row = 0; row < qr.modules.size; row++)
      for (let col = 0; col < qr.modules.size; col++)
        expect(dark.has(`${row},${col}`), `module ${row},${col}`).toBe(!!qr.modules.get(row, col));
  });

  it('leaves out what the invoice does not have, without printing null or undefined', async () => {
    const out = await docs.invoicePdf({
      ...input({
        invoice: { digitableLine: null, pixCode: undefined, number: 'A-7' },
        customer: { document: null, email: null },
      }),
      company: null,
    });
    expect(out.filename).toBe('fatura-A-7.pdf');
    const { text, pages, images, info } = await read(out.content);
    expect(pages).toBe(1);
    expect(text).toContain('João da Silva Araújo');
    expect(text).toContain('R$ 1.234,56');
    expect(text).toContain('20/02/2021');
    expect(text).not.toMatch(/null|undefined|NaN|CPF|E-mail|Linha digitável|PIX copia e cola/);
    expect(images).toHaveLength(0);
    expect(info.Title).toBe('Fatura A-7');
  });

  it('prints a digitable line it cannot group as given', async () => {
    const { text } = await read(
      (await docs.invoicePdf(input({ invoice: { digitableLine: '1234 5678' } }))).content,
    );
    expect(text).toContain('1234 5678');
    expect(text).toContain('Linha digitável');
  });

  it('folds characters the standard fonts cannot show', async () => {
    const out = await docs.invoicePdf(input({ customer: { name: 'Nguyễn Çağlar 😀' } }));
    expect((await read(out.content)).text).toContain('Nguyen Çaglar ?');
  });

  it('is byte-identical for the same invoice and differs for another', async () => {
    const a = await docs.invoicePdf(input());
    const b = await docs.invoicePdf(input());
    expect(a.content.equals(b.content)).toBe(true);
    const c = await docs.invoicePdf(input({ invoice: { amountCents: 123457 } }));
    expect(c.content.equals(a.content)).toBe(false);
  });

  it('stays on one page with every field at its maximum length', async () => {
    const out = await docs.invoicePdf({
      company: { ...company, name: 'Empresa '.repeat(37).trim(), phone: '9'.repeat(40) },
      customer: {
        ...customer,
        name: 'Cliente Nome Longo '.repeat(10).slice(0, 200),
        email: Array.from({ length: 40 }, (_, i) => `cliente${i}@example.com`).join(', '),
      },
      invoice: {
        ...invoice,
        number: 'N'.repeat(60),
        digitableLine: '7'.repeat(80),
        pixCode: 'P1 '.repeat(333),
      },
      billingMethodName: 'Forma '.repeat(20).slice(0, 120),
    });
    expect((await read(out.content)).pages).toBe(1);
  });

  it('sanitises the invoice number for the file name', async () => {
    const out = await docs.invoicePdf(
      input({ invoice: { number: ' Nº 12/3 ção..x ', digitableLine: null } }),
    );
    expect(out.filename).toBe('fatura-N_12_3_cao..x.pdf');
  });
});

describe('ERP PDF at invoice.pdfPath', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regua-documents-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is attached byte for byte under the invoice file name', async () => {
    const pdf = await tinyPdf();
    const path = join(dir, 'erp invoice.pdf');
    await writeFile(path, pdf);
    const out = await docs.invoicePdf(input({ invoice: { pdfPath: path } }));
    expect(out.filename).toBe('fatura-2021_000123.pdf');
    expect(out.content.equals(pdf)).toBe(true);
    expect((await read(out.content)).text).toContain('PDF do ERP');
  });

  it('reports a missing file as pdf_not_found naming the path', async () => {
    const path = join(dir, 'nao-existe.pdf');
    const err = await docs.invoicePdf(input({ invoice: { pdfPath: path } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect(err).toMatchObject({ code: 'pdf_not_found', name: 'DocumentError' });
    expect((err as Error).message).toBe(`arquivo PDF da fatura não encontrado: ${path}`);
  });

  it('reports a file that is not a PDF as pdf_invalid naming the path', async () => {
    const path = join(dir, 'fatura.pdf');
    await writeFile(path, '<html>not a pdf</html>');
    const err = await docs.invoicePdf(input({ invoice: { pdfPath: path } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect(err).toMatchObject({ code: 'pdf_invalid' });
    expect((err as Error).message).toContain(path);
  });

  it('reports a directory as pdf_invalid', async () => {
    const path = join(dir, 'pasta.pdf');
    await mkdir(path);
    await expect(docs.invoicePdf(input({ invoice: { pdfPath: path } }))).rejects.toMatchObject({
      code: 'pdf_invalid',
      message: expect.stringContaining(path),
    });
  });
});
