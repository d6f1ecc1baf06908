// Bytes → text. ERP exports on Windows are often Windows-1252, newer ones UTF-8 (with or without
// BOM). Valid UTF-8 is read as UTF-8, anything else as 1252, so "José" never becomes "JosÃ©".
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
// Node 20's 'windows-1252' decoder is Latin-1: 0x80–0x9F come out as control codes, where
// Windows-1252 has Word's quotes and dashes, € and a few letters. Those are mapped here.
const latin1 = new TextDecoder('windows-1252');
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

export type TextEncodingName = 'utf-8' | 'windows-1252';

export function windows1252(bytes: Uint8Array): string {
  return latin1.decode(bytes).replace(/[\u0080-\u009F]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' }; // the BOM, if any, is dropped
  } catch {
    return { text: windows1252(bytes), encoding: 'windows-1252' };
  }
}
