// What each data file must look like before the store takes it: a list where a list belongs, a record
// where a record does. A file that fails is reported corrupt, with the newest good backup named.
import type { SettingsFile } from './types';
import { SCHEMA_VERSION } from './migrations/index';

export const emptySettings = (): SettingsFile => ({
  schemaVersion: SCHEMA_VERSION,
  company: null,
  smtpAccounts: [],
  layouts: [],
  billingMethods: [],
  routines: [],
  holidays: [],
});

const SETTINGS_LISTS = ['smtpAccounts', 'layouts', 'billingMethods', 'routines', 'holidays'] as const;
const isRecordArray = (v: unknown) =>
  Array.isArray(v) && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
export const checkSettings = (raw: unknown): string | null => {
  const s = raw as Record<string, unknown>;
  for (const key of SETTINGS_LISTS)
    if (s[key] !== undefined && !isRecordArray(s[key])) return `"${key}" deveria ser uma lista de registros`;
  if (s.company != null && (typeof s.company !== 'object' || Array.isArray(s.company)))
    return '"company" deveria ser um registro';
  return null;
};
export const checkList = (key: string) => (raw: unknown) => {
  const v = (raw as Record<string, unknown>)[key];
  return v === undefined || isRecordArray(v) ? null : `"${key}" deveria ser uma lista de registros`;
};
export const checkSecrets = (raw: unknown) => {
  const p = (raw as Record<string, unknown>).smtpPasswords;
  return p !== null && typeof p === 'object' && !Array.isArray(p) ? null : '"smtpPasswords" ausente';
};
