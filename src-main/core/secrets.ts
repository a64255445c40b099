import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Seals the messaging accounts' passwords and tokens for the database, which holds only what `seal` returns. Two
 * kinds: Electron's `safeStorage` (the system keychain; set by src-main/electron) and a key file only this user may
 * read (plain Node, or a desktop without a keychain). Sealed text starts with its kind, so text sealed by the other
 * kind (a database moved to another computer, or Lumen run in the browser mode) is refused with words, never a crash.
 */
export interface SecretBox {
  kind: 'safeStorage' | 'keyFile';
  seal(plain: string): string;
  /** Throws `SealedElsewhere` when the text was sealed by another kind of box or with another key. */
  open(sealed: string): string;
}

export const KEY_FILE = 'messaging.key';
const KEY_FILE_PREFIX = 'kf1:';
export const SAFE_STORAGE_PREFIX = 'ss1:';

export class SealedElsewhere extends Error {
  constructor() {
    super('The password was saved on another kind of workstation: enter the password again.');
  }
}

/** The key file's 32 bytes, created on first use with mode 0600 ('wx': never over a key another process just wrote). */
function readOrCreateKey(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path);
    throw error;
  }
  try {
    writeSync(fd, key);
  } finally {
    closeSync(fd);
  }
  // The umask may have taken bits away, never added them; chmod states the mode whatever the umask was.
  chmodSync(path, 0o600);
  return key;
}

/** AES-256-GCM under a random key in `<dataDir>/messaging.key`: `kf1:<iv>.<tag>.<ciphertext>` in base64. */
export function keyFileBox(dataDir: string): SecretBox {
  const path = join(dataDir, KEY_FILE);
  let key: Buffer | null = null;
  const theKey = () => (key ??= readOrCreateKey(path));
  return {
    kind: 'keyFile',
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', theKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${KEY_FILE_PREFIX}${[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.')}`;
    },
    open(sealed) {
      if (!sealed.startsWith(KEY_FILE_PREFIX)) throw new SealedElsewhere();
      try {
        const [iv, tag, body] = sealed.slice(KEY_FILE_PREFIX.length).split('.').map((part) => Buffer.from(part, 'base64'));
        const decipher = createDecipheriv('aes-256-gcm', theKey(), iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        // Another key (the database was copied from another computer, the key file replaced) or a damaged text: unreadable here.
        throw new SealedElsewhere();
      }
    },
  };
}
