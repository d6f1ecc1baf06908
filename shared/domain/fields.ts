// The field types the entities are built from: dates, ids, texts, times, folders and the Brazilian
// checks. Messages are in Portuguese because they reach office staff as they are.
import { z } from 'zod';
import { UFS } from '../br/address';
import type { Checked } from '../br';

z.config(z.locales.pt());

export const isoDate = z.iso.date({ error: 'data inválida (use AAAA-MM-DD, uma data que exista)' });
export const entityId = z
  .string({ error: 'informe o identificador' })
  .trim()
  .min(1, 'informe o identificador')
  .max(200, 'identificador longo demais (máximo 200 caracteres)');
export const requiredText = (what: string, max = 300) =>
  z
    .string({ error: `informe ${what}` })
    .trim()
    .min(1, `informe ${what}`)
    .max(max, `${what} longo demais (máximo ${max} caracteres)`);
export const optionalText = (max = 300) => z.string().trim().max(max).nullish();
export const emailAddress = z.email({ error: 'e-mail inválido' });
export const time = z
  .string({ error: 'informe o horário' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, 'horário inválido (use HH:MM:SS)');

export const validTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** The 27 federative units, as company and address fields accept them. */
export const UF = UFS;

/** Optional text that, when filled, must pass a Brazilian check (CPF/CNPJ, phone…); the check says why not. */
export const checkedText = (max: number, check: (value: string) => Checked<unknown>) =>
  z
    .string()
    .trim()
    .max(max)
    .superRefine((value, ctx) => {
      const result = value === '' ? null : check(value);
      if (result && !result.ok) ctx.addIssue({ code: 'custom', message: result.error });
    })
    .nullish();

const isAbsolutePath = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
/** A folder's full path (Linux/macOS, Windows drive or network share); empty means "not informed". */
export const folderPath = z
  .string()
  .trim()
  .max(1000)
  .refine(
    (p) => p === '' || isAbsolutePath(p),
    'informe o caminho completo da pasta (ex.: /home/financeiro/boletos)',
  );
