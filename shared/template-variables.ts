// The variables an e-mail layout may use. Validation accepts exactly these names, so a typo in a
// layout is caught when it is saved instead of reaching a customer as a blank.
import { buildBankLine, buildPixCode } from './br';

/** A linha digitável that checks, for the examples' R$ 1.234,56 due on 15/03/2026. */
const EXAMPLE_LINE = buildBankLine({
  bankCode: '237',
  dueDate: '2026-03-15',
  amountCents: 123456,
  freeField: '3381260082677099320000633',
});
/** A PIX copia e cola that checks, for the same R$ 1.234,56 (cut short in the catalogue). */
const EXAMPLE_PIX = buildPixCode({
  key: 'financeiro@conectafibra.com.br',
  merchantName: 'CONECTA FIBRA TELECOM',
  merchantCity: 'SAO PAULO',
  amountCents: 123456,
  txid: 'FAT2026000123',
});

/**
 * Content-IDs of the images an e-mail carries inline. A layout places them with
 * `<img src="{{fatura.pixQrCode}}">`: the variable renders as `cid:…`, which survives HTML escaping, and
 * the composer attaches only the images the rendered HTML refers to.
 */
export const INLINE_IMAGE_CIDS = {
  pixQrCode: 'pix-qrcode@regua',
  logo: 'empresa-logo@regua',
} as const;

export interface TemplateVariable {
  name: string;
  description: string;
  example: string;
}

export const TEMPLATE_VARIABLES: readonly TemplateVariable[] = [
  { name: 'cliente.nome', description: 'Nome do cliente', example: 'Maria da Silva Souza' },
  {
    name: 'cliente.documento',
    description: 'CPF ou CNPJ do cliente, formatado',
    example: '123.456.789-09',
  },
  {
    name: 'cliente.email',
    description: 'E-mail(s) do cliente, separados por vírgula',
    example: 'maria.souza@exemplo.com.br',
  },
  { name: 'fatura.numero', description: 'Número da fatura', example: '2026000123' },
  { name: 'fatura.valor', description: 'Valor da fatura em reais', example: 'R$ 1.234,56' },
  { name: 'fatura.emissao', description: 'Data de emissão (dd/mm/aaaa)', example: '01/03/2026' },
  { name: 'fatura.vencimento', description: 'Data de vencimento (dd/mm/aaaa)', example: '15/03/2026' },
  {
    name: 'fatura.diasAtraso',
    description: 'Dias de atraso na data do envio (número; 0 quando não está vencida)',
    example: '3',
  },
  {
    name: 'fatura.diasParaVencer',
    description: 'Dias que faltam para o vencimento (número; 0 no dia do vencimento ou depois)',
    example: '5',
  },
  {
    name: 'fatura.vencida',
    description:
      'Verdadeiro quando a data do envio já passou do vencimento (use em seções: {{#fatura.vencida}}…{{/fatura.vencida}})',
    example: 'true',
  },
  {
    name: 'fatura.linhaDigitavel',
    description:
      'Linha digitável do boleto, agrupada como o banco imprime; vazia quando a fatura não tem boleto',
    example: EXAMPLE_LINE,
  },
  {
    name: 'fatura.pixCopiaECola',
    description: 'Código PIX copia e cola; vazio quando a fatura não tem PIX',
    example: `${EXAMPLE_PIX.slice(0, 40)}…`,
  },
  {
    name: 'fatura.pixQrCode',
    description:
      'Imagem do QR code PIX, anexada ao e-mail: use como endereço de imagem, {{#fatura.pixQrCode}}<img src="{{fatura.pixQrCode}}" width="180" height="180" alt="QR code PIX">{{/fatura.pixQrCode}}; vazio quando a fatura não tem PIX',
    example: `cid:${INLINE_IMAGE_CIDS.pixQrCode}`,
  },
  { name: 'fatura.formaCobranca', description: 'Nome da forma de cobrança', example: 'Boleto Bancário' },
  { name: 'empresa.nome', description: 'Nome da empresa (provedor)', example: 'Conecta Fibra Telecom' },
  {
    name: 'empresa.documento',
    description: 'CNPJ ou CPF da empresa, formatado',
    example: '12.345.678/0001-95',
  },
  {
    name: 'empresa.email',
    description: 'E-mail de contato da empresa',
    example: 'financeiro@conectafibra.com.br',
  },
  { name: 'empresa.telefone', description: 'Telefone de contato da empresa', example: '(11) 4002-8922' },
  {
    name: 'empresa.logo',
    description:
      'Logotipo da empresa (cadastrado em Empresa), anexado ao e-mail: use como endereço de imagem, {{#empresa.logo}}<img src="{{empresa.logo}}" height="48" alt="{{empresa.nome}}">{{/empresa.logo}}; vazio sem logotipo',
    example: `cid:${INLINE_IMAGE_CIDS.logo}`,
  },
  { name: 'envio.data', description: 'Data do envio (dd/mm/aaaa)', example: '10/03/2026' },
  {
    name: 'envio.pdfAnexo',
    description: '"sim" quando o PDF da fatura segue anexo; vazio quando não segue (use como seção)',
    example: 'sim',
  },
];

export const TEMPLATE_VARIABLE_NAMES: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES.map((v) => v.name));
