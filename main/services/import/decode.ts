// Bytes → text. ERP exports on Windows are often Windows-1252, newer ones UTF-8 (with or without
// BOM). Valid UTF-8 is read as UTF-8, anything else as 1252, so "José" never becomes "JosÃ©".
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const win1252 = new TextDecoder('windows-1252');

export type TextEncodingName = 'utf-8' | 'windows-1252';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' }; // the BOM, if any, is dropped
  } catch {
    return { text: win1252.decode(bytes), encoding: 'windows-1252' };
  }
}
