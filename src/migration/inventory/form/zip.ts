/**
 * Reading a ZIP archive's central directory (the list of entries at its end) without
 * unpacking anything: how much an .xlsx would unpack to is known before a library
 * inflates it, so a zip bomb is refused in microseconds instead of filling the memory.
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const ZIP64_EXTRA = 0x0001;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;

export interface ZipEntrySize {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

/** The entries the central directory lists, or undefined when it is missing or malformed. */
export function readZipDirectory(zip: Uint8Array): ZipEntrySize[] | undefined {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - MAX_16); i--) {
    if (u32(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  let count = u16(end + 10);
  let offset = u32(end + 16);
  if ((count === MAX_16 || offset === MAX_32) && end >= 20 && u32(end - 20) === ZIP64_END_LOCATOR) {
    const zip64End = u64(end - 20 + 8);
    if (zip64End + 56 > zip.length || u32(zip64End) !== ZIP64_END_OF_CENTRAL_DIRECTORY) return undefined;
    count = u64(zip64End + 32);
    offset = u64(zip64End + 48);
  }
  const entries: ZipEntrySize[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > zip.length || u32(offset) !== CENTRAL_ENTRY) return undefined;
    let compressedSize = u32(offset + 20);
    let uncompressedSize = u32(offset + 24);
    const nameLength = u16(offset + 28);
    const extraLength = u16(offset + 30);
    const commentLength = u16(offset + 32);
    const nameStart = offset + 46;
    if (nameStart + nameLength + extraLength > zip.length) return undefined;
    const name = new TextDecoder().decode(zip.subarray(nameStart, nameStart + nameLength));
    if (uncompressedSize === MAX_32 || compressedSize === MAX_32) {
      // ZIP64: the real sizes are in the extra field 0x0001, in this order, when the 32-bit field is full.
      let at = nameStart + nameLength;
      const extraEnd = at + extraLength;
      let found = false;
      while (at + 4 <= extraEnd) {
        const id = u16(at);
        const size = u16(at + 2);
        if (id === ZIP64_EXTRA) {
          let field = at + 4;
          if (uncompressedSize === MAX_32 && field + 8 <= extraEnd) {
            uncompressedSize = u64(field);
            field += 8;
          }
          if (compressedSize === MAX_32 && field + 8 <= extraEnd) compressedSize = u64(field);
          found = true;
          break;
        }
        at += 4 + size;
      }
      if (!found) return undefined;
    }
    entries.push({ name, compressedSize, uncompressedSize });
    offset = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}
