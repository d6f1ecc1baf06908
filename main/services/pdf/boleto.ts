// The boleto at the foot of the page, in the FEBRABAN layout: the recibo do pagador, a cut line and
// the ficha de compensação (95–108 mm tall, printed at the bottom of an A4 sheet) with the bank, the
// linha digitável, the fields the bank's cashier reads and the Interleaved 2 of 5 barcode with its
// quiet zones. Values come from the invoice, the company, the customer and the billing method's
// boleto settings; a field nobody informed stays blank, as on a bank's own boleto.
import { bankLabel, type BankSlip } from '../../../shared/br';
import { boletoInstructions, DEFAULT_DOCUMENT_KIND, DEFAULT_PAYMENT_PLACE } from '../../../shared/boleto';
import { formatDateBR, formatMoneyBR } from '../../../shared/calendar';
import type { Address } from '../../../shared/domain';
import { drawItf, itfWidth, QUIET_ZONE_MM, BAR_HEIGHT_MM, type ItfBars } from './itf-barcode';
import { boxText, COLOR, FONT, mm, style, taxId, type Doc } from './kit';
import type { Column, PageInput } from './invoice-page';

const RIGHT = 150; // width of the right-hand column (Vencimento, Agência/Código, Nosso número, Valor)
const ROW = 20;
const HEADER = 26;
const LABEL_SIZE = 5.8;
const VALUE_SIZE = 8.5;
const THICK = mm(1.2); // the bars around the bank code

/** One cell: a small caption on top, the value under it. */
interface Cell {
  label: string;
  value?: string;
  width: number;
  align?: 'left' | 'right';
  bold?: boolean;
}

function cells(doc: Doc, x: number, y: number, height: number, list: Cell[]) {
  let cx = x;
  for (const [i, cell] of list.entries()) {
    if (i > 0)
      doc
        .moveTo(cx, y)
        .lineTo(cx, y + height)
        .lineWidth(0.5)
        .stroke(COLOR.black);
    style(doc, FONT.regular, LABEL_SIZE, COLOR.black).text(cell.label, cx + 2, y + 1.5, {
      width: cell.width - 4,
      lineBreak: false,
    });
    if (cell.value) {
      style(doc, cell.bold ? FONT.bold : FONT.regular, VALUE_SIZE, COLOR.black);
      boxText(doc, cell.value, cx + 2, y + 9, cell.width - 6, height - 9, cell.align ?? 'left');
    }
    cx += cell.width;
  }
  doc
    .moveTo(x, y + height)
    .lineTo(cx, y + height)
    .lineWidth(0.5)
    .stroke(COLOR.black);
}

/** Bank name, "237-2" between thick bars, the linha digitável on the right. */
function bankHeader(doc: Doc, slip: BankSlip, col: Column, y: number) {
  const bank = bankLabel(slip.bankCode);
  style(doc, FONT.bold, 11, COLOR.black);
  boxText(doc, bank.name ?? `Banco ${slip.bankCode}`, col.x, y + 8, 118, 14);
  const codeX = col.x + 122;
  const codeW = 58;
  doc.lineWidth(THICK);
  for (const bx of [codeX, codeX + codeW])
    doc
      .moveTo(bx, y + 4)
      .lineTo(bx, y + HEADER)
      .stroke(COLOR.black);
  // FEBRABAN: bank code in bold, characters 5 mm tall.
  style(doc, FONT.bold, 17, COLOR.black).text(bank.code, codeX, y + 7, {
    width: codeW,
    align: 'center',
    lineBreak: false,
  });
  // The linha digitável: 3.5–4 mm characters, five fields separated by a space.
  const lineX = codeX + codeW + 6;
  style(doc, FONT.bold, 12.2, COLOR.black).text(slip.formatted, lineX, y + 9, {
    width: col.x + col.width - lineX,
    align: 'right',
    lineBreak: false,
  });
  doc
    .moveTo(col.x, y + HEADER)
    .lineTo(col.x + col.width, y + HEADER)
    .lineWidth(1)
    .stroke(COLOR.black);
}

interface BoletoFields {
  beneficiary: string;
  beneficiaryCode: string;
  due: string;
  amount: string;
  documentNumber: string;
  ourNumber: string;
  issue: string;
  kind: string;
  payer: string;
}

function fields(input: PageInput): BoletoFields {
  const { company, customer, invoice, boleto } = input;
  const cnpj = taxId(company?.document);
  return {
    beneficiary: [company?.name, cnpj].filter(Boolean).join(' - '),
    beneficiaryCode: boleto?.beneficiaryCode ?? '',
    due: formatDateBR(invoice.dueDate),
    amount: formatMoneyBR(invoice.amountCents),
    documentNumber: invoice.number,
    ourNumber: invoice.nossoNumero ?? '',
    issue: formatDateBR(invoice.issueDate),
    kind: boleto?.documentKind || DEFAULT_DOCUMENT_KIND,
    payer: [customer.name, taxId(customer.document)].filter(Boolean).join(' - '),
  };
}

/** Street, number, complement, district / CEP city-UF: the payer's address in two lines. */
function addressLines(address: Address | null | undefined): [string, string] {
  if (!address) return ['', ''];
  const street = [address.street, address.number].filter(Boolean).join(', ');
  const first = [street, address.complement, address.district].filter(Boolean).join(' - ');
  const place = [address.city, address.state].filter(Boolean).join('/');
  const second = [address.zip ? `CEP ${address.zip.replace(/^(\d{5})(\d{3})$/, '$1-$2')}` : '', place]
    .filter(Boolean)
    .join(' ');
  return [first, second];
}

export const RECIBO_HEIGHT = 10 + HEADER + 3 * ROW + 12;
export const CUT_HEIGHT = 16;
const INSTRUCTION_ROWS = 5;
const PAYER_HEIGHT = 36;
const GUARANTOR_HEIGHT = 11;
export const FICHA_HEIGHT =
  HEADER + 4 * ROW + INSTRUCTION_ROWS * ROW + PAYER_HEIGHT + GUARANTOR_HEIGHT + 6 + mm(BAR_HEIGHT_MM) + 6;
export const BOLETO_HEIGHT = RECIBO_HEIGHT + CUT_HEIGHT + FICHA_HEIGHT;

/** Recibo do pagador: what the payer keeps. */
function recibo(doc: Doc, slip: BankSlip, f: BoletoFields, col: Column, top: number) {
  const left = col.width - RIGHT;
  style(doc, FONT.bold, 7, COLOR.black).text('RECIBO DO PAGADOR', col.x, top, { lineBreak: false });
  let y = top + 10;
  bankHeader(doc, slip, col, y);
  y += HEADER;
  cells(doc, col.x, y, ROW, [
    { label: 'Beneficiário', value: f.beneficiary, width: left },
    { label: 'Agência/Código do Beneficiário', value: f.beneficiaryCode, width: RIGHT, align: 'right' },
  ]);
  y += ROW;
  cells(doc, col.x, y, ROW, [
    { label: 'Pagador', value: f.payer, width: left },
    { label: 'Vencimento', value: f.due, width: RIGHT, align: 'right', bold: true },
  ]);
  y += ROW;
  const w = left / 4;
  cells(doc, col.x, y, ROW, [
    { label: 'Data do documento', value: f.issue, width: w },
    { label: 'Nº do documento', value: f.documentNumber, width: w },
    { label: 'Nosso número', value: f.ourNumber, width: w },
    { label: 'Espécie', value: 'R$', width: w },
    { label: '(=) Valor do documento', value: f.amount, width: RIGHT, align: 'right', bold: true },
  ]);
  y += ROW;
  style(doc, FONT.regular, 6, COLOR.black).text('Autenticação mecânica', col.x, y + 3, {
    width: col.width,
    align: 'right',
    lineBreak: false,
  });
}

function cutLine(doc: Doc, col: Column, y: number) {
  const mid = y + CUT_HEIGHT / 2;
  doc
    .moveTo(col.x, mid)
    .lineTo(col.x + col.width, mid)
    .dash(3, { space: 2 })
    .lineWidth(0.6)
    .stroke(COLOR.muted)
    .undash();
  style(doc, FONT.regular, 6, COLOR.muted).text('Corte na linha pontilhada', col.x, mid - 8, {
    width: col.width,
    align: 'right',
    lineBreak: false,
  });
}

/** Ficha de compensação: what the bank keeps, with the barcode. */
function ficha(
  doc: Doc,
  input: PageInput,
  slip: BankSlip,
  bars: ItfBars,
  f: BoletoFields,
  col: Column,
  top: number,
) {
  const left = col.width - RIGHT;
  const { company, customer, invoice, boleto } = input;
  let y = top;
  bankHeader(doc, slip, col, y);
  y += HEADER;
  cells(doc, col.x, y, ROW, [
    { label: 'Local de pagamento', value: boleto?.paymentPlace || DEFAULT_PAYMENT_PLACE, width: left },
    { label: 'Vencimento', value: f.due, width: RIGHT, align: 'right', bold: true },
  ]);
  y += ROW;
  const place = [company?.city, company?.state].filter(Boolean).join('/');
  cells(doc, col.x, y, ROW, [
    { label: 'Beneficiário', value: [f.beneficiary, place].filter(Boolean).join(' - '), width: left },
    { label: 'Agência/Código do Beneficiário', value: f.beneficiaryCode, width: RIGHT, align: 'right' },
  ]);
  y += ROW;
  const w = left / 5;
  cells(doc, col.x, y, ROW, [
    { label: 'Data do documento', value: f.issue, width: w },
    { label: 'Nº do documento', value: f.documentNumber, width: w * 1.4 },
    { label: 'Espécie doc.', value: f.kind, width: w * 0.7 },
    { label: 'Aceite', value: 'N', width: w * 0.5 },
    { label: 'Data processamento', value: f.issue, width: w * 1.4 },
    { label: 'Nosso número', value: f.ourNumber, width: RIGHT, align: 'right' },
  ]);
  y += ROW;
  cells(doc, col.x, y, ROW, [
    { label: 'Uso do banco', width: w },
    { label: 'Carteira', value: boleto?.wallet ?? '', width: w },
    { label: 'Espécie', value: 'R$', width: w * 0.7 },
    { label: 'Quantidade', width: w * 1.1 },
    { label: 'Valor', width: w * 1.2 },
    { label: '(=) Valor do documento', value: f.amount, width: RIGHT, align: 'right', bold: true },
  ]);
  y += ROW;

  // Instructions on the left, the cashier's adjustment fields stacked on the right.
  const instructionsHeight = INSTRUCTION_ROWS * ROW;
  style(doc, FONT.regular, LABEL_SIZE, COLOR.black).text(
    'Instruções (texto de responsabilidade do beneficiário)',
    col.x + 2,
    y + 1.5,
    { width: left - 4, lineBreak: false },
  );
  const instructions = boletoInstructions(boleto, invoice.amountCents).join('\n');
  if (instructions) {
    style(doc, FONT.regular, 7.5, COLOR.black);
    boxText(doc, instructions, col.x + 2, y + 10, left - 8, instructionsHeight - 12);
  }
  const adjustments = [
    '(-) Desconto/Abatimento',
    '(-) Outras deduções',
    '(+) Mora/Multa',
    '(+) Outros acréscimos',
    '(=) Valor cobrado',
  ];
  adjustments.forEach((text, i) =>
    cells(doc, col.x + left, y + i * ROW, ROW, [{ label: text, width: RIGHT }]),
  );
  doc
    .moveTo(col.x + left, y)
    .lineTo(col.x + left, y + instructionsHeight)
    .lineWidth(0.5)
    .stroke(COLOR.black);
  doc
    .moveTo(col.x, y + instructionsHeight)
    .lineTo(col.x + left, y + instructionsHeight)
    .stroke(COLOR.black);
  y += instructionsHeight;

  // Pagador: name and tax id, then the address in two lines.
  style(doc, FONT.regular, LABEL_SIZE, COLOR.black).text('Pagador', col.x + 2, y + 1.5, { lineBreak: false });
  style(doc, FONT.regular, VALUE_SIZE, COLOR.black);
  const [street, city] = addressLines(customer.address);
  boxText(doc, f.payer, col.x + 34, y + 2, col.width - 40, 11);
  boxText(doc, street, col.x + 34, y + 13, col.width - 40, 11);
  boxText(doc, city, col.x + 34, y + 24, col.width - 40, 11);
  y += PAYER_HEIGHT;
  style(doc, FONT.regular, LABEL_SIZE, COLOR.black).text('Sacador/Avalista', col.x + 2, y, {
    lineBreak: false,
  });
  doc.text('Código de baixa', col.x + left + 2, y, { lineBreak: false });
  y += GUARANTOR_HEIGHT;
  doc
    .moveTo(col.x, y)
    .lineTo(col.x + col.width, y)
    .lineWidth(1)
    .stroke(COLOR.black);

  // The barcode, 5 mm of white on each side; the captions start past the right quiet zone.
  const barY = y + 6;
  const barX = col.x + mm(QUIET_ZONE_MM);
  drawItf(doc, bars, barX, barY);
  const captionX = barX + itfWidth(bars) + mm(QUIET_ZONE_MM) + 4;
  style(doc, FONT.regular, 6, COLOR.black).text('Autenticação mecânica', captionX, barY, {
    width: col.x + col.width - captionX,
    align: 'right',
    lineBreak: false,
  });
  style(doc, FONT.bold, 8, COLOR.black).text('FICHA DE COMPENSAÇÃO', captionX, barY + mm(BAR_HEIGHT_MM) - 8, {
    width: col.x + col.width - captionX,
    align: 'right',
    lineBreak: false,
  });
}

/** Draws recibo, cut line and ficha with the ficha's bottom at `bottom`. Returns the boleto's top. */
export function drawBoleto(
  doc: Doc,
  input: PageInput,
  slip: BankSlip,
  bars: ItfBars,
  col: Column,
  bottom: number,
): number {
  const f = fields(input);
  const top = bottom - BOLETO_HEIGHT;
  recibo(doc, slip, f, col, top);
  cutLine(doc, col, top + RECIBO_HEIGHT);
  ficha(doc, input, slip, bars, f, col, top + RECIBO_HEIGHT + CUT_HEIGHT);
  return top;
}
