// Payment codes for the sample data that look and check like real ones: a boleto's linha digitável
// (47 digits, FEBRABAN check digits) and a PIX copia e cola (EMV BR Code with its CRC16). They are
// never paid: the sample is for seeing the e-mails, so a plausible shape is what matters.
import { daysBetween } from '../../shared/calendar';

/** Módulo 10 check digit of a linha digitável field (weights 2,1 from the right). */
function mod10(digits: string): number {
  let sum = 0;
  [...digits].reverse().forEach((d, i) => {
    const product = Number(d) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  });
  return (10 - (sum % 10)) % 10;
}

/** Módulo 11 general check digit of a barcode (weights 2..9 from the right; 0, 10, 11 become 1). */
function mod11(digits: string): number {
  let sum = 0;
  [...digits].reverse().forEach((d, i) => (sum += Number(d) * (2 + (i % 8))));
  const dv = 11 - (sum % 11);
  return dv === 0 || dv === 10 || dv === 11 ? 1 : dv;
}

/** Days since the 2025-02-22 base (factor 1000), as boletos count them after the 2025 rollover. */
function dueFactor(dueDate: string): string {
  return String(1000 + Math.max(0, daysBetween('2025-02-22', dueDate))).padStart(4, '0');
}

/** A linha digitável for bank 237 (carteira 09), `ourNumber` making each one unique. */
export function sampleDigitableLine(dueDate: string, amountCents: number, ourNumber: number): string {
  const bank = '2379';
  const free = `${'3381'}${'09'}${String(ourNumber).padStart(11, '0')}${'0123456'}${'0'}`; // 25 digits
  const tail = `${dueFactor(dueDate)}${String(amountCents).padStart(10, '0')}`;
  const dv = mod11(`${bank}${tail}${free}`);
  const f1 = `${bank}${free.slice(0, 5)}`;
  const f2 = free.slice(5, 15);
  const f3 = free.slice(15, 25);
  const field = (s: string, cut: number) => `${s.slice(0, cut)}.${s.slice(cut)}${mod10(s)}`;
  return `${field(f1, 5)} ${field(f2, 5)} ${field(f3, 5)} ${dv} ${tail}`;
}

/** CRC-16/CCITT-FALSE, the checksum closing every PIX BR Code. */
export function crc16(payload: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(payload)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

const emv = (id: string, value: string) => `${id}${String(value.length).padStart(2, '0')}${value}`;

/** A static PIX BR Code for `amountCents`, paid to the sample company's key. */
export function samplePixCode(amountCents: number, txid: string): string {
  const payload =
    emv('00', '01') +
    emv('26', emv('00', 'br.gov.bcb.pix') + emv('01', 'financeiro@provedor.example')) +
    emv('52', '0000') +
    emv('53', '986') +
    emv('54', (amountCents / 100).toFixed(2)) +
    emv('58', 'BR') +
    emv('59', 'PROVEDOR EXEMPLO') +
    emv('60', 'SAO PAULO') +
    emv('62', emv('05', txid.replace(/[^A-Za-z0-9]/g, '').slice(0, 25))) +
    '6304';
  return payload + crc16(payload);
}

/** A CPF with valid check digits, from a 9-digit base. */
export function sampleCpf(base: number): string {
  const digits = String(base).padStart(9, '0').split('').map(Number);
  for (const length of [9, 10]) {
    const sum = digits.slice(0, length).reduce((acc, d, i) => acc + d * (length + 1 - i), 0);
    const dv = (sum * 10) % 11;
    digits.push(dv === 10 ? 0 : dv);
  }
  const s = digits.join('');
  return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`;
}

/** A CNPJ (branch 0001) with valid check digits, from an 8-digit base. */
export function sampleCnpj(base: number): string {
  const digits = `${String(base).padStart(8, '0')}0001`.split('').map(Number);
  for (const weights of [
    [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2],
    [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2],
  ]) {
    const sum = weights.reduce((acc, w, i) => acc + w * digits[i]!, 0);
    const rest = sum % 11;
    digits.push(rest < 2 ? 0 : 11 - rest);
  }
  const s = digits.join('');
  return `${s.slice(0, 2)}.${s.slice(2, 5)}.${s.slice(5, 8)}/${s.slice(8, 12)}-${s.slice(12)}`;
}
