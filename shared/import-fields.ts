// What an imported spreadsheet's columns can fill, and the presets (named column mappings) staff
// save: shared so the Importar screen, the routine form and the import layer speak of the same fields.
import { z } from 'zod';

/** One row per customer, per invoice (customer columns may sit beside it) or per payment. */
export const ROW_TYPES = ['customers', 'invoices', 'payments'] as const;
export type RowType = (typeof ROW_TYPES)[number];
export const ROW_TYPE_LABELS: Record<RowType, string> = {
  customers: 'Clientes',
  invoices: 'Faturas',
  payments: 'Pagamentos',
};

export const IMPORT_FIELDS = [
  'customerId',
  'customerName',
  'document',
  'email',
  'phone',
  'street',
  'streetNumber',
  'complement',
  'district',
  'city',
  'state',
  'zip',
  'active',
  'invoiceId',
  'invoiceNumber',
  'issueDate',
  'dueDate',
  'amount',
  'status',
  'billingMethod',
  'digitableLine',
  'pixCode',
  'nossoNumero',
  'paymentDate',
  'paidAmount',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const FIELD_LABELS: Record<ImportField, string> = {
  customerId: 'Código do cliente',
  customerName: 'Nome',
  document: 'CPF/CNPJ',
  email: 'E-mail',
  phone: 'Telefone',
  street: 'Endereço',
  streetNumber: 'Número do endereço',
  complement: 'Complemento',
  district: 'Bairro',
  city: 'Cidade',
  state: 'UF',
  zip: 'CEP',
  active: 'Ativo',
  invoiceId: 'ID da fatura',
  invoiceNumber: 'Número da fatura',
  issueDate: 'Emissão',
  dueDate: 'Vencimento',
  amount: 'Valor',
  status: 'Situação',
  billingMethod: 'Forma de cobrança',
  digitableLine: 'Linha digitável',
  pixCode: 'PIX copia e cola',
  nossoNumero: 'Nosso número',
  paymentDate: 'Data de pagamento',
  paidAmount: 'Valor pago',
};

/** A mapping staff saved under a name on Importar ("Meu ERP — boletos"), kept in the settings. */
export const savedImportPresetSchema = z.strictObject({
  id: z.string().trim().min(1, 'informe o identificador').max(200),
  name: z
    .string({ error: 'informe o nome do modelo' })
    .trim()
    .min(1, 'informe o nome do modelo')
    .max(120, 'nome do modelo longo demais (máximo 120 caracteres)'),
  type: z.enum(ROW_TYPES, { error: 'tipo deve ser clientes, faturas ou pagamentos' }),
  /** Header as in the file → field. */
  columns: z
    .record(z.string().max(200), z.enum(IMPORT_FIELDS))
    .refine((c) => Object.keys(c).length > 0, 'indique ao menos uma coluna'),
});
export type SavedImportPreset = z.infer<typeof savedImportPresetSchema>;
