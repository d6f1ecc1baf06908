// What a Forma de Cobrança knows about its boletos that the linha digitável does not carry: the
// beneficiary's agency and code, where it may be paid, the kind of document, and the fine and interest
// printed in the instructions. One schema for the API, the form and the PDF; the instruction text is
// built here so the form shows exactly what the boleto will say.
import { z } from 'zod';
import { formatMoneyBR } from './calendar';

/** Printed when the billing method does not say where the boleto may be paid. */
export const DEFAULT_PAYMENT_PLACE = 'Pagável em qualquer banco, mesmo após o vencimento';
/** Duplicata de Serviço: what an internet provider's monthly bill is. */
export const DEFAULT_DOCUMENT_KIND = 'DS';
/** Consumer contracts: Código de Defesa do Consumidor, art. 52 §1º. */
export const MAX_FINE_PERCENT = 2;
/** Late interest ("juros de mora") as consumer contracts usually cap it. */
export const MAX_MONTHLY_INTEREST_PERCENT = 1;

const percentFormat = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 3 });
/** 2 → "2%", 0.5 → "0,5%". */
export function formatPercent(value: number): string {
  return `${percentFormat.format(value)}%`;
}

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} deve ser um texto` })
    .trim()
    .max(max, `${what} longo demais (máximo ${max} caracteres)`)
    .nullish();

const percent = (what: string, max: number, why: string) =>
  z
    .number({ error: `${what} deve ser um número` })
    .min(0, `${what} não pode ser negativo`)
    .max(max, `${what} de no máximo ${formatPercent(max)} (${why})`)
    .nullish();

export const boletoSettingsSchema = z.strictObject({
  /** "Agência/Código do Beneficiário" as the bank prints it, e.g. "1234-5 / 0012345-6". */
  beneficiaryCode: text('Agência/Código do beneficiário', 40),
  /** "Local de pagamento". */
  paymentPlace: text('Local de pagamento', 120),
  /** "Espécie doc." (DS, DM, RC…). */
  documentKind: text('Espécie do documento', 10),
  /** "Carteira", as the bank names it. */
  wallet: text('Carteira', 10),
  finePercent: percent('Multa', MAX_FINE_PERCENT, 'limite do Código de Defesa do Consumidor'),
  monthlyInterestPercent: percent('Juros de mora', MAX_MONTHLY_INTEREST_PERCENT, 'ao mês'),
  /** More instruction lines, printed after the fine and interest. */
  instructions: text('Instruções', 400),
});
export type BoletoSettings = z.infer<typeof boletoSettingsSchema>;

/** Cents of `percent` of `amountCents`, rounded half up. */
const share = (amountCents: number, percent: number) => Math.round((amountCents * percent) / 100);

/**
 * The "Instruções" lines for a boleto of `amountCents`: the fine and the daily interest in reais, then
 * the billing method's own lines. Empty when nothing is configured.
 */
export function boletoInstructions(
  settings: BoletoSettings | null | undefined,
  amountCents: number,
): string[] {
  const lines: string[] = [];
  const fine = settings?.finePercent ?? 0;
  const interest = settings?.monthlyInterestPercent ?? 0;
  const parts: string[] = [];
  if (fine > 0) {
    const cents = share(amountCents, fine);
    parts.push(`multa de ${formatPercent(fine)}${cents > 0 ? ` (${formatMoneyBR(cents)})` : ''}`);
  }
  if (interest > 0) {
    // Juros simples pro rata die over a 30-day month, as the banks compute "juros de mora".
    const daily = Math.round((amountCents * interest) / 100 / 30);
    parts.push(
      `juros de mora de ${formatPercent(interest)} ao mês${daily > 0 ? ` (${formatMoneyBR(daily)} por dia de atraso)` : ''}`,
    );
  }
  if (parts.length > 0) lines.push(`Após o vencimento, cobrar ${parts.join(' e ')}.`);
  for (const line of (settings?.instructions ?? '').split(/\r?\n/)) if (line.trim()) lines.push(line.trim());
  return lines;
}
