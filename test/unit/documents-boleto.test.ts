// The generated PDF read back the way a bank's scanner and a phone's camera read it: every page rendered
// to PNG (MuPDF), every symbol decoded (ZXing). The pages are kept in test-results/documents/ to be
// looked at. The barcode's dimensions are measured on a 600 dpi render.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocuments, type InvoiceDocumentInput } from '../../main/services/documents';
import { boletoInstructions } from '../../shared/boleto';
import type { Company, Customer, Invoice } from '../../shared/domain';
import { decodeSymbols, pdfToPngs, pngLogo, renderPage, requireDecoders } from '../support/images';
import { barcodeOf, buildCollectionLine, testLine, testPix } from '../support/payment-codes';

const ARTIFACTS = join(process.cwd(), 'test-results', 'documents');
const docs = createDocuments();

const company: Company = {
  name: 'Conecta Fibra Telecom',
  document: '12345678000195',
  email: 'financeiro@conectafibra.com.br',
  phone: '(11) 4002-8922',
  timezone: 'America/Sao_Paulo',
  state: 'SP',
  city: 'São Paulo',
};
const customer: Customer = {
  id: 'c1',
  name: 'Maria da Silva Souza',
  document: '12345678909',
  email: 'maria@exemplo.com.br',
  phone: null,
  active: true,
  emailOptOut: false,
  address: {
    street: 'Rua das Flores',
    number: '123',
    complement: 'casa 2',
    district: 'Centro',
    city: 'Campinas',
    state: 'SP',
    zip: '13010100',
  },
};

function invoiceWith(amountCents: number, codes: { line?: boolean; pix?: boolean }): Invoice {
  const dueDate = '2026-03-15';
  return {
    id: 'f1',
    customerId: 'c1',
    billingMethodId: 'boleto',
    number: '2026000123',
    issueDate: '2026-03-01',
    dueDate,
    amountCents,
    status: 'open',
    digitableLine: codes.line ? testLine(dueDate, amountCents, 123) : null,
    pixCode: codes.pix ? testPix(amountCents, 'FAT2026000123') : null,
    pdfPath: null,
    nossoNumero: '09/00000000123-4',
  };
}

const input = (invoice: Invoice, over: Partial<InvoiceDocumentInput> = {}): InvoiceDocumentInput => ({
  company,
  customer,
  invoice,
  billingMethodName: 'Boleto Bancário',
  boleto: { beneficiaryCode: '3381-2 / 0012345-6', wallet: '09', finePercent: 2, monthlyInterestPercent: 1 },
  ...over,
});

async function textOf(pdf: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const { text, total } = await parser.getText();
    return { text, pages: total };
  } finally {
    await parser.destroy();
  }
}

/** Renders the PDF (kept as an artifact) and decodes every symbol on its pages. */
async function decodePdf(name: string, pdf: Buffer) {
  const pages = await pdfToPngs(pdf, ARTIFACTS, name);
  expect(pages).toHaveLength(1);
  return decodeSymbols(pages[0]!);
}

beforeAll(async () => {
  await requireDecoders();
  await rm(ARTIFACTS, { recursive: true, force: true });
  await mkdir(ARTIFACTS, { recursive: true });
});

describe('the generated PDF, decoded back as a scanner reads it', () => {
  const cases: {
    name: string;
    invoice: Invoice;
    over?: Partial<InvoiceDocumentInput>;
  }[] = [
    { name: 'boleto', invoice: invoiceWith(9990, { line: true }) },
    { name: 'pix', invoice: invoiceWith(9990, { pix: true }) },
    { name: 'boleto-e-pix', invoice: invoiceWith(9990, { line: true, pix: true }) },
    { name: 'um-centavo', invoice: invoiceWith(1, { line: true, pix: true }) },
    { name: 'um-milhao', invoice: invoiceWith(100_000_000, { line: true, pix: true }) },
    {
      name: 'nomes-especiais',
      invoice: invoiceWith(123456, { line: true, pix: true }),
      over: {
        company: { ...company, name: `Águas & Luz <Fibra> D'Ávila Ltda` },
        customer: { ...customer, name: `Conceição D'Ávila <&> Filhos — Ação` },
      },
    },
  ];

  it.each(cases)('$name: the barcode reads the 44-digit code, the QR the copia e cola', async (c) => {
    const logo = await pngLogo(240);
    const over =
      c.name === 'nomes-especiais' ? { ...c.over, company: { ...c.over!.company!, logo } } : c.over;
    const out = await docs.invoicePdf(input(c.invoice, over));
    const symbols = await decodePdf(c.name, out.content);
    const expected = [
      ...(c.invoice.pixCode ? [`QR-Code:${c.invoice.pixCode}`] : []),
      ...(c.invoice.digitableLine ? [`I2/5:${barcodeOf(c.invoice.digitableLine)}`] : []),
    ];
    // The logo is a QR code too in this test: it reads "logo", which proves it is on the page.
    if (over?.company?.logo) expected.push('QR-Code:logo');
    expect(symbols.sort()).toEqual(expected.sort());
  });

  it('a convênio slip (48 digits) gets its barcode, without a bank ficha', async () => {
    const line = buildCollectionLine({
      segment: 5,
      identifier: '8',
      amountCents: 9990,
      rest: '0'.repeat(29),
    });
    const out = await docs.invoicePdf(input({ ...invoiceWith(9990, {}), digitableLine: line }));
    expect(await decodePdf('convenio', out.content)).toEqual([`I2/5:${barcodeOf(line)}`]);
    const { text } = await textOf(out.content);
    expect(text).toContain(line);
    expect(text).not.toContain('FICHA DE COMPENSAÇÃO');
  });

  it("the invoice's own PDF is attached as it is, nothing drawn", async () => {
    const file = join(ARTIFACTS, 'erp.pdf');
    const erp = (await docs.invoicePdf(input(invoiceWith(9990, { pix: true })))).content;
    await import('node:fs/promises').then((fs) => fs.writeFile(file, erp));
    const out = await docs.invoicePdf(input({ ...invoiceWith(9990, { line: true }), pdfPath: file }));
    expect(out.content.equals(await readFile(file))).toBe(true);
  });
});

describe('the ficha de compensação', () => {
  it('prints what the bank and the payer need, from the invoice, the company and the billing method', async () => {
    const invoice = invoiceWith(123456, { line: true, pix: true });
    const { text, pages } = await textOf(
      (
        await docs.invoicePdf(
          input(invoice, {
            boleto: {
              beneficiaryCode: '3381-2 / 0012345-6',
              paymentPlace: 'Pagável preferencialmente no Bradesco',
              documentKind: 'DM',
              wallet: '09',
              finePercent: 2,
              monthlyInterestPercent: 1,
              instructions: 'Não receber após 60 dias.\nSujeito a suspensão do serviço.',
            },
          }),
        )
      ).content,
    );
    expect(pages).toBe(1);
    for (const expected of [
      'RECIBO DO PAGADOR',
      'FICHA DE COMPENSAÇÃO',
      `Bradesco 237-2 ${invoice.digitableLine}`,
      'Pagável preferencialmente no Bradesco',
      'Conecta Fibra Telecom - CNPJ 12.345.678/0001-95 - São Paulo/SP',
      '3381-2 / 0012345-6',
      '09/00000000123-4',
      '2026000123',
      '15/03/2026',
      '01/03/2026',
      'R$ 1.234,56',
      'Espécie doc.\nDM',
      'Aceite\nN',
      'Após o vencimento, cobrar multa de 2% (R$ 24,69) e juros de mora de 1% ao mês (R$ 0,41 por dia de atraso).',
      'Não receber após 60 dias.',
      'Sujeito a suspensão do serviço.',
      'Maria da Silva Souza - CPF 123.456.789-09',
      'Rua das Flores, 123 - casa 2 - Centro',
      'CEP 13010-100 Campinas/SP',
    ])
      expect(text).toContain(expected);
  });

  it('falls back to the usual texts when the billing method has no boleto settings', async () => {
    const { text } = await textOf(
      (await docs.invoicePdf(input(invoiceWith(9990, { line: true }), { boleto: null }))).content,
    );
    expect(text).toContain('Pagável em qualquer banco, mesmo após o vencimento');
    expect(text).toContain('Espécie doc.\nDS');
    expect(text).not.toMatch(/multa|juros|null|undefined/);
  });

  it('computes the fine and the daily interest in reais, rounding to the cent', () => {
    expect(boletoInstructions({ finePercent: 2, monthlyInterestPercent: 1 }, 9990)).toEqual([
      'Após o vencimento, cobrar multa de 2% (R$ 2,00) e juros de mora de 1% ao mês (R$ 0,03 por dia de atraso).',
    ]);
    expect(boletoInstructions({ finePercent: 0.5 }, 1)).toEqual(['Após o vencimento, cobrar multa de 0,5%.']);
    expect(boletoInstructions({ monthlyInterestPercent: 0.033 }, 100_000_000)).toEqual([
      'Após o vencimento, cobrar juros de mora de 0,033% ao mês (R$ 11,00 por dia de atraso).',
    ]);
    expect(boletoInstructions(null, 9990)).toEqual([]);
  });

  it('stays on one page with every field at its maximum length', async () => {
    const long = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
    const out = await docs.invoicePdf({
      company: { ...company, name: long('Empresa ', 300), logo: await pngLogo(600) },
      customer: {
        ...customer,
        name: long('Cliente Nome Longo ', 200),
        email: Array.from({ length: 40 }, (_, i) => `cliente${i}@example.com`).join(', '),
        address: {
          street: long('Rua ', 200),
          number: long('9', 20),
          complement: long('Bloco ', 120),
          district: long('Bairro ', 120),
          city: long('Cidade ', 120),
          state: 'SP',
          zip: '13010100',
        },
      },
      invoice: {
        ...invoiceWith(9990, { line: true }),
        number: long('N', 60),
        nossoNumero: long('9', 40),
        pixCode: testPix(9990, long('T', 25)) + long(' P', 700),
      },
      billingMethodName: long('Forma ', 120),
      boleto: {
        beneficiaryCode: long('1', 40),
        paymentPlace: long('Local ', 120),
        documentKind: long('D', 10),
        wallet: long('C', 10),
        finePercent: 2,
        monthlyInterestPercent: 1,
        instructions: long('Instrução longa ', 400),
      },
    });
    const { text, pages } = await textOf(out.content);
    expect(pages).toBe(1);
    // The copia e cola is printed whole (smaller when long), never cut. (Text extraction drops a space
    // that falls at a line's edge, so spaces are left out of the comparison.)
    const pix = text.slice(text.indexOf('PIX copia e cola\n') + 17, text.indexOf('\nEm caso de dúvidas'));
    const squeeze = (s: string) => s.replace(/\s/g, '');
    expect(squeeze(pix)).toBe(squeeze(testPix(9990, long('T', 25)) + long(' P', 700)));
    expect(await decodePdf('campos-maximos', out.content)).toContain(
      `I2/5:${barcodeOf(testLine('2026-03-15', 9990, 123))}`,
    );
  });
});

/** The lower part of the page (from `fromMm` down), rendered in grey levels: one byte per pixel. */
async function grey(pdf: Buffer, dpi: number, fromMm: number) {
  const page = await renderPage(pdf, 0, dpi, true);
  const [width, stride, pixels] = [page.getWidth(), page.getStride(), page.getPixels()];
  const top = Math.round((fromMm * dpi) / 25.4);
  const height = page.getHeight() - top;
  return { width, height, dark: (x: number, y: number) => pixels[(y + top) * stride + x]! < 128 };
}

describe('the barcode at the size FEBRABAN asks for', () => {
  it('narrow bars of 0.254 mm, wide ones 3×, 13 mm tall, 103 mm long, 5 mm clear on each side', async () => {
    const dpi = 600; // 0.254 mm = 6 pixels exactly
    const px = (millimetres: number) => (millimetres * dpi) / 25.4;
    // The barcode sits in the last 40 mm of the page (the ficha's foot).
    const page = await grey(
      (await docs.invoicePdf(input(invoiceWith(9990, { line: true })))).content,
      dpi,
      240,
    );
    // The barcode row: the row (from the bottom up) with the most dark runs.
    const runsIn = (y: number) => {
      const runs: [number, number][] = [];
      for (let x = 0; x < page.width; x++) {
        if (!page.dark(x, y)) continue;
        const start = x;
        while (x < page.width && page.dark(x, y)) x++;
        runs.push([start, x - start]);
      }
      return runs;
    };
    let row = -1;
    for (let y = page.height - 1; y > 0 && row < 0; y--) if (runsIn(y).length === 114) row = y;
    expect(row, 'a row crossing the 114 bars').toBeGreaterThan(0);
    const bars = runsIn(row);
    const widths = [...new Set(bars.map(([, w]) => w))].sort((a, b) => a - b);
    expect(widths).toEqual([Math.round(px(0.254)), Math.round(3 * px(0.254))]);
    const [firstX] = bars[0]!;
    const [lastX, lastW] = bars.at(-1)!;
    expect((lastX + lastW - firstX) / px(1)).toBeCloseTo(102.87, 1);
    // Height: the rows where the first bar's column stays dark.
    let top = row;
    let bottom = row;
    while (page.dark(firstX, top - 1)) top--;
    while (page.dark(firstX, bottom + 1)) bottom++;
    expect((bottom - top + 1) / px(1)).toBeCloseTo(13, 1);
    // Quiet zones: nothing dark within 5 mm left of the first bar or right of the last, at any bar row.
    for (let y = top; y <= bottom; y++) {
      for (let x = Math.round(firstX - px(5)); x < firstX; x++) expect(page.dark(x, y)).toBe(false);
      for (let x = lastX + lastW; x < Math.round(lastX + lastW + px(5)); x++)
        expect(page.dark(x, y)).toBe(false);
    }
  });
});
