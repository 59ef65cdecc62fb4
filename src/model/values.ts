// Wire values other than decimals: the SAP CC Date and bounded strings.

/** `YYYY-MM-DDThh:mm:ss`, no zone, no fraction; the server's zone (UTC). Sorts as text. */
export type WireDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

export function isWireDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The current time as a wire date (UTC, seconds). */
export function wireNow(now: Date = new Date()): WireDate {
  return now.toISOString().slice(0, 19);
}

export function compareDates(a: WireDate, b: WireDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Half-open validity [start, end); an absent end is open. */
export function validAt(start: WireDate, end: WireDate | undefined, at: WireDate): boolean {
  return start <= at && (end === undefined || at < end);
}

/** Do [aStart, aEnd) and [bStart, bEnd) share an instant? Absent ends are open. */
export function validitiesOverlap(aStart: WireDate, aEnd: WireDate | undefined, bStart: WireDate, bEnd: WireDate | undefined): boolean {
  return (aEnd === undefined || bStart < aEnd) && (bEnd === undefined || aStart < bEnd);
}

/** Length in characters (code points), as XML Schema counts it. */
export function characterLength(text: string): number {
  if (text.length <= 1) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Characters XML 1.0 can carry; what JSON accepts must travel over SOAP and into the store (no NUL, no unpaired surrogate). */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function hasOnlyXmlChars(text: string): boolean {
  // the common characters by their codes; at the first other one, the exact rule
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 ? c < 0xd800 : c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return XML_CHARS.test(text);
  }
  return true;
}

/** `text` with every character XML cannot carry replaced by U+FFFD (for logs of refused input). */
export const xmlSafe = (text: string): string => (XML_CHARS.test(text) ? text : text.replace(NOT_XML_CHAR, '\uFFFD'));

export function isBoundedString(text: string, max: number): boolean {
  if (text.length === 0) return false;
  return (text.length <= max || characterLength(text) <= max) && hasOnlyXmlChars(text);
}

export const isString256 = (text: string): boolean => isBoundedString(text, 256);
export const isString2000 = (text: string): boolean => isBoundedString(text, 2000);
