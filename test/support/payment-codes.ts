// Valid payment codes for test invoices, computed by shared/br (the same code that validates them):
// a bank linha digitável and a PIX copia e cola that match the invoice's amount and due date.
import { buildBankLine, buildCollectionLine, buildPixCode, parseDigitableLine } from '../../shared/br';

/** A Bradesco linha digitável (formatted) for this amount and due date; `ourNumber` varies the free field. */
export function testLine(dueDate: string, amountCents: number, ourNumber = 1): string {
  const freeField = `338109${String(ourNumber).padStart(11, '0')}01234560`;
  return buildBankLine({ bankCode: '237', dueDate, amountCents, freeField });
}

/** A static PIX code for this amount, paid to the test company's key. */
export function testPix(amountCents: number, txid = 'TESTE'): string {
  return buildPixCode({
    key: 'financeiro@provedor.example',
    merchantName: 'PROVEDOR EXEMPLO',
    merchantCity: 'SAO PAULO',
    amountCents,
    txid: txid.replace(/[^A-Za-z0-9]/g, '').slice(0, 25) || 'TESTE',
  });
}

/** The 44-digit barcode a linha digitável stands for (what a scanner must read). */
export function barcodeOf(line: string): string {
  const parsed = parseDigitableLine(line);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value.barcode44;
}

export { buildCollectionLine };
