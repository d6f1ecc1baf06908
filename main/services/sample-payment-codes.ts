// Payment codes and documents for the sample data, made by shared/br so that they check like real
// ones (the invoice schema rejects anything else). They are never paid: the sample is for seeing
// the e-mails.
import { buildBankLine, buildPixCode, checkCnpj, checkCpf, type Checked, type TaxId } from '../../shared/br';

/** A linha digitável for bank 237 (carteira 09), `ourNumber` making each one unique. */
export function sampleDigitableLine(dueDate: string, amountCents: number, ourNumber: number): string {
  const freeField = `3381${'09'}${String(ourNumber).padStart(11, '0')}${'0123456'}${'0'}`; // 25 digits
  return buildBankLine({ bankCode: '237', dueDate, amountCents, freeField });
}

/** A static PIX BR Code for `amountCents`, paid to the sample company's key. */
export function samplePixCode(amountCents: number, txid: string): string {
  return buildPixCode({
    key: 'financeiro@provedor.example',
    merchantName: 'PROVEDOR EXEMPLO',
    merchantCity: 'SAO PAULO',
    amountCents,
    txid: txid.replace(/[^A-Za-z0-9]/g, '').slice(0, 25),
  });
}

/** The one pair of check digits the validator accepts after `base`: no second copy of the rule. */
function withCheckDigits(base: string, check: (s: string) => Checked<TaxId>): string {
  for (let dv = 0; dv < 100; dv++) {
    const result = check(`${base}${String(dv).padStart(2, '0')}`);
    if (result.ok) return result.value.formatted;
  }
  throw new RangeError(`no check digits for ${base}`);
}

/** A CPF with valid check digits, from a 9-digit base. */
export const sampleCpf = (base: number): string => withCheckDigits(String(base).padStart(9, '0'), checkCpf);

/** A CNPJ (branch 0001) with valid check digits, from an 8-digit base. */
export const sampleCnpj = (base: number): string =>
  withCheckDigits(`${String(base).padStart(8, '0')}0001`, checkCnpj);
