/**
 * A minimal ZIP reader for the archives the GeoNames export serves (SY.zip holds SY.txt and a
 * readme). It reads the central directory (APPNOTE.TXT, PKWARE's .ZIP File Format Specification,
 * sections 4.3.12 and 4.3.16), supports the stored (0) and deflate (8) methods through
 * node:zlib's inflateRawSync, and checks each member's CRC-32. ZIP64, encryption and multi-disk
 * archives are refused with a ZipFormatError rather than misread.
 */
import { inflateRawSync } from 'node:zlib';
import { ZipFormatError } from './geocode-errors.ts';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN_BYTES = 22;
/** The end-of-central-directory record ends the file, after a comment of at most 65,535 bytes. */
const EOCD_MAX_SEARCH = EOCD_MIN_BYTES + 0xffff;

export interface ZipMember {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  localHeaderOffset: number;
  flags: number;
}

/** The members listed in an archive's central directory, in directory order. */
export function listZipMembers(zip: Buffer, source = 'archive'): ZipMember[] {
  const eocd = findEndOfCentralDirectory(zip, source);
  const disk = zip.readUInt16LE(eocd + 4);
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const offset = zip.readUInt32LE(eocd + 16);
  if (disk !== 0) throw new ZipFormatError(source, `${source}: multi-disk ZIP archives are not supported`);
  if (count === 0xffff || offset === 0xffffffff || size === 0xffffffff) {
    throw new ZipFormatError(source, `${source}: ZIP64 archives are not supported`);
  }
  if (offset + size > eocd) {
    throw new ZipFormatError(source, `${source}: central directory (offset ${offset}, ${size} bytes) runs past its end record at ${eocd}`);
  }
  const members: ZipMember[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL_SIGNATURE) {
      throw new ZipFormatError(source, `${source}: central directory entry ${k + 1} of ${count} at byte ${p} has no valid signature`);
    }
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    members.push({
      flags: zip.readUInt16LE(p + 8),
      method: zip.readUInt16LE(p + 10),
      crc32: zip.readUInt32LE(p + 16),
      compressedSize: zip.readUInt32LE(p + 20),
      uncompressedSize: zip.readUInt32LE(p + 24),
      localHeaderOffset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return members;
}

/** The uncompressed bytes of one member, by exact name. */
export function readZipMember(zip: Buffer, name: string, source = 'archive'): Buffer {
  const members = listZipMembers(zip, source);
  const member = members.find((m) => m.name === name);
  if (member === undefined) {
    const names = members.map((m) => m.name).join(', ') || 'none';
    throw new ZipFormatError(source, `${source} has no member ${name}; members: ${names}`);
  }
  return extractMember(zip, member, source);
}

function extractMember(zip: Buffer, member: ZipMember, source: string): Buffer {
  const where = `${source} member ${member.name}`;
  if (member.flags & 0x1) throw new ZipFormatError(source, `${where} is encrypted, which is not supported`);
  if (member.compressedSize === 0xffffffff || member.uncompressedSize === 0xffffffff) {
    throw new ZipFormatError(source, `${where} is a ZIP64 member, which is not supported`);
  }
  const p = member.localHeaderOffset;
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOCAL_SIGNATURE) {
    throw new ZipFormatError(source, `${where}: no local header at byte ${p}`);
  }
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
  const end = start + member.compressedSize;
  if (end > zip.length) {
    throw new ZipFormatError(source, `${where}: data (${member.compressedSize} bytes at ${start}) runs past the end of the archive (${zip.length} bytes)`);
  }
  const data = zip.subarray(start, end);
  let out: Buffer;
  if (member.method === 0) {
    out = Buffer.from(data);
  } else if (member.method === 8) {
    try {
      out = inflateRawSync(data);
    } catch (err) {
      throw new ZipFormatError(source, `${where}: deflate data is corrupt (${(err as Error).message})`);
    }
  } else {
    throw new ZipFormatError(source, `${where} uses compression method ${member.method}; only 0 (stored) and 8 (deflate) are supported`);
  }
  if (out.length !== member.uncompressedSize) {
    throw new ZipFormatError(source, `${where}: expected ${member.uncompressedSize} bytes, got ${out.length}`);
  }
  const crc = crc32(out);
  if (crc !== member.crc32) {
    throw new ZipFormatError(source, `${where}: CRC-32 is ${hex(crc)}, the directory says ${hex(member.crc32)}`);
  }
  return out;
}

function findEndOfCentralDirectory(zip: Buffer, source: string): number {
  const lowest = Math.max(0, zip.length - EOCD_MAX_SEARCH);
  for (let p = zip.length - EOCD_MIN_BYTES; p >= lowest; p--) {
    if (zip.readUInt32LE(p) === EOCD_SIGNATURE) return p;
  }
  throw new ZipFormatError(source, `${source} is not a ZIP archive: no end-of-central-directory record in its last ${Math.min(zip.length, EOCD_MAX_SEARCH)} bytes`);
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) as ZIP stores it. */
export function crc32(data: Uint8Array): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
