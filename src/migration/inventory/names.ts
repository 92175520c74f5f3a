/**
 * Names as people read them. Two names that look the same are the same name: Unicode
 * has two spellings of many accented and compatibility characters (NFC and NFD), and
 * zero-width characters (from a copy out of a web page or a chat) are invisible. Names
 * are compared and stored in NFC without them. Control characters have no place in a
 * name (they break the terminal, XML and the spreadsheet) and are refused.
 */

/** Zero-width space, non-joiner, joiner, word joiner and the byte-order mark used as one. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

// C0 and C1 control characters, DEL included.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The name as compared and stored: NFC, without zero-width characters. */
export function canonicalName(name: string): string {
  return name.normalize("NFC").replace(INVISIBLE, "");
}

/** The first control character of a name, as U+XXXX, or undefined. */
export function controlCharacterIn(name: string): string | undefined {
  const match = CONTROL.exec(name);
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : undefined;
}

/** The name quoted with its invisible characters made visible (\u{200b}), for messages. */
export function showInvisible(name: string): string {
  return JSON.stringify(name).replace(INVISIBLE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}
