// CEP and UF, the two address parts with a fixed shape.
import { invalid, valid, type Checked } from './checked';

export const UFS = [
  'AC',
  'AL',
  'AM',
  'AP',
  'BA',
  'CE',
  'DF',
  'ES',
  'GO',
  'MA',
  'MG',
  'MS',
  'MT',
  'PA',
  'PB',
  'PE',
  'PI',
  'PR',
  'RJ',
  'RN',
  'RO',
  'RR',
  'RS',
  'SC',
  'SE',
  'SP',
  'TO',
] as const;
export type Uf = (typeof UFS)[number];

/** 8 digits, with or without the hyphen (01310-100). */
export function checkCep(input: string): Checked<string> {
  const digits = input.trim().replace(/[.\-\s]/g, '');
  if (!/^\d{8}$/.test(digits)) return invalid('CEP inválido: deve ter 8 dígitos (ex.: 01310-100)');
  return valid(digits);
}

export function checkUf(input: string): Checked<Uf> {
  const uf = input.trim().toUpperCase();
  return (UFS as readonly string[]).includes(uf)
    ? valid(uf as Uf)
    : invalid(`UF inválida: ${input.trim()} (ex.: SP)`);
}
