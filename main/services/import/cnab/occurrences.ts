// Occurrence (movement) codes of retorno files, in Portuguese, and which of them are payments.
// CNAB 240: FEBRABAN "Layout Padrão CNAB 240", cobrança, nota C044 (código de movimento retorno).
// CNAB 400: each bank's own table (sources in cnab-400.ts). Codes not listed show as "ocorrência NN".

export interface OccurrenceTable {
  descriptions: Record<string, string>;
  /** Codes that mean the boleto was paid: the invoice is marked paid. */
  liquidation: ReadonlySet<string>;
}

export const FEBRABAN_240: OccurrenceTable = {
  descriptions: {
    '02': 'Entrada confirmada',
    '03': 'Entrada rejeitada',
    '04': 'Transferência de carteira/entrada',
    '05': 'Transferência de carteira/baixa',
    '06': 'Liquidação',
    '07': 'Confirmação do recebimento da instrução de desconto',
    '08': 'Confirmação do recebimento do cancelamento do desconto',
    '09': 'Baixa',
    '11': 'Títulos em carteira (em ser)',
    '12': 'Confirmação do recebimento da instrução de abatimento',
    '13': 'Confirmação do recebimento da instrução de cancelamento do abatimento',
    '14': 'Confirmação do recebimento da instrução de alteração de vencimento',
    '15': 'Franco de pagamento',
    '17': 'Liquidação após baixa ou liquidação de título não registrado',
    '19': 'Confirmação do recebimento da instrução de protesto',
    '20': 'Confirmação do recebimento da instrução de sustação/cancelamento de protesto',
    '23': 'Remessa a cartório (aponte em cartório)',
    '24': 'Retirada de cartório e manutenção em carteira',
    '25': 'Protestado e baixado (baixa por ter sido protestado)',
    '26': 'Instrução rejeitada',
    '27': 'Confirmação do pedido de alteração de outros dados',
    '28': 'Débito de tarifas/custas',
    '29': 'Ocorrências do pagador',
    '30': 'Alteração de dados rejeitada',
  },
  liquidation: new Set(['06', '17']),
};

export const BRADESCO_400: OccurrenceTable = {
  descriptions: {
    '02': 'Entrada confirmada',
    '03': 'Entrada rejeitada',
    '06': 'Liquidação normal',
    '09': 'Baixado automaticamente via arquivo',
    '10': 'Baixado conforme instruções da agência',
    '11': 'Em ser (títulos pendentes)',
    '12': 'Abatimento concedido',
    '13': 'Abatimento cancelado',
    '14': 'Vencimento alterado',
    '15': 'Liquidação em cartório',
    '16': 'Título pago em cheque, vinculado',
    '17': 'Liquidação após baixa ou título não registrado',
    '18': 'Acerto de depositária',
    '19': 'Confirmação de recebimento de instrução de protesto',
    '20': 'Confirmação de recebimento de instrução de sustação de protesto',
    '22': 'Título com pagamento cancelado',
    '23': 'Entrada do título em cartório',
    '24': 'Entrada rejeitada por CEP irregular',
    '27': 'Baixa rejeitada',
    '28': 'Débito de tarifas/custas',
    '30': 'Alteração de outros dados rejeitada',
    '32': 'Instrução rejeitada',
    '33': 'Confirmação de pedido de alteração de outros dados',
    '34': 'Retirado de cartório e manutenção em carteira',
    '40': 'Estorno de pagamento',
  },
  liquidation: new Set(['06', '15', '17']),
};

export const ITAU_400: OccurrenceTable = {
  descriptions: {
    '02': 'Entrada confirmada',
    '03': 'Entrada rejeitada',
    '04': 'Alteração de dados - nova entrada',
    '05': 'Alteração de dados - baixa',
    '06': 'Liquidação normal',
    '07': 'Liquidação parcial',
    '08': 'Liquidação em cartório',
    '09': 'Baixa simples',
    '10': 'Baixa por ter sido liquidado',
    '11': 'Em ser',
    '12': 'Abatimento concedido',
    '13': 'Abatimento cancelado',
    '14': 'Vencimento alterado',
    '15': 'Baixas rejeitadas',
    '16': 'Instruções rejeitadas',
    '17': 'Alteração de dados rejeitados',
    '19': 'Confirma recebimento de instrução de protesto',
    '20': 'Confirma recebimento de instrução de sustação de protesto',
    '23': 'Título enviado a cartório',
    '24': 'Instrução de protesto rejeitada',
    '25': 'Alegações do pagador',
    '32': 'Baixa por ter sido protestado',
  },
  liquidation: new Set(['06', '08']),
};

export const SANTANDER_400: OccurrenceTable = {
  descriptions: {
    '01': 'Título não existe',
    '02': 'Entrada confirmada',
    '03': 'Entrada rejeitada',
    '06': 'Liquidação',
    '07': 'Liquidação por conta',
    '08': 'Liquidação por saldo',
    '09': 'Baixa automática',
    '10': 'Título baixado conforme instrução',
    '11': 'Em ser',
    '12': 'Abatimento concedido',
    '13': 'Abatimento cancelado',
    '14': 'Prorrogação de vencimento',
    '15': 'Enviado para cartório',
    '16': 'Título já baixado/liquidado',
    '17': 'Liquidado em cartório',
    '21': 'Entrada em cartório',
    '22': 'Retirado de cartório',
    '24': 'Custas de cartório',
    '25': 'Protestar título',
    '26': 'Sustar protesto',
  },
  liquidation: new Set(['06', '08', '17']),
};

export const BANCO_DO_BRASIL_400: OccurrenceTable = {
  descriptions: {
    '02': 'Confirmação de entrada de título',
    '03': 'Comando recusado',
    '05': 'Liquidado sem registro',
    '06': 'Liquidação normal',
    '07': 'Liquidação por conta',
    '08': 'Liquidação por saldo',
    '09': 'Baixa de título',
    '10': 'Baixa solicitada',
    '11': 'Títulos em ser',
    '12': 'Abatimento concedido',
    '13': 'Abatimento cancelado',
    '14': 'Alteração de vencimento do título',
    '15': 'Liquidação em cartório',
    '16': 'Confirmação de alteração de juros de mora',
    '19': 'Confirmação de recebimento de instruções para protesto',
    '20': 'Débito em conta',
    '21': 'Alteração do nome do pagador',
    '22': 'Alteração do endereço do pagador',
    '23': 'Indicação de encaminhamento a cartório',
    '24': 'Sustar protesto',
    '25': 'Dispensar juros de mora',
    '28': 'Manutenção de título vencido',
    '44': 'Título pago com cheque devolvido',
    '46': 'Título pago com cheque, aguardando compensação',
  },
  liquidation: new Set(['05', '06', '08', '15']),
};

export const describeOccurrence = (table: OccurrenceTable, code: string): string =>
  table.descriptions[code] ?? `ocorrência ${code}`;
