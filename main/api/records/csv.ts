// Histórico de envios as a spreadsheet: `;` between fields and a UTF-8 BOM, which is what Excel in
// pt-BR needs to open it with the right columns and accents.
import { DELIVERY_STATUS_LABELS, type DeliveryView } from '../../../shared/contract/records';
import { ruleKindLabel } from '../../../shared/rule-kinds';
import { formatDateBR } from '../../../shared/calendar';

const HEADER = [
  'Data',
  'Situação',
  'Fatura',
  'Cliente',
  'E-mails',
  'Regra',
  'Dias',
  'Vencimento',
  'Data de referência',
  'Motivo',
  'Resposta do servidor',
];

const NEEDS_QUOTES = /[;"\r\n]|^\s|\s$/;
// A cell starting with = + - @ is a formula to a spreadsheet; a leading apostrophe keeps it text.
const FORMULA = /^[=+\-@\t\r]/;

function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function deliveriesCsv(rows: readonly DeliveryView[], timeZone: string): string {
  const when = new Intl.DateTimeFormat('pt-BR', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const lines = [HEADER.map(cell).join(';')];
  for (const r of rows)
    lines.push(
      [
        when.format(new Date(r.at)).replace(', ', ' '),
        DELIVERY_STATUS_LABELS[r.status],
        r.invoiceNumber,
        r.customerName,
        (r.to ?? []).join(', '),
        r.origin === 'manual' ? 'Envio manual' : ruleKindLabel(r.kind),
        r.origin === 'manual' ? '' : r.days,
        formatDateBR(r.dueDate),
        r.origin === 'manual' ? '' : formatDateBR(r.referenceDate),
        r.reason ?? '',
        r.smtpResponse ?? '',
      ]
        .map(cell)
        .join(';'),
    );
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
