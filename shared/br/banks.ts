// Banks as the boleto's header prints them: the name in the logo area and "237-2", the COMPE code with
// its check digit. The code comes from the linha digitável; the names cover the banks small providers
// bill through, and any other bank is printed by its code alone.

const BANKS: Record<string, { name: string; dv: string }> = {
  '001': { name: 'Banco do Brasil', dv: '9' },
  '004': { name: 'Banco do Nordeste', dv: '3' },
  '033': { name: 'Santander', dv: '7' },
  '041': { name: 'Banrisul', dv: '8' },
  '077': { name: 'Banco Inter', dv: '9' },
  '104': { name: 'Caixa', dv: '0' },
  '136': { name: 'Unicred', dv: '8' },
  '237': { name: 'Bradesco', dv: '2' },
  '260': { name: 'Nu Pagamentos', dv: '7' },
  '336': { name: 'C6 Bank', dv: '0' },
  '341': { name: 'Itaú', dv: '7' },
  '422': { name: 'Safra', dv: '7' },
  '748': { name: 'Sicredi', dv: 'X' },
  '756': { name: 'Sicoob', dv: '0' },
};

export interface BankLabel {
  /** Null when the bank is not one of the known ones. */
  name: string | null;
  /** "237-2"; the bare code when its check digit is not known. */
  code: string;
}

export function bankLabel(code: string): BankLabel {
  const bank = BANKS[code];
  return bank ? { name: bank.name, code: `${code}-${bank.dv}` } : { name: null, code };
}
