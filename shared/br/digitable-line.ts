// One entry point for what a clerk pastes as "linha digitável": a 47-digit bank boleto, a
// 48-digit collection slip, or the 44-digit barcode of either, with or without dots and spaces.
import { barcodeToBankLine, parseBankLine, type BankSlip } from './bank-slip';
import { invalid, type Checked } from './checked';
import { barcodeToCollectionLine, parseCollectionLine, type CollectionSlip } from './collection-slip';

export type DigitableLine = BankSlip | CollectionSlip;

/**
 * Parses a linha digitável. `reference` (YYYY-MM-DD) picks which of the two dates a due factor
 * names (the nearest); without it the cycle started on 22/02/2025 is assumed. Never throws.
 */
export function parseDigitableLine(input: string, reference?: string): Checked<DigitableLine> {
  if (typeof input !== 'string') return invalid('linha digitável inválida');
  const text = input.trim();
  if (text === '') return invalid('informe a linha digitável');
  if (!/^[\d\s.-]+$/.test(text))
    return invalid('linha digitável inválida: use só números (pontos e espaços são aceitos)');
  const digits = text.replace(/\D/g, '');
  if (digits.length === 47) return parseBankLine(digits, reference);
  if (digits.length === 48) return parseCollectionLine(digits);
  if (digits.length === 44)
    return digits[0] === '8'
      ? parseCollectionLine(barcodeToCollectionLine(digits))
      : parseBankLine(barcodeToBankLine(digits), reference);
  return invalid(
    `linha digitável inválida: tem ${digits.length} dígitos (boleto bancário tem 47, convênio 48, código de barras 44)`,
  );
}
