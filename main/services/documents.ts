// The invoice document attached to each e-mail: the ERP's own PDF when it gave one, otherwise a
// one-page A4 generated here — with the FEBRABAN boleto (recibo do pagador and ficha de compensação
// with its barcode) at the foot when the invoice has a bank linha digitável, and the PIX QR code when
// it has a PIX code. The generated file is a pure function of its input: same input, same bytes.
import { readPdfFile } from './pdf-files';
export { DocumentError } from './pdf-files';
import type { BoletoSettings } from '../../shared/boleto';
import { parseDigitableLine } from '../../shared/br';
import type { Company, Customer, Invoice } from '../../shared/domain';
import { formatDateBR, formatMoneyBR } from '../../shared/calendar';
import { readLogo } from '../../shared/logo';
import { BOLETO_HEIGHT, drawBoleto } from './pdf/boleto';
import {
  drawContact,
  drawCustomer,
  drawHeader,
  drawLineBox,
  drawPix,
  drawSummary,
  rule,
  type Column,
  type PageInput,
} from './pdf/invoice-page';
import { BAR_HEIGHT_MM, drawItf, itfBars, QUIET_ZONE_MM, type ItfBars } from './pdf/itf-barcode';
import { formatDigitableLine, mm, qrModules, type Doc, type QrModules } from './pdf/kit';
import { PdfPage } from './pdf/page';
import { loadQrCode } from './qr-code';
export { qrModules, type QrModules };

export interface InvoiceDocumentInput {
  company: Company | null;
  customer: Customer;
  invoice: Invoice;
  billingMethodName: string;
  /** The billing method's boleto settings: agency and code, local de pagamento, fine and interest. */
  boleto?: BoletoSettings | null;
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

async function generateInvoicePdf(input: InvoiceDocumentInput): Promise<Buffer> {
  const QRCode = await loadQrCode();
  const { company, invoice } = input;
  const pix = invoice.pixCode?.trim() || null;
  const qr = pix ? qrModules(pix, QRCode) : null;
  const line = invoice.digitableLine?.trim() || null;
  const parsed = line ? parseDigitableLine(line, invoice.dueDate) : null;
  const slip = parsed?.ok ? parsed.value : null;
  const bars = slip ? itfBars(slip.barcode44) : null;
  const logo = company?.logo ? readLogo(company.logo) : null;
  const page: PageInput = { ...input, logo: logo?.ok ? Buffer.from(logo.value.bytes) : null };
  const doc = new PdfPage(PAGE.width, PAGE.height, { right: 28, bottom: 10 });
  if (slip?.kind === 'bank' && bars) {
    renderWithBoleto(doc, page, pix && qr ? { pix, qr } : null, (col, bottom) =>
      drawBoleto(doc, page, slip, bars, col, bottom),
    );
  } else {
    const lineText = slip ? slip.formatted : line ? formatDigitableLine(line) : null;
    renderPlain(doc, page, lineText, bars, pix && qr ? { pix, qr } : null);
  }
  return doc.toBuffer({
    title: `Fatura ${invoice.number}`,
    ...(company ? { author: company.name } : {}),
    subject: `Vencimento ${formatDateBR(invoice.dueDate)} - ${formatMoneyBR(invoice.amountCents)}`,
    creator: 'Régua',
    producer: 'Régua',
    // A fixed date keeps the bytes a pure function of the invoice.
    creationDate: new Date(`${invoice.issueDate}T12:00:00.000Z`),
    lang: 'pt-BR',
  });
}

interface Pix {
  pix: string;
  qr: QrModules;
}

/** Invoice on top, boleto at the foot: 10 mm side margins, as the ficha needs the width. */
function renderWithBoleto(
  doc: Doc,
  input: PageInput,
  pix: Pix | null,
  boleto: (col: Column, bottom: number) => void,
) {
  const col: Column = { x: mm(10), width: PAGE.width - 2 * mm(10) };
  const bottom = PAGE.height - mm(7);
  const contactY = bottom - BOLETO_HEIGHT - 22;
  // Drawn top to bottom, so text copied out of the PDF reads in the order of the page.
  let y = drawHeader(doc, input, col, 28, true) + 10;
  rule(doc, col, y);
  y = drawCustomer(doc, input, col, y + 10, true) + 10;
  y = drawSummary(doc, input, col, y) + 14;
  if (pix) drawPix(doc, pix.pix, pix.qr, col, y, 100, contactY - 6 - y);
  drawContact(doc, input, col, contactY);
  boleto(col, bottom);
}

const PLAIN_MARGIN = 50;

/** The page without a ficha: the linha digitável as text (with its barcode when it checks) and PIX. */
function renderPlain(doc: Doc, input: PageInput, line: string | null, bars: ItfBars | null, pix: Pix | null) {
  const col: Column = { x: PLAIN_MARGIN, width: PAGE.width - 2 * PLAIN_MARGIN };
  let y = drawHeader(doc, input, col, PLAIN_MARGIN) + 14;
  rule(doc, col, y);
  y = drawCustomer(doc, input, col, y + 18) + 18;
  y = drawSummary(doc, input, col, y) + 24;
  if (line) {
    y = drawLineBox(doc, line, col, y) + 10;
    if (bars) {
      // Convênio slips have no ficha de compensação, but cashiers still scan their barcode.
      drawItf(doc, bars, col.x + mm(QUIET_ZONE_MM), y);
      y += mm(BAR_HEIGHT_MM) + 4;
    }
    y += 14;
  }
  if (pix) {
    const footer = PAGE.height - PLAIN_MARGIN - 24;
    drawPix(doc, pix.pix, pix.qr, col, y, 128, footer - y);
  }
  drawContact(doc, input, col, PAGE.height - PLAIN_MARGIN - 14);
  rule(doc, col, PAGE.height - PLAIN_MARGIN - 24);
}
