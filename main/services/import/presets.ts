// Named mappings for the exports staff actually have. A preset is shipped only where its column
// layout could be documented from public material; each one names its sources. Anything else goes
// through the generic preset (headers guessed from synonyms, see fields.ts) or a mapping by hand.
import type { ImportPreset } from './types';

export const GENERIC_PRESET: ImportPreset = {
  id: 'generico',
  name: 'Genérico (colunas reconhecidas pelo nome)',
  type: 'invoices',
  columns: {},
  sources: [],
};

/**
 * IXCsoft (IXC Provedor): the API's "contas a receber" table `fn_areceber`, whose field names an
 * export through the API or the report builder keeps. Status: A = a receber, R = recebido,
 * C = cancelado, P = parcial (still open).
 */
export const IXC_RECEIVABLES_PRESET: ImportPreset = {
  id: 'ixc-fn-areceber',
  name: 'IXCsoft — Contas a receber (fn_areceber)',
  type: 'invoices',
  columns: {
    id: 'invoiceId',
    id_cliente: 'customerId',
    documento: 'invoiceNumber',
    data_emissao: 'issueDate',
    data_vencimento: 'dueDate',
    valor: 'amount',
    status: 'status',
    linha_digitavel: 'digitableLine',
    nn_boleto: 'nossoNumero',
    pagamento_data: 'paymentDate',
    pagamento_valor: 'paidAmount',
  },
  options: {
    dateFormat: 'aaaa-mm-dd',
    statusValues: { a: 'open', p: 'open', r: 'paid', c: 'cancelled' },
  },
  sources: [
    'IXC Provedor API, tabela fn_areceber — https://wiki-erp.ixcsoft.com.br (documentação da API)',
    'Tipos públicos da tabela fn_areceber em SDKs da API IXC no GitHub, ex.: https://github.com/KaduSR/ixc-rest-api-gateway (src/resources/financeiro/types.ts)',
  ],
};

/** IXCsoft: the API's customer table `cliente`. */
export const IXC_CUSTOMERS_PRESET: ImportPreset = {
  id: 'ixc-cliente',
  name: 'IXCsoft — Clientes (cliente)',
  type: 'customers',
  columns: {
    id: 'customerId',
    razao: 'customerName',
    cnpj_cpf: 'document',
    email: 'email',
    telefone_celular: 'phone',
    endereco: 'street',
    numero: 'streetNumber',
    complemento: 'complement',
    bairro: 'district',
    cep: 'zip',
    uf: 'state',
    ativo: 'active',
  },
  sources: [
    'IXC Provedor API, tabela cliente — https://wiki-erp.ixcsoft.com.br (documentação da API)',
    'Tipo IXCCliente (id, razao, cnpj_cpf, telefone_celular, email, endereco, bairro, cidade, uf, cep) em integrações públicas da API IXC no GitHub',
  ],
};

/**
 * MK-Auth: the titles view (`vtab_titulos`, also what its API's "titulo" resource returns).
 * `login` is the customer's code; status is "aberto", "pago" or "cancelado". Only the columns seen in
 * the sources are mapped (no e-mail column was documented: map it by hand if the export has one).
 */
export const MK_AUTH_TITLES_PRESET: ImportPreset = {
  id: 'mk-auth-titulos',
  name: 'MK-Auth — Títulos (vtab_titulos)',
  type: 'invoices',
  columns: {
    login: 'customerId',
    nome_res: 'customerName',
    cpf_cnpj: 'document',
    celular: 'phone',
    titulo: 'invoiceNumber',
    datavenc: 'dueDate',
    valor: 'amount',
    status: 'status',
    datapag: 'paymentDate',
    linhadig: 'digitableLine',
  },
  options: {
    dateFormat: 'aaaa-mm-dd',
    statusValues: { aberto: 'open', pago: 'paid', cancelado: 'cancelled' },
  },
  sources: [
    'Cliente Node da mini API do MK-Auth (recurso "titulo"): https://github.com/felipebergamin/mkauth-node-api (README)',
    'Consultas públicas à view vtab_titulos do MK-Auth (colunas nome_res, celular, datavenc, datapag, linhadig, status) em scripts de aviso por WhatsApp no GitHub',
  ],
};

export const IMPORT_PRESETS: readonly ImportPreset[] = [
  GENERIC_PRESET,
  IXC_RECEIVABLES_PRESET,
  IXC_CUSTOMERS_PRESET,
  MK_AUTH_TITLES_PRESET,
];

export const presetById = (id: string): ImportPreset | undefined => IMPORT_PRESETS.find((p) => p.id === id);
