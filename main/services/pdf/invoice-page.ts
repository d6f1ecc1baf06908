// The invoice part of the generated PDF: who charges (logo, name, contacts), who pays, the dates and the
// amount, and the PIX QR code with its copia e cola. Each block draws at the position it is given and
// returns where the next one may start; none grows past a fixed height, so the page never breaks.
import { formatDateBR, formatMoneyBR } from '../../../shared/calendar';
import { parseEmailList } from '../../../shared/email-list';
import type { InvoiceDocumentInput } from '../documents';
import {
  boxText,
  COLOR,
  COURIER_ADVANCE,
  drawQr,
  FONT,
  latin1,
  style,
  taxId,
  type Doc,
  type QrModules,
} from './kit';

/** The document's input with the logo decoded (null without one). */
export interface PageInput extends InvoiceDocumentInput {
  logo: Buffer | null;
}

/** Where a block may draw: its left edge and width. */
export interface Column {
  x: number;
  width: number;
}

const LOGO_BOX = { width: 150, height: 46 };
const PIX_HINT =
  'Para pagar com Pix, abra o app do seu banco e leia o QR code ao lado, ou copie o código abaixo e use a opção Pix copia e cola.';

/** Logo and issuer on the left, "Fatura Nº" on the right. `compact` leaves room for a boleto below. */
export function drawHeader(doc: Doc, input: PageInput, col: Column, top: number, compact = false): number {
  const { company, invoice } = input;
  const titleWidth = Math.min(170, col.width * 0.3);
  let x = col.x;
  let bottom = top;
  if (input.logo) {
    doc.image(input.logo, col.x, top, { fit: [LOGO_BOX.width, LOGO_BOX.height] });
    x += LOGO_BOX.width + 14;
    bottom = top + LOGO_BOX.height;
  }
  const issuerWidth = col.x + col.width - titleWidth - 16 - x;
  if (company) {
    style(doc, FONT.bold, input.logo ? 13 : 16, COLOR.ink);
    boxText(doc, company.name, x, top, issuerWidth, input.logo ? 33 : 40);
    style(doc.moveDown(0.2), FONT.regular, 8.5, COLOR.muted);
    const lines = [taxId(company.document), company.email, company.phone && `Tel. ${company.phone}`];
    for (const line of lines.filter((l): l is string => !!l))
      doc.text(latin1(line), { width: issuerWidth, height: 11, ellipsis: true });
    bottom = Math.max(bottom, doc.y);
  }
  const titleX = col.x + col.width - titleWidth;
  style(doc, FONT.bold, 24, COLOR.accent).text('Fatura', titleX, top, { width: titleWidth, align: 'right' });
  style(doc, FONT.regular, 10, COLOR.muted).text(`Nº ${latin1(invoice.number)}`, {
    width: titleWidth,
    align: 'right',
    height: compact ? 24 : 36,
    ellipsis: true,
  });
  return Math.max(bottom, doc.y);
}

export function rule(doc: Doc, col: Column, y: number) {
  doc
    .moveTo(col.x, y)
    .lineTo(col.x + col.width, y)
    .lineWidth(0.8)
    .stroke(COLOR.line);
}

export function label(doc: Doc, text: string, x: number, y: number): number {
  style(doc, FONT.bold, 8.5, COLOR.muted).text(text, x, y, { lineBreak: false });
  return y + 13;
}

/** The customer's name, tax id and e-mail addresses; one line each when `compact`. */
export function drawCustomer(doc: Doc, input: PageInput, col: Column, top: number, compact = false): number {
  const { customer } = input;
  const y = label(doc, 'Cliente', col.x, top);
  style(doc, FONT.bold, 12, COLOR.ink);
  boxText(doc, customer.name, col.x, y, col.width, compact ? 15 : 30);
  style(doc, FONT.regular, 10, COLOR.ink);
  const id = taxId(customer.document);
  if (id) doc.text(id, { width: col.width });
  const emails = parseEmailList(customer.email).valid.join(', ');
  if (emails)
    doc.text(`E-mail: ${latin1(emails)}`, { width: col.width, height: compact ? 13 : 26, ellipsis: true });
  return doc.y;
}

/** Dates, billing method and amount in one shaded row. */
export function drawSummary(doc: Doc, input: PageInput, col: Column, top: number): number {
  const { invoice } = input;
  const height = 60;
  doc.roundedRect(col.x, top, col.width, height, 6).fill(COLOR.panel);
  const inner = col.width - 28;
  const columns = [
    { title: 'Emissão', value: formatDateBR(invoice.issueDate), share: 0.19 },
    { title: 'Vencimento', value: formatDateBR(invoice.dueDate), share: 0.19 },
    { title: 'Forma de cobrança', value: latin1(input.billingMethodName), share: 0.34 },
    { title: 'Valor', value: formatMoneyBR(invoice.amountCents), share: 0.28 },
  ];
  let cx = col.x + 14;
  for (const [i, c] of columns.entries()) {
    const width = inner * c.share;
    const last = i === columns.length - 1;
    const align = last ? 'right' : 'left';
    style(doc, FONT.regular, 8.5, COLOR.muted).text(c.title, cx, top + 11, { width, align });
    style(doc, FONT.bold, last ? 16 : 11, last ? COLOR.accent : COLOR.ink);
    doc.text(c.value, cx, top + (last ? 24 : 27), { width: width - 6, align, height: 30, ellipsis: true });
    cx += width;
  }
  return top + height;
}

/** The linha digitável in a box, for slips without a ficha de compensação. */
export function drawLineBox(doc: Doc, text: string, col: Column, top: number): number {
  const y = label(doc, 'Linha digitável', col.x, top);
  style(doc, FONT.monoBold, 12, COLOR.ink);
  const height = Math.min(doc.heightOfString(text, { width: col.width - 24 }), 60) + 20;
  doc.roundedRect(col.x, y, col.width, height, 4).lineWidth(0.8).stroke(COLOR.line);
  doc.text(text, col.x + 12, y + 10, { width: col.width - 24, height: height - 20, ellipsis: true });
  return y + height;
}

/**
 * The QR code with the hint and the copia e cola beside it. `qrSize` excludes the quiet zone, which the
 * surrounding white keeps: nothing is drawn within four modules of the code.
 */
export function drawPix(
  doc: Doc,
  pix: string,
  qr: QrModules,
  col: Column,
  top: number,
  qrSize: number,
  maxHeight: number,
): number {
  const y = label(doc, 'Pix', col.x, top);
  // Smaller when the page is short of room, never drawn over what comes below.
  qrSize = Math.min(qrSize, (maxHeight - 13) / (1 + 8 / qr.size));
  const quiet = (4 * qrSize) / qr.size;
  const qrX = col.x + quiet;
  drawQr(doc, qr, qrX, y + quiet, qrSize);
  const tx = qrX + qrSize + quiet + 8;
  const tw = col.x + col.width - tx;
  style(doc, FONT.regular, 9, COLOR.ink).text(PIX_HINT, tx, y, { width: tw });
  style(doc.moveDown(0.5), FONT.regular, 8.5, COLOR.muted).text('PIX copia e cola', { width: tw });
  const bottom = y + Math.max(maxHeight - 13, qrSize + 2 * quiet);
  // Cut at fixed columns rather than letting pdfkit wrap at spaces: a wrap would swallow a space that
  // belongs to the code and break its checksum when copied. A long code gets a smaller size, never cut.
  let size = 7.5;
  const fits = (s: number) =>
    Math.ceil(pix.length / Math.floor(tw / (s * COURIER_ADVANCE))) * (s * 1.2 + 1) <= bottom - doc.y - 2;
  while (size > 4.5 && !fits(size)) size -= 0.5;
  style(doc.moveDown(0.2), FONT.mono, size, COLOR.ink);
  const perLine = Math.floor(tw / (size * COURIER_ADVANCE));
  const lineHeight = doc.currentLineHeight() + 1;
  let cy = doc.y;
  for (let i = 0; i < pix.length && cy + lineHeight <= bottom + 1; i += perLine, cy += lineHeight)
    doc.text(latin1(pix.slice(i, i + perLine)), tx, cy, { lineBreak: false });
  return Math.max(y + qrSize + 2 * quiet, cy);
}

/** "Em caso de dúvidas, fale com …", centred. */
export function drawContact(doc: Doc, input: PageInput, col: Column, y: number) {
  const { company } = input;
  if (!company) return;
  const contact = [company.email, company.phone].filter(Boolean).join(' | ');
  const text = `Em caso de dúvidas, fale com ${company.name}${contact ? `: ${contact}` : ''}.`;
  style(doc, FONT.regular, 8, COLOR.muted);
  boxText(doc, text, col.x, y, col.width, 12, 'center');
}
