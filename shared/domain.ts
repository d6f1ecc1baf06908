// Entities and their zod schemas: the one source of truth for import, the API and the forms. The
// field types are in domain/fields.ts, the settings in domain/settings.ts, the records (customers,
// invoices, payments) in domain/records.ts.
export { RULE_KINDS, type RuleKind } from './rule-kinds';
export { emailAddress, entityId, isoDate, UF } from './domain/fields';
export * from './domain/settings';
export * from './domain/records';
