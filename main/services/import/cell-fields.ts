// One mapped cell → the field's value, or the clerk's message for why not. Text fields are
// trimmed; documents, phones and codes come back in their canonical written form.
import {
  checkCep,
  checkPhone,
  checkTaxId,
  checkUf,
  parseDigitableLine,
  parsePixCode,
} from '../../../shared/br';
import type { Invoice } from '../../../shared/domain';
import { parseEmailList } from '../../../shared/email-list';
import {
  cellText,
  normalizeHeader,
  parseBooleanCell,
  parseDateCell,
  parseMoneyCell,
  type CellValue,
} from './cells';
import type { DateFormat, ImportField } from './types';

export type FieldValue = string | number | boolean;
export type FieldResult = { ok: true; value: FieldValue } | { ok: false; message: string };

const STATUS_VALUES: Record<string, Invoice['status']> = {
  aberto: 'open',
  'em aberto': 'open',
  aberta: 'open',
  'a receber': 'open',
  pendente: 'open',
  vencido: 'open',
  vencida: 'open',
  open: 'open',
  pago: 'paid',
  paga: 'paid',
  recebido: 'paid',
  recebida: 'paid',
  liquidado: 'paid',
  liquidada: 'paid',
  quitado: 'paid',
  quitada: 'paid',
  paid: 'paid',
  cancelado: 'cancelled',
  cancelada: 'cancelled',
  cancelled: 'cancelled',
};

export interface CellOptions {
  dateFormat?: DateFormat;
  statusValues?: Record<string, Invoice['status']>;
}

const ok = (value: FieldValue): FieldResult => ({ ok: true, value });
const no = (message: string): FieldResult => ({ ok: false, message });

export function readField(field: ImportField, raw: CellValue, options: CellOptions): FieldResult {
  const text = cellText(raw);
  switch (field) {
    case 'document': {
      // A spreadsheet that stored the CPF or CNPJ as a number dropped its leading zeros: up to 11
      // digits it is a CPF, unless only the CNPJ reading checks (a CNPJ starting 000).
      const digits =
        typeof raw === 'number' ? String(raw).padStart(raw > 99_999_999_999 ? 14 : 11, '0') : text;
      let r = checkTaxId(digits);
      if (!r.ok && typeof raw === 'number' && digits.length === 11) {
        const cnpj = checkTaxId(digits.padStart(14, '0'));
        if (cnpj.ok) r = cnpj;
      }
      return r.ok ? ok(r.value.formatted) : no(r.error);
    }
    case 'phone': {
      const r = checkPhone(text);
      return r.ok ? ok(r.value.formatted) : no(r.error);
    }
    case 'email': {
      const { valid, invalid } = parseEmailList(text);
      return invalid.length
        ? no(`não é um e-mail válido${invalid.length > 1 || valid.length ? `: ${invalid.join(', ')}` : ''}`)
        : ok(valid.join('; '));
    }
    case 'state': {
      const r = checkUf(text);
      return r.ok ? ok(r.value) : no(r.error);
    }
    case 'zip': {
      const r = checkCep(text);
      return r.ok ? ok(r.value) : no(r.error);
    }
    case 'active': {
      const r = parseBooleanCell(raw);
      return r.ok ? ok(r.value) : no(`não é Sim nem Não`);
    }
    case 'issueDate':
    case 'dueDate':
    case 'paymentDate': {
      const r = parseDateCell(raw, options.dateFormat);
      return r.ok ? ok(r.value) : no(`não é uma data válida (use ${options.dateFormat ?? 'dd/mm/aaaa'})`);
    }
    case 'amount':
    case 'paidAmount': {
      const r = parseMoneyCell(raw);
      return r.ok ? ok(r.value) : no('não é um valor válido (use 1.234,56)');
    }
    case 'status': {
      const key = normalizeHeader(text);
      const status = options.statusValues?.[key] ?? STATUS_VALUES[key];
      return status ? ok(status) : no('situação desconhecida (use Aberto, Pago ou Cancelado)');
    }
    case 'digitableLine': {
      const r = parseDigitableLine(text);
      return r.ok ? ok(r.value.formatted) : no(r.error);
    }
    case 'pixCode': {
      const r = parsePixCode(text);
      return r.ok ? ok(r.value.payload) : no(r.error);
    }
    default:
      return ok(text);
  }
}
