// The fields an import can fill, each with its label for staff and the header spellings ERPs use
// for it. Headers are compared normalized (no case, accents or punctuation), in any order.
import { FIELD_LABELS } from '../../../shared/import-fields';
import { normalizeHeader } from './cells';
import type { ImportField, ImportMapping, RowType } from './types';

export { FIELD_LABELS };

const SYNONYMS: Record<ImportField, string[]> = {
  customerId: [
    'codigo do cliente',
    'cod cliente',
    'codigo cliente',
    'id cliente',
    'id do cliente',
    'cliente id',
    'matricula',
    'contrato',
  ],
  customerName: [
    'nome',
    'razao social',
    'cliente',
    'nome do cliente',
    'nome razao social',
    'sacado',
    'pagador',
    'nome cliente',
  ],
  document: ['cpf', 'cnpj', 'cpf cnpj', 'cpf ou cnpj', 'cnpj cpf', 'documento', 'doc', 'cpf cnpj do cliente'],
  email: ['e mail', 'email', 'e mails', 'emails', 'email do cliente', 'e mail do cliente'],
  phone: ['telefone', 'celular', 'fone', 'telefone celular', 'whatsapp', 'tel'],
  street: ['endereco', 'logradouro', 'rua'],
  streetNumber: ['numero do endereco', 'n endereco', 'numero endereco'],
  complement: ['complemento'],
  district: ['bairro'],
  city: ['cidade', 'municipio'],
  state: ['uf', 'estado'],
  zip: ['cep'],
  active: ['ativo', 'situacao do cliente', 'cliente ativo'],
  invoiceId: ['id fatura', 'id da fatura', 'codigo da fatura', 'id titulo', 'id do titulo'],
  invoiceNumber: [
    'numero',
    'n documento',
    'no documento',
    'numero do documento',
    'documento n',
    'fatura',
    'numero da fatura',
    'titulo',
    'n titulo',
    'seu numero',
  ],
  issueDate: ['emissao', 'data de emissao', 'data emissao', 'dt emissao'],
  dueDate: ['vencimento', 'data de vencimento', 'data vencimento', 'dt vencimento', 'venc'],
  amount: [
    'valor',
    'valor do titulo',
    'valor da fatura',
    'valor original',
    'valor documento',
    'valor do boleto',
  ],
  status: ['situacao', 'status', 'situacao do titulo', 'estado do titulo'],
  billingMethod: [
    'forma de cobranca',
    'carteira',
    'carteira de cobranca',
    'tipo de cobranca',
    'forma de pagamento',
  ],
  digitableLine: ['linha digitavel', 'codigo de barras', 'linha digitavel do boleto', 'cod barras'],
  pixCode: ['codigo pix', 'pix copia e cola', 'pix', 'pix copia cola', 'qrcode pix', 'br code'],
  nossoNumero: ['nosso numero', 'nosso n', 'n nosso numero'],
  paymentDate: [
    'data de pagamento',
    'data pagamento',
    'pago em',
    'data do pagamento',
    'dt pagamento',
    'data da baixa',
    'data de credito',
  ],
  paidAmount: ['valor pago', 'valor recebido', 'valor do pagamento'],
};

const BY_HEADER = new Map<string, ImportField>();
for (const [field, names] of Object.entries(SYNONYMS) as [ImportField, string[]][])
  for (const name of names) BY_HEADER.set(name, field);

export const fieldForHeader = (header: string): ImportField | undefined =>
  BY_HEADER.get(normalizeHeader(header));

/** The field each header names, first column winning when two name the same field. */
export function guessMapping(headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const taken = new Set<ImportField>();
  let previous: ImportField | undefined;
  for (const header of headers) {
    let field = fieldForHeader(header);
    // "Número" right after "Endereço" is the street number, elsewhere the invoice's.
    if (field === 'invoiceNumber' && previous === 'street' && normalizeHeader(header) === 'numero')
      field = 'streetNumber';
    previous = field;
    if (field && !taken.has(field)) {
      mapping[header] = field;
      taken.add(field);
    }
  }
  return mapping;
}

/** What the rows are, from the fields mapped: payments need a payment date and no due date. */
export function guessRowType(fields: ReadonlySet<ImportField>): RowType {
  if (fields.has('dueDate') || fields.has('amount')) return 'invoices';
  if (
    fields.has('paymentDate') &&
    (fields.has('nossoNumero') || fields.has('invoiceId') || fields.has('invoiceNumber'))
  )
    return 'payments';
  return 'customers';
}

/** Columns a row type cannot do without. A list inside means "one of". */
export const REQUIRED: Record<RowType, (ImportField | ImportField[])[]> = {
  customers: [['customerId', 'document'], 'customerName'],
  invoices: [['invoiceId', 'invoiceNumber'], ['customerId', 'document'], 'dueDate', 'amount'],
  payments: [['nossoNumero', 'invoiceId', 'invoiceNumber'], 'paymentDate', ['paidAmount', 'amount']],
};
