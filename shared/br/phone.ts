// Brazilian phone numbers: DDD + 8 digits (landline) or 9 (mobile), optional +55. The numbering
// rules (which DDDs exist, which first digits) come from @brazilian-utils.
import { formatPhone, isValidPhone, parsePhone } from '@brazilian-utils/brazilian-utils';
import { invalid, valid, type Checked } from './checked';

export interface Phone {
  /** DDD + number, 10 or 11 digits, without +55. */
  digits: string;
  /** (11) 98765-4321 */
  formatted: string;
}

const EXAMPLE = 'use DDD e número, ex.: (11) 98765-4321';

export function checkPhone(input: string): Checked<Phone> {
  const text = input.trim();
  if (!/^[\d\s()+\-.]+$/.test(text)) return invalid(`telefone inválido: ${EXAMPLE}`);
  const digits = parsePhone(text);
  if (digits.length !== 10 && digits.length !== 11)
    return invalid(`telefone inválido: ${digits.length} dígitos (${EXAMPLE})`);
  if (!isValidPhone(digits)) return invalid(`telefone inválido: DDD ou número inexistente (${EXAMPLE})`);
  return valid({ digits, formatted: formatPhone(digits, { mask: 'nanp' }) });
}
