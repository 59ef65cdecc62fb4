// Escaping text for XML 1.0 output. A character XML 1.0 cannot carry at all (C0
// controls other than tab/newline, lone surrogates, U+FFFE/U+FFFF), which a JSON
// client can store, is written as U+FFFD so the document stays well-formed; `\r`
// is written as a reference so the parser's line-end normalisation keeps it.
const NEEDS_WORK = /[&<>"\r\t\n\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
const TEXT_SPECIALS = /[&<>\r]/g;
const ATTRIBUTE_SPECIALS = /[&<>"\r\t\n]/g;
const REFERENCES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;', '\t': '&#9;', '\n': '&#10;' };
const reference = (c: string): string => REFERENCES[c];

/** Character data of an element. */
export function escapeText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.toWellFormed().replace(NOT_XML, '\uFFFD').replace(TEXT_SPECIALS, reference);
}

/** The value of an attribute in double quotes. */
export function escapeAttribute(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.toWellFormed().replace(NOT_XML, '\uFFFD').replace(ATTRIBUTE_SPECIALS, reference);
}
