// CPF and CNPJ, including the alphanumeric CNPJ of IN RFB 2.229/2024 (from July 2026): the check
// digits come from @brazilian-utils (zero dependencies, runs in the renderer too); this file only
// normalizes the input and explains a rejection in words a clerk understands.
import { formatCnpj, formatCpf, isValidCnpj, isValidCpf } from '@brazilian-utils/brazilian-utils';
import { invalid, valid, type Checked } from './checked';

export interface TaxId {
  kind: 'cpf' | 'cnpj';
  /** Without punctuation, letters upper-cased: 11 digits, or 12 alphanumerics + 2 digits. */
  value: string;
  /** 123.456.789-09 or 12.ABC.345/01DE-35. */
  formatted: string;
}

const MASK = /[.\-/\s]/g;

export function checkCpf(input: string): Checked<TaxId> {
  const value = input.replace(MASK, '');
  if (!/^\d+$/.test(value)) return invalid('CPF inválido: use só números (com ou sem pontos e traço)');
  if (value.length !== 11) return invalid(`CPF inválido: deve ter 11 dígitos, tem ${value.length}`);
  if (/^(\d)\1{10}$/.test(value)) return invalid('CPF inválido: todos os dígitos iguais');
  if (!isValidCpf(value)) return invalid('CPF inválido: dígitos verificadores não conferem');
  return valid({ kind: 'cpf', value, formatted: formatCpf(value) });
}

export function checkCnpj(input: string): Checked<TaxId> {
  const value = input.replace(MASK, '').toUpperCase();
  if (!/^[0-9A-Z]+$/.test(value))
    return invalid('CNPJ inválido: use só letras e números (com ou sem pontos, barra e traço)');
  if (value.length !== 14) return invalid(`CNPJ inválido: deve ter 14 caracteres, tem ${value.length}`);
  if (!/\d\d$/.test(value))
    return invalid('CNPJ inválido: os dois últimos (dígitos verificadores) são números');
  if (/^(\d)\1{13}$/.test(value)) return invalid('CNPJ inválido: todos os dígitos iguais');
  if (!isValidCnpj(value, { version: 2 }))
    return invalid('CNPJ inválido: dígitos verificadores não conferem');
  return valid({ kind: 'cnpj', value, formatted: formatCnpj(value, { version: 2 }) });
}

/** A CPF (11 digits) or a CNPJ (14 characters), told apart by length. */
export function checkTaxId(input: string): Checked<TaxId> {
  const value = input.trim().replace(MASK, '');
  if (value.length === 11 && /^\d+$/.test(value)) return checkCpf(value);
  if (value.length === 14) return checkCnpj(value);
  if (/^\d+$/.test(value) && value.length < 11 && value.length >= 9)
    return invalid(`CPF/CNPJ inválido: tem ${value.length} dígitos (CPF tem 11, CNPJ 14)`);
  if (!/^[0-9A-Za-z]*$/.test(value))
    return invalid('CPF/CNPJ inválido: use só números (e letras no CNPJ novo)');
  return invalid(`CPF/CNPJ inválido: tem ${value.length} caracteres (CPF tem 11, CNPJ 14)`);
}
