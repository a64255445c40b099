import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, stat } from 'node:fs/promises';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Photos live beside the database, in `<dataDir>/photos/<patientId>/<sha256>.<ext>`: the name is the content. */
export const PHOTO_FOLDER = 'photos';

export const photoTypes = {
  'image/jpeg': { ext: 'jpg', matches: (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { ext: 'png', matches: (b: Buffer) => b.length > 8 && b.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])) },
  'image/webp': { ext: 'webp', matches: (b: Buffer) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
} as const;
export type PhotoType = keyof typeof photoTypes;

/**
 * Stores the bytes once per patient and content: a temporary file renamed into place, so a file with a photo's
 * name is always complete. Returns the path relative to the data folder.
 */
export function storePhoto(dataDir: string, patientId: number, mimeType: PhotoType, bytes: Buffer): { file: string; sha256: string } {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = join(PHOTO_FOLDER, String(patientId), `${sha256}.${photoTypes[mimeType].ext}`);
  const path = join(dataDir, file);
  if (!existsSync(path)) {
    mkdirSync(join(dataDir, PHOTO_FOLDER, String(patientId)), { recursive: true });
    writeFileSync(`${path}.partial`, bytes);
    renameSync(`${path}.partial`, path);
  }
  return { file, sha256 };
}

/** The photo's bytes, or null when its file is missing from the data folder. */
export function readPhoto(dataDir: string, file: string): Buffer | null {
  try {
    return readFileSync(join(dataDir, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Copies every photo under `<fromRoot>/photos` that `<toRoot>/photos` lacks. Names are content hashes, so a file
 * already there is the same photo and is never copied twice or overwritten. Returns how many files were copied.
 */
export async function mirrorPhotos(fromRoot: string, toRoot: string): Promise<number> {
  const from = join(fromRoot, PHOTO_FOLDER);
  const to = join(toRoot, PHOTO_FOLDER);
  if (!existsSync(from)) return 0;
  let copied = 0;
  for (const patient of await readdir(from, { withFileTypes: true })) {
    if (!patient.isDirectory()) continue;
    for (const name of await readdir(join(from, patient.name))) {
      if (name.endsWith('.partial')) continue;
      const target = join(to, patient.name, name);
      if (existsSync(target) || !(await stat(join(from, patient.name, name))).isFile()) continue;
      await mkdir(join(to, patient.name), { recursive: true });
      await copyFile(join(from, patient.name, name), `${target}.partial`);
      await rename(`${target}.partial`, target);
      copied++;
    }
  }
  return copied;
}
