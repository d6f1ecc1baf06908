// Importing the office's real files: ERP exports (CSV/XLSX) and bank retornos (CNAB 240/400).
// Pure reading and planning; the engine applies a PlannedImport through its own queue.
export { parseImportFile, type ParseImportOptions } from './parse-import-file';
export { planImport } from './plan';
export { snapshotOf, documentKey, nossoNumeroKey } from './snapshot';
export { formatRejectedLine, rejectedLinesCsv } from './report';
export {
  IMPORT_PRESETS,
  presetById,
  GENERIC_PRESET,
  IXC_RECEIVABLES_PRESET,
  IXC_CUSTOMERS_PRESET,
  MK_AUTH_TITLES_PRESET,
} from './presets';
export { FIELD_LABELS } from './fields';
export { LAYOUTS_400 } from './cnab/cnab-400';
export { IMPORT_FIELDS } from './types';
export type * from './types';
