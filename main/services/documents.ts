// The invoice document attached to each e-mail: the ERP's own PDF when it gave one, otherwise a
// one-page A4 generated here.
import { readPdfFile } from './pdf-files';
export { DocumentError } from './pdf-files';
import type { Company, Customer, Invoice } from '../../shared/domain';
import { formatDateBR, formatMoneyBR } from '../../shared/calendar';
import { parseEmailList } from '../../shared/email-list';

export interface InvoiceDocumentInput {
  company: Company | null;
  customer: Customer;
  invoice: Invoice;
  billingMethodName: string;
}

export interface InvoiceDocument {
  filename: string;
  content: Buffer;
}

export interface Documents {
  invoicePdf(input: InvoiceDocumentInput): Promise<InvoiceDocument>;
}

export function createDocuments(): Documents {
  return {
    async invoicePdf(input) {
      const filename = invoiceFilename(input.invoice.number);
      const content = input.invoice.pdfPath
        ? await readPdfFile(input.invoice.pdfPath)
        : await generateInvoicePdf(input);
      return { filename, content };
    },
  };
}

/** `fatura-<número>.pdf`, safe for any mail client and file system. */
export function invoiceFilename(number: string): string {
  const safe = number
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+|[._]+$/g, '');
  return safe ? `fatura-${safe}.pdf` : 'fatura.pdf';
}

// ---- Generated PDF ----

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 50;
const CONTENT = PAGE.width - 2 * MARGIN;
const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier', monoBold: 'Courier-Bold' };
const COLOR = { ink: '#1f2933', muted: '#616e7c', accent: '#0b4f8a', line: '#d3dce6', panel: '#eef3f8' };
const QR_SIZE = 128;
const PIX_CODE_SIZE = 8;
// Courier glyphs are all 600/1000 em wide, so the copy-paste code can be cut at exact columns.
const COURIER_ADVANCE = 0.6;
const PIX_HINT =
  'Para pagar com Pix, abra o app do seu banco e leia o QR code ao lado, ou copie o código abaixo e use a opção Pix copia e cola.';

// pdfkit and qrcode are loaded on the first document: a scheduler that is idle all day need not
// carry them in memory.
let pdfLibraries: Promise<{ PDFDocument: typeof import('pdfkit'); QRCode: typeof import('qrcode') }> | null =
  null;
const loadPdfLibraries = () =>
  (pdfLibraries ??= Promise.all([import('pdfkit'), import('qrcode')]).then(([pdfkit, qrcode]) => ({
    PDFDocument: pdfkit.default,
    QRCode: qrcode.default,
  })));

async function generateInvoicePdf(input: InvoiceDocumentInput): Promise<Buffer> {
  const { PDFDocument, QRCode } = await loadPdfLibraries();
  const { company, invoice } = input;
  const pix = invoice.pixCode?.trim() || null;
  const qr = pix ? qrModules(pix, QRCode) : null;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: 20 },
    lang: 'pt-BR',
    displayTitle: true,
    info: {
      Title: `Fatura ${invoice.number}`,
      ...(company ? { Author: company.name } : {}),
      Subject: `Vencimento ${formatDateBR(invoice.dueDate)} - ${formatMoneyBR(invoice.amountCents)}`,
      Creator: 'Régua',
      Producer: 'Régua (PDFKit)',
      // pdfkit derives the file /ID from the info dictionary, so a fixed date makes the bytes
      // a pure function of the invoice.
      CreationDate: new Date(`${invoice.issueDate}T12:00:00.000Z`),
    },
  });
  const done = collect(doc);
  render(doc, input, pix, qr);
  doc.end();
  return done;
}

export interface QrModules {
  size: number;
  /** Dark modules as horizontal runs: [row, firstColumn, length]. */
  runs: [number, number, number][];
}

// The QR code is drawn as vector rectangles: sharper than a bitmap and about five times cheaper
// than rendering a PNG and having pdfkit decode and re-compress it.
export function qrModules(text: string, QRCode: typeof import('qrcode')): QrModules {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: [number, number, number][] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push([row, start, col - start]);
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}

function drawQr(doc: PDFKit.PDFDocument, qr: QrModules, x: number, y: number, width: number) {
  const m = width / qr.size;
  for (const [row, col, len] of qr.runs) doc.rect(x + col * m, y + row * m, len * m, m);
  doc.fill('#000000');
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function render(
  doc: PDFKit.PDFDocument,
  input: InvoiceDocumentInput,
  pix: string | null,
  qr: QrModules | null,
) {
  const { company, customer, invoice } = input;
  const x = MARGIN;

  // Header: issuer on the left, document title on the right.
  const issuerWidth = CONTENT * 0.62;
  if (company) {
    style(doc, FONT.bold, 16, COLOR.ink).text(latin1(company.name), x, MARGIN, {
      width: issuerWidth,
      height: 40,
      ellipsis: true,
    });
    style(doc.moveDown(0.2), FONT.regular, 9, COLOR.muted);
    const lines = [taxId(company.document), company.email, company.phone && `Tel. ${company.phone}`];
    for (const line of lines.filter((l): l is string => !!l)) {
      doc.text(latin1(line), { width: issuerWidth, height: 12, ellipsis: true });
    }
  }
  const issuerBottom = doc.y;
  const titleX = x + issuerWidth + 16;
  const titleWidth = CONTENT - issuerWidth - 16;
  style(doc, FONT.bold, 24, COLOR.accent).text('Fatura', titleX, MARGIN, {
    width: titleWidth,
    align: 'right',
  });
  style(doc, FONT.regular, 10, COLOR.muted).text(`Nº ${latin1(invoice.number)}`, {
    width: titleWidth,
    align: 'right',
    height: 36,
    ellipsis: true,
  });
  let y = Math.max(issuerBottom, doc.y) + 14;
  rule(doc, y);
  y += 18;

  // Customer.
  y = label(doc, 'Cliente', y);
  style(doc, FONT.bold, 12, COLOR.ink).text(latin1(customer.name), x, y, {
    width: CONTENT,
    height: 30,
    ellipsis: true,
  });
  style(doc, FONT.regular, 10, COLOR.ink);
  const id = taxId(customer.document);
  if (id) doc.text(id, { width: CONTENT });
  const emails = parseEmailList(customer.email).valid.join(', ');
  if (emails) doc.text(`E-mail: ${latin1(emails)}`, { width: CONTENT, height: 26, ellipsis: true });
  y = doc.y + 18;

  // Summary panel: dates, billing method and amount in one row.
  const panelHeight = 66;
  doc.roundedRect(x, y, CONTENT, panelHeight, 6).fill(COLOR.panel);
  const columns = [
    { title: 'Emissão', value: formatDateBR(invoice.issueDate), width: 90 },
    { title: 'Vencimento', value: formatDateBR(invoice.dueDate), width: 90 },
    { title: 'Forma de cobrança', value: latin1(input.billingMethodName), width: 157 },
    { title: 'Valor', value: formatMoneyBR(invoice.amountCents), width: 130 },
  ];
  let cx = x + 14;
  for (const [i, col] of columns.entries()) {
    const last = i === columns.length - 1;
    const align = last ? 'right' : 'left';
    style(doc, FONT.regular, 8.5, COLOR.muted).text(col.title, cx, y + 12, { width: col.width, align });
    style(doc, FONT.bold, last ? 16 : 11, last ? COLOR.accent : COLOR.ink);
    doc.text(col.value, cx, y + (last ? 26 : 28), {
      width: col.width - 6,
      align,
      height: 30,
      ellipsis: true,
    });
    cx += col.width;
  }
  y += panelHeight + 24;

  const line = invoice.digitableLine?.trim();
  if (line) {
    y = label(doc, 'Linha digitável', y);
    const text = formatDigitableLine(line);
    style(doc, FONT.monoBold, 12, COLOR.ink);
    const height = doc.heightOfString(text, { width: CONTENT - 24 }) + 20;
    doc.roundedRect(x, y, CONTENT, height, 4).lineWidth(0.8).stroke(COLOR.line);
    doc.text(text, x + 12, y + 10, { width: CONTENT - 24 });
    y += height + 24;
  }

  if (pix && qr) {
    y = label(doc, 'Pix', y);
    drawQr(doc, qr, x, y, QR_SIZE);
    const tx = x + QR_SIZE + 20;
    const tw = CONTENT - QR_SIZE - 20;
    style(doc, FONT.regular, 9.5, COLOR.ink).text(PIX_HINT, tx, y, { width: tw });
    style(doc.moveDown(0.6), FONT.regular, 8.5, COLOR.muted).text('PIX copia e cola', { width: tw });
    style(doc.moveDown(0.2), FONT.mono, PIX_CODE_SIZE, COLOR.ink);
    // Cut at fixed columns rather than letting pdfkit wrap at spaces: a wrap would swallow a space
    // that belongs to the code and break its checksum when copied.
    const perLine = Math.floor(tw / (PIX_CODE_SIZE * COURIER_ADVANCE));
    const lineHeight = doc.currentLineHeight(true) + 1;
    let cy = doc.y;
    for (let i = 0; i < pix.length; i += perLine, cy += lineHeight) {
      doc.text(latin1(pix.slice(i, i + perLine)), tx, cy, { lineBreak: false });
    }
  }

  if (company) {
    const footerY = PAGE.height - MARGIN - 14;
    rule(doc, footerY - 10);
    const contact = [company.email, company.phone].filter(Boolean).join(' | ');
    const footer = `Em caso de dúvidas, fale com ${company.name}${contact ? `: ${contact}` : ''}.`;
    style(doc, FONT.regular, 8, COLOR.muted).text(latin1(footer), x, footerY, {
      width: CONTENT,
      align: 'center',
      height: 20,
      ellipsis: true,
    });
  }
}

function label(doc: PDFKit.PDFDocument, text: string, y: number): number {
  style(doc, FONT.bold, 8.5, COLOR.muted).text(text, MARGIN, y, { lineBreak: false });
  return y + 14;
}

function style(doc: PDFKit.PDFDocument, font: string, size: number, color: string): PDFKit.PDFDocument {
  return doc.font(font).fontSize(size).fillColor(color);
}

function rule(doc: PDFKit.PDFDocument, y: number) {
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + CONTENT, y)
    .lineWidth(0.8)
    .stroke(COLOR.line);
}

/** "CPF 123.456.789-09" / "CNPJ 12.345.678/0001-90", or the raw value when it has another shape. */
function taxId(document: string | null | undefined): string | null {
  const raw = document?.trim();
  if (!raw) return null;
  const d = raw.replace(/\D/g, '');
  if (d.length === 11) return `CPF ${d.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4')}`;
  if (d.length === 14) return `CNPJ ${d.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5')}`;
  return `CPF/CNPJ ${latin1(raw)}`;
}

/** Groups a boleto's digits the way banks print them; anything else is shown as given. */
function formatDigitableLine(line: string): string {
  if (!/^[\d\s.-]+$/.test(line)) return latin1(line);
  const d = line.replace(/\D/g, '');
  if (d.length === 47) {
    return `${d.slice(0, 5)}.${d.slice(5, 10)} ${d.slice(10, 15)}.${d.slice(15, 21)} ${d.slice(21, 26)}.${d.slice(26, 32)} ${d[32]} ${d.slice(33)}`;
  }
  if (d.length === 48 && d.startsWith('8')) {
    return [0, 12, 24, 36].map((i) => `${d.slice(i, i + 11)}-${d[i + 11]}`).join(' ');
  }
  return line.replace(/\s+/g, ' ');
}

// Helvetica and Courier here are the PDF standard fonts, encoded as WinAnsi: characters outside it
// would print as garbage, so they are folded to their unaccented letter or replaced by "?".
const WIN_ANSI_EXTRA = '–—‘’‚“”„†‡•…‰‹›€™ŒœŠšŸŽžƒˆ˜';
function latin1(text: string): string {
  return text.normalize('NFC').replace(/[^\x20-\x7e\xa0-\xff]/gu, (ch) => {
    if (WIN_ANSI_EXTRA.includes(ch)) return ch;
    if (/\s/.test(ch)) return ' ';
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    return /^[\x20-\x7e\xa0-\xff]+$/.test(base) ? base : '?';
  });
}
