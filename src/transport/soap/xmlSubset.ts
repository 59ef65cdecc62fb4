// A fast path beside saxes for the documents SOAP clients send every day: small,
// whole, printable ASCII, no entity or character references, no comments, CDATA,
// processing instructions or DOCTYPE, at most a plain XML declaration. Such a
// document is cut into tokens with indexOf and sticky regular expressions, a few
// microseconds where saxes's character-at-a-time state machine takes tens inside a
// busy server. Anything outside that subset, and anything in it that is not
// well-formed, is not tokenized here (undefined): saxes reads it, so errors and
// every document this path does not understand get exactly saxes's answer. The
// tokens are only replayed once the whole document has been read, so a document
// refused here has caused no event. test/soap/xmlStream.test.ts checks the two
// paths give the same events and errors on every test document and on mutations.

/** A start tag's name follows. */
export const OPEN = 0;
/** An attribute's name and (normalised) value follow. */
export const ATTRIBUTE = 1;
/** The start tag is complete. */
export const OPENED = 2;
/** The innermost open element ends. */
export const CLOSE = 3;
/** Text follows. */
export const TEXT = 4;

export type Token = typeof OPEN | typeof ATTRIBUTE | typeof OPENED | typeof CLOSE | typeof TEXT | string;

/** Larger documents go to saxes, which streams them: the tokens of a whole document are held at once here. */
export const SUBSET_MAX_LENGTH = 64 * 1024;
const MAX_ATTRIBUTES = 32;

// tab, line feed and printable ASCII; no carriage return (saxes normalises line ends)
const OUTSIDE_SUBSET = /[^\t\n\x20-\x7E]|&|<!|\]\]>/;
const XML_DECLARATION = /^<\?xml version=(?:"1\.0"|'1\.0')(?: encoding=(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?: standalone=(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>/;
// XML 1.0 names, restricted to ASCII (the subset)
const NAME = /[A-Za-z_:][A-Za-z0-9._:-]*/y;
const SPACE = /[ \t\n]*/y;
const ONLY_SPACE = /^[ \t\n]*$/;
const END_TAG = /([A-Za-z_:][A-Za-z0-9._:-]*)[ \t\n]*>/y;
const ATTRIBUTE_VALUE_SPACE = /[\t\n]/g;

const LESS = 0x3c;
const GREATER = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const QUESTION = 0x3f;

/** The tokens of a whole document in the subset, or undefined: let saxes read it. */
export function subsetTokens(doc: string): Token[] | undefined {
  if (doc.length > SUBSET_MAX_LENGTH || OUTSIDE_SUBSET.test(doc)) return undefined;
  let i = 0;
  if (doc.charCodeAt(0) === LESS && doc.charCodeAt(1) === QUESTION) {
    const declaration = XML_DECLARATION.exec(doc);
    if (!declaration) return undefined;
    i = declaration[0].length;
  }
  const tokens: Token[] = [];
  const open: string[] = [];
  let sawRoot = false;
  const length = doc.length;
  while (i < length) {
    const less = doc.indexOf('<', i);
    const end = less < 0 ? length : less;
    if (end > i) {
      const text = doc.slice(i, end);
      // outside the root only white space
      if (open.length === 0 && !ONLY_SPACE.test(text)) return undefined;
      tokens.push(TEXT, text);
    }
    if (less < 0) break;
    i = less + 1;
    const next = doc.charCodeAt(i);
    if (next === SLASH) {
      END_TAG.lastIndex = i + 1;
      const match = END_TAG.exec(doc);
      if (!match || match[1] !== open.pop()) return undefined;
      tokens.push(CLOSE);
      i = END_TAG.lastIndex;
      continue;
    }
    if (next === QUESTION || (open.length === 0 && sawRoot)) return undefined;
    NAME.lastIndex = i;
    const name = NAME.exec(doc)?.[0];
    if (name === undefined) return undefined;
    i = NAME.lastIndex;
    tokens.push(OPEN, name);
    sawRoot = true;
    let names: string[] | undefined;
    for (;;) {
      SPACE.lastIndex = i;
      SPACE.exec(doc);
      const spaced = SPACE.lastIndex > i;
      i = SPACE.lastIndex;
      const c = doc.charCodeAt(i);
      if (c === GREATER) {
        tokens.push(OPENED);
        open.push(name);
        i++;
        break;
      }
      if (c === SLASH) {
        if (doc.charCodeAt(i + 1) !== GREATER) return undefined;
        tokens.push(OPENED, CLOSE);
        i += 2;
        break;
      }
      if (!spaced) return undefined;
      NAME.lastIndex = i;
      const attribute = NAME.exec(doc)?.[0];
      if (attribute === undefined) return undefined;
      i = NAME.lastIndex;
      SPACE.lastIndex = i;
      SPACE.exec(doc);
      i = SPACE.lastIndex;
      if (doc.charCodeAt(i) !== EQUALS) return undefined;
      SPACE.lastIndex = i + 1;
      SPACE.exec(doc);
      i = SPACE.lastIndex;
      const quote = doc.charCodeAt(i);
      if (quote !== QUOTE && quote !== APOSTROPHE) return undefined;
      const close = doc.indexOf(quote === QUOTE ? '"' : "'", i + 1);
      if (close < 0) return undefined;
      const raw = doc.slice(i + 1, close);
      if (raw.includes('<')) return undefined;
      // a name given twice is saxes's to refuse; so are elements of many attributes (the check here is quadratic)
      names ??= [];
      if (names.length >= MAX_ATTRIBUTES || names.includes(attribute)) return undefined;
      names.push(attribute);
      // attribute-value normalisation (XML 1.0, 3.3.3): tab and line feed become spaces
      tokens.push(ATTRIBUTE, attribute, raw.replace(ATTRIBUTE_VALUE_SPACE, ' '));
      i = close + 1;
    }
  }
  return open.length === 0 && sawRoot ? tokens : undefined;
}
