// What a bulk action on invoices answers (which were done, which were not and why) and the summary a
// clerk reads: "2 faturas marcadas como pagas. 1 já estava paga (2021-0003)." Shared so the screen
// and any other caller word it the same way.

/** Why an invoice was left out of a bulk action; each reads after the invoice's number or a count. */
export const BULK_REFUSALS = {
  already_paid: ['já estava paga', 'já estavam pagas'],
  already_cancelled: ['já estava cancelada', 'já estavam canceladas'],
  already_open: ['já estava em aberto', 'já estavam em aberto'],
  cancelled: ['está cancelada (reabra-a antes)', 'estão canceladas (reabra-as antes)'],
  paid: ['está paga (reabra-a antes de cancelar)', 'estão pagas (reabra-as antes de cancelar)'],
  paid_not_sent: [
    'está paga: não se envia cobrança de fatura paga',
    'estão pagas: não se envia cobrança de fatura paga',
  ],
  cancelled_not_sent: [
    'está cancelada: não se envia cobrança de fatura cancelada',
    'estão canceladas: não se envia cobrança de fatura cancelada',
  ],
  issued_after_payment: [
    'foi emitida depois da data do pagamento',
    'foram emitidas depois da data do pagamento',
  ],
  not_found: ['não existe mais', 'não existem mais'],
  already_sent: ['já foi enviada neste envio', 'já foram enviadas neste envio'],
} as const satisfies Record<string, readonly [string, string]>;
export type BulkRefusal = keyof typeof BULK_REFUSALS;

export interface BulkItem {
  id: string;
  number: string;
}

export interface BulkLeftOut extends BulkItem {
  /** A known refusal, worded for one or many; else `reason` says it (a send's warning or failure). */
  code?: BulkRefusal;
  reason: string;
}

export interface BulkResult {
  done: BulkItem[];
  notDone: BulkLeftOut[];
}

export const refusal = (item: BulkItem, code: BulkRefusal): BulkLeftOut => ({
  ...item,
  code,
  reason: BULK_REFUSALS[code][0],
});

export type BulkAction = 'markPaid' | 'cancel' | 'reopen' | 'send';

const DONE_WORDS: Record<BulkAction, readonly [string, string, string]> = {
  markPaid: [
    'fatura marcada como paga',
    'faturas marcadas como pagas',
    'Nenhuma fatura foi marcada como paga.',
  ],
  cancel: ['fatura cancelada', 'faturas canceladas', 'Nenhuma fatura foi cancelada.'],
  reopen: ['fatura reaberta', 'faturas reabertas', 'Nenhuma fatura foi reaberta.'],
  send: ['e-mail enviado', 'e-mails enviados', 'Nenhum e-mail foi enviado.'],
};

const count = (n: number, [one, many]: readonly string[]) =>
  `${n.toLocaleString('pt-BR')} ${n === 1 ? one : many}`;

/** Numbers listed in a summary: a few, then "e mais N". */
function numbers(items: BulkItem[]): string {
  const shown = items.slice(0, 5).map((i) => i.number);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} e mais ${rest}` : shown.join(', ');
}

/** The lines of the summary: what was done, then one line per reason something was not. */
export function bulkSummary(action: BulkAction, result: BulkResult): string[] {
  const lines: string[] = [];
  lines.push(
    result.done.length ? `${count(result.done.length, DONE_WORDS[action])}.` : DONE_WORDS[action][2],
  );
  const groups = new Map<string, BulkLeftOut[]>();
  for (const item of result.notDone) {
    const key = item.code ?? `:${item.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const items of groups.values()) {
    const code = items[0]!.code;
    if (code) {
      const n = items.length;
      lines.push(
        `${n === 1 ? 'A fatura' : `${n} faturas`} ${n === 1 ? items[0]!.number + ' ' : ''}${
          BULK_REFUSALS[code][n === 1 ? 0 : 1]
        }${n === 1 ? '' : ` (${numbers(items)})`}.`,
      );
    } else {
      const reason = items[0]!.reason.replace(/\.$/, '');
      lines.push(`${items.length === 1 ? 'Fatura' : 'Faturas'} ${numbers(items)}: ${reason}.`);
    }
  }
  return lines;
}
