import { SAFE_STORAGE_PREFIX, SealedElsewhere, type SecretBox } from '../core/secrets';

/** The slice of Electron's `safeStorage` Lumen uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Messaging passwords sealed by the system keychain (DPAPI, Keychain, libsecret), when the system offers one;
 * otherwise null and the runtime keeps its key file.
 */
export function safeStorageBox(safeStorage: SafeStorageLike): SecretBox | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  return {
    kind: 'safeStorage',
    seal: (plain) => `${SAFE_STORAGE_PREFIX}${safeStorage.encryptString(plain).toString('base64')}`,
    open(sealed) {
      if (!sealed.startsWith(SAFE_STORAGE_PREFIX)) throw new SealedElsewhere();
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(SAFE_STORAGE_PREFIX.length), 'base64'));
      } catch {
        // Sealed by another user's or computer's keychain.
        throw new SealedElsewhere();
      }
    },
  };
}
