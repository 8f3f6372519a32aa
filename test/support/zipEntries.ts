/** Lists the entries of a zip file (a .vsix) from its central directory. */
import { readFileSync } from 'node:fs';

export interface ZipEntry {
  readonly name: string;
  readonly size: number;
}

export function zipEntries(file: string): ZipEntry[] {
  const buf = readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error('bad central directory');
    const size = buf.readUInt32LE(offset + 24);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extra = buf.readUInt16LE(offset + 30);
    const comment = buf.readUInt16LE(offset + 32);
    entries.push({ name: buf.toString('utf8', offset + 46, offset + 46 + nameLength), size });
    offset += 46 + nameLength + extra + comment;
  }
  return entries;
}
