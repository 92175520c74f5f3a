/**
 * ZIP archives stamp every entry with the time it was written, so two .xlsx files of
 * the same data differ. This sets every entry's DOS time and date (in the local
 * headers and the central directory) to one fixed value, making the bytes a function
 * of the content only.
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** 2018-01-01 00:00:00 in DOS format (ZIP cannot hold dates before 1980). */
const DOS_TIME = 0;
const DOS_DATE = ((2018 - 1980) << 9) | (1 << 5) | 1;

export function fixZipTimestamps(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  let end = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65_535); i--) {
    if (out.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("not a ZIP archive: no end-of-central-directory record");
  const entries = out.readUInt16LE(end + 10);
  let offset = out.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(offset) !== CENTRAL_ENTRY) throw new Error(`ZIP central directory entry ${n} is malformed`);
    out.writeUInt16LE(DOS_TIME, offset + 12);
    out.writeUInt16LE(DOS_DATE, offset + 14);
    const local = out.readUInt32LE(offset + 42);
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`ZIP local header of entry ${n} is malformed`);
    out.writeUInt16LE(DOS_TIME, local + 10);
    out.writeUInt16LE(DOS_DATE, local + 12);
    offset += 46 + out.readUInt16LE(offset + 28) + out.readUInt16LE(offset + 30) + out.readUInt16LE(offset + 32);
  }
  return out;
}
