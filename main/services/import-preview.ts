// What an import would create and update, computed without saving: the same applyDocument runs
// against a view of the store whose writes go nowhere, so the preview can never disagree with the
// real import's counts.
import { applyDocument, type ImportSummary, type InterchangeDocument } from './interchange';
import type { Store } from './store/store';

function readOnlyView(store: Store): Store {
  return {
    ...store,
    saveSettings: async () => {},
    upsertRecords: async () => {},
    setSmtpPasswords: async () => {},
  };
}

export function previewImport(doc: InterchangeDocument, store: Store): Promise<ImportSummary> {
  return applyDocument(doc, readOnlyView(store));
}
