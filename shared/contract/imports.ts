import { z } from 'zod';
import { IMPORT_FIELDS, ROW_TYPES, savedImportPresetSchema, type RowType } from '../import-fields';
import type { ImportOutcome } from '../import-outcome';
import { byId, method, noInput } from './method';

/**
 * The file travels base64-encoded inside the JSON body; the HTTP server takes bodies up to 64 MB,
 * so a file may have up to 45 MB (base64 adds a third).
 */
export const MAX_IMPORT_FILE_BYTES = 45 * 1024 * 1024;

export const importFileInput = z.strictObject({
  fileName: z.string().trim().min(1, 'escolha um arquivo').max(300),
  contentBase64: z
    .string()
    .min(1, 'o arquivo está vazio')
    .max(Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4, 'arquivo grande demais (máximo 45 MB)'),
  /** What the rows are; guessed from the columns when absent. */
  type: z.enum(ROW_TYPES).nullish(),
  /** A shipped or saved preset. */
  presetId: z.string().nullish(),
  /** Header → field chosen on the screen; '' leaves that column out. */
  mapping: z.record(z.string(), z.enum([...IMPORT_FIELDS, ''])).nullish(),
});

export type ImportResult = ImportOutcome & {
  /** The rejected lines as a CSV for Excel (";" and a BOM); null when none. */
  rejectedCsv: string | null;
};

export interface ImportPresetView {
  id: string;
  name: string;
  type: RowType;
  columns: Record<string, string>;
  /** Shipped with Régua (not removable) or saved by staff. */
  shipped: boolean;
  /** Where a shipped layout was documented. */
  sources: string[];
}

export const importsContract = {
  /** Reads the file and plans the import against the data as it is: nothing is saved. */
  'imports.check': method<ImportResult>()(importFileInput),
  /** All or nothing, unless onlyValid: then the valid lines land and the rest is reported. */
  'imports.apply': method<ImportResult>()(importFileInput.extend({ onlyValid: z.boolean().default(false) })),
  'imports.presets': method<ImportPresetView[]>()(noInput),
  /** Saves a mapping under a name (a new one, or replaces the one with this id); returns all presets. */
  'imports.savePreset': method<ImportPresetView[]>()(
    savedImportPresetSchema.extend({ id: z.string().trim().max(200).nullish() }),
  ),
  'imports.removePreset': method<ImportPresetView[]>()(byId),
};
