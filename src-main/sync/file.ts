import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { LumenError } from '../../src-shared/errors';
import { isHlc } from '../core/hlc';

/**
 * A change file: one header line in clear (what it is, which clinic, who wrote it, when), then the changes,
 * gzipped and sealed with AES-256-GCM under the clinic's key with the header as associated data. So a file of
 * another clinic, one edited by hand, and one cut short are each refused whole with their own reason, and a lost
 * USB stick shows no patient data.
 */
const FORMAT = 'lumen-changes';
const VERSION = 1;
const TAG_BYTES = 16;

export interface WorkstationInFile {
  id: string;
  number: number;
  name: string;
  seriesPrefix: string;
  createdAt: string;
}

/** [origin, seq, hlc, table, key (JSON), op, data (JSON or null), base] */
export type ChangeTuple = [number, number, string, string, string, 'insert' | 'update' | 'delete', string | null, string | null];

export interface ChangeFileBody {
  /** For each workstation number, the highest change the writer had with none missing before it. */
  seen: Record<string, number>;
  /** How far each workstation's clock ran ahead of the writer's, by its last file (so a wrong clock hears of it). */
  clocks: Record<string, number>;
  workstations: WorkstationInFile[];
  changes: ChangeTuple[];
}

const Header = z.object({
  format: z.literal(FORMAT),
  version: z.number().int(),
  clinicUid: z.string(),
  clinicName: z.string(),
  from: z.object({ id: z.string(), number: z.number().int(), name: z.string() }),
  writtenAt: z.string(),
  changes: z.number().int().min(0),
  nonce: z.string(),
  sealedBytes: z.number().int().min(TAG_BYTES),
});
export type ChangeFileHeader = z.infer<typeof Header>;

const Body = z.object({
  seen: z.record(z.string().regex(/^\d+$/), z.number().int().min(0)),
  clocks: z.record(z.string(), z.number().int()),
  workstations: z.array(z.object({ id: z.string(), number: z.number().int().min(0), name: z.string(), seriesPrefix: z.string(), createdAt: z.string() })),
  changes: z.array(
    z.tuple([
      z.number().int().min(0),
      z.number().int().min(1),
      z.string().refine(isHlc),
      z.string(),
      z.string(),
      z.enum(['insert', 'update', 'delete']),
      z.string().nullable(),
      z.string().refine(isHlc).nullable(),
    ]),
  ),
});

export interface Sealer {
  clinicUid: string;
  clinicName: string;
  clinicKey: Buffer;
  from: { id: string; number: number; name: string };
}

export function sealChangeFile(sealer: Sealer, body: ChangeFileBody, writtenAt: Date): Buffer {
  const nonce = randomBytes(12);
  const plain = gzipSync(Buffer.from(JSON.stringify(body)));
  const header: ChangeFileHeader = {
    format: FORMAT,
    version: VERSION,
    clinicUid: sealer.clinicUid,
    clinicName: sealer.clinicName,
    from: sealer.from,
    writtenAt: writtenAt.toISOString(),
    changes: body.changes.length,
    nonce: nonce.toString('base64'),
    sealedBytes: plain.length + TAG_BYTES,
  };
  const headerLine = Buffer.from(`${JSON.stringify(header)}\n`);
  const cipher = createCipheriv('aes-256-gcm', sealer.clinicKey, nonce);
  cipher.setAAD(headerLine);
  return Buffer.concat([headerLine, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

const refuse = (reason: 'notChangeFile' | 'newerVersion' | 'otherClinic' | 'incomplete' | 'altered', message: string) =>
  new LumenError('invalid_input', message, { reason });

/** The header alone, checked for being a change file of this clinic. */
function readHeader(bytes: Buffer, clinicUid: string): { header: ChangeFileHeader; headerLine: Buffer } {
  const end = bytes.indexOf(0x0a);
  let parsed: unknown;
  try {
    parsed = end > 0 ? JSON.parse(bytes.subarray(0, end).toString('utf8')) : null;
  } catch {
    parsed = null;
  }
  const header = Header.safeParse(parsed);
  if (!header.success) throw refuse('notChangeFile', 'This is not a Lumen change file.');
  if (header.data.version > VERSION) throw refuse('newerVersion', 'This change file was written by a newer version of Lumen. Update Lumen on this computer first.');
  if (header.data.clinicUid !== clinicUid) {
    throw refuse('otherClinic', `This change file belongs to another clinic (${header.data.clinicName}), not this one. Nothing was changed.`);
  }
  return { header: header.data, headerLine: bytes.subarray(0, end + 1) };
}

/** Opens a change file of this clinic; a file that is cut short or was changed after it was written is refused. */
export function openChangeFile(bytes: Buffer, clinicUid: string, clinicKey: Buffer): { header: ChangeFileHeader; body: ChangeFileBody } {
  const { header, headerLine } = readHeader(bytes, clinicUid);
  const sealed = bytes.subarray(headerLine.length);
  if (sealed.length < header.sealedBytes) {
    throw refuse('incomplete', 'This change file is incomplete: it was probably cut short while being copied. Copy it again; nothing was changed.');
  }
  if (sealed.length > header.sealedBytes) throw refuse('altered', 'This change file was changed after it was written (it is longer than written). Nothing was changed.');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', clinicKey, Buffer.from(header.nonce, 'base64'));
    decipher.setAAD(headerLine);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw refuse('altered', 'This change file was changed after it was written, or is damaged. Nothing was changed.');
  }
  const body = Body.safeParse(JSON.parse(gunzipSync(plain).toString('utf8')));
  if (!body.success || body.data.changes.length !== header.changes) throw refuse('altered', 'This change file does not hold what its header says. Nothing was changed.');
  return { header, body: body.data as ChangeFileBody };
}
