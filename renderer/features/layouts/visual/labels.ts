// How the visual editor names what a template holds: a variable's chip ("Valor da fatura") and a
// condition's heading ("Se a fatura ainda não venceu"), from the variable catalogue.
import { TEMPLATE_VARIABLES } from '../../../../shared/template-variables';

/** Short chip labels; a variable not listed here shows its catalogue description. */
const CHIP_LABELS: Record<string, string> = {
  'cliente.nome': 'Nome do cliente',
  'cliente.documento': 'CPF/CNPJ do cliente',
  'cliente.email': 'E-mail do cliente',
  'fatura.numero': 'Número da fatura',
  'fatura.valor': 'Valor da fatura',
  'fatura.emissao': 'Data de emissão',
  'fatura.vencimento': 'Data de vencimento',
  'fatura.diasAtraso': 'Dias de atraso',
  'fatura.diasParaVencer': 'Dias para vencer',
  'fatura.vencida': 'Fatura vencida',
  'fatura.linhaDigitavel': 'Linha digitável',
  'fatura.pixCopiaECola': 'PIX copia e cola',
  'fatura.formaCobranca': 'Forma de cobrança',
  'empresa.nome': 'Nome da empresa',
  'empresa.documento': 'CNPJ da empresa',
  'empresa.email': 'E-mail da empresa',
  'empresa.telefone': 'Telefone da empresa',
  'envio.data': 'Data do envio',
  'envio.pdfAnexo': 'PDF anexo',
};

const description = (name: string) => TEMPLATE_VARIABLES.find((v) => v.name === name)?.description;

export const isKnownVariable = (name: string) => TEMPLATE_VARIABLES.some((v) => v.name === name);

export function variableLabel(name: string): string {
  return CHIP_LABELS[name] ?? description(name)?.replace(/\s*\(.*\)\s*$/, '') ?? name;
}

/** What a section means, as the clerk reads it. */
const CONDITIONS: Record<string, [shown: string, hidden: string]> = {
  'fatura.vencida': ['Se a fatura já venceu', 'Se a fatura ainda não venceu'],
  'fatura.linhaDigitavel': ['Se a fatura tem boleto (linha digitável)', 'Se a fatura não tem boleto'],
  'fatura.pixCopiaECola': ['Se a fatura tem PIX', 'Se a fatura não tem PIX'],
  'envio.pdfAnexo': ['Se o PDF da fatura vai anexo', 'Se o PDF da fatura não vai anexo'],
  'empresa.nome': ['Se a empresa tem nome', 'Se a empresa não tem nome'],
  'empresa.documento': ['Se a empresa tem CNPJ', 'Se a empresa não tem CNPJ'],
  'empresa.email': ['Se a empresa tem e-mail', 'Se a empresa não tem e-mail'],
  'empresa.telefone': ['Se a empresa tem telefone', 'Se a empresa não tem telefone'],
  'fatura.diasAtraso': ['Se a fatura tem dias de atraso', 'Se a fatura não tem dias de atraso'],
};

export function conditionLabel(name: string, inverted: boolean): string {
  const known = CONDITIONS[name];
  if (known) return known[inverted ? 1 : 0];
  const what = variableLabel(name).toLowerCase();
  return inverted ? `Se não houver ${what}` : `Se houver ${what}`;
}

/** The conditions the clerk can wrap a piece of text in, from the toolbar. */
export const OFFERED_CONDITIONS: { name: string; inverted: boolean }[] = [
  { name: 'fatura.vencida', inverted: false },
  { name: 'fatura.vencida', inverted: true },
  { name: 'fatura.linhaDigitavel', inverted: false },
  { name: 'fatura.pixCopiaECola', inverted: false },
  { name: 'envio.pdfAnexo', inverted: false },
];
