// SMTP passwords encrypted at rest with the operating system's keychain (Electron safeStorage).
import type { SafeStorage } from 'electron';
import type { SecretCodec } from '../services/store/store';

export function safeStorageCodec(safeStorage: SafeStorage): SecretCodec | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined; // falls back to the owner-only file
  return {
    name: 'safeStorage',
    encode: async (plain) => safeStorage.encryptString(plain).toString('base64'),
    decode: async (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
}
