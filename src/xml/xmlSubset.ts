// A fast path beside saxes for the documents SOAP clients send every day: small,
// whole, printable ASCII, no entity or character references, no comments, CDATA,
// processing instructions or DOCTYPE, at most a plain XML declaration. Such a
// document is cut into tokens with indexOf and sticky regular expressions, a few
// microseconds where saxes's character-at-a-time state machine takes tens inside a
// busy server. Anything outside that subset, and anything in it that is not
// well-formed, is not tokenized here (undefined): saxes reads it, so errors and
// every document this path does not understand get exactly saxes's answer. The
// tokens are only replayed once the whole document has been read, so a document
// refused here has caused no event. test/xml/xmlStream.test.ts checks the two
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

// character classes of the subset: tab, line feed and printable ASCII (no carriage
// return: saxes normalises line ends), and XML 1.0 names restricted to ASCII
const IN_SUBSET = 1;
const SPACE = 2;
const NAME_START = 4;
const NAME_CHAR = 8;
const CLASSES = new Uint8Array(128);
for (let c = 0x20; c <= 0x7e; c++) CLASSES[c] = IN_SUBSET;
for (const c of [0x09, 0x0a]) CLASSES[c] = IN_SUBSET | SPACE;
CLASSES[0x20] |= SPACE;
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) CLASSES[c] |= NAME_START | NAME_CHAR;
  else if (/[0-9.-]/.test(ch)) CLASSES[c] |= NAME_CHAR;
}
CLASSES[0x26] = 0; // & : references are saxes's

const XML_DECLARATION = /^<\?xml version=(?:"1\.0"|'1\.0')(?: encoding=(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?: standalone=(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>/;
const ATTRIBUTE_VALUE_SPACE = /[\t\n]/g;

const LESS = 0x3c;
const GREATER = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const QUESTION = 0x3f;

const is = (doc: string, i: number, kind: number): boolean => {
  const c = doc.charCodeAt(i);
  return c < 128 && (CLASSES[c] & kind) !== 0;
};

/** Where the name starting at `i` ends (i itself: no name there). */
function nameEnd(doc: string, i: number): number {
  if (!is(doc, i, NAME_START)) return i;
  let j = i + 1;
  while (is(doc, j, NAME_CHAR)) j++;
  return j;
}

function spaceEnd(doc: string, i: number): number {
  while (is(doc, i, SPACE)) i++;
  return i;
}

/** Only characters of the subset, and none of `<!` (comments, CDATA, DOCTYPE) or `]]>`. */
function inSubset(doc: string): boolean {
  for (let i = 0; i < doc.length; i++) {
    const c = doc.charCodeAt(i);
    if (c >= 128 || CLASSES[c] === 0) return false;
  }
  return !doc.includes('<!') && !doc.includes(']]>');
}

/** The tokens of a whole document in the subset, or undefined: let saxes read it. */
export function subsetTokens(doc: string): Token[] | undefined {
  if (doc.length > SUBSET_MAX_LENGTH || !inSubset(doc)) return undefined;
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
      // outside the root only white space
      if (open.length === 0 && spaceEnd(doc, i) < end) return undefined;
      tokens.push(TEXT, doc.slice(i, end));
    }
    if (less < 0) break;
    i = less + 1;
    const next = doc.charCodeAt(i);
    if (next === SLASH) {
      const after = nameEnd(doc, i + 1);
      if (after === i + 1 || doc.slice(i + 1, after) !== open.pop()) return undefined;
      i = spaceEnd(doc, after);
      if (doc.charCodeAt(i) !== GREATER) return undefined;
      tokens.push(CLOSE);
      i++;
      continue;
    }
    if (open.length === 0 && sawRoot) return undefined;
    const after = nameEnd(doc, i);
    if (after === i) return undefined;
    const name = doc.slice(i, after);
    i = after;
    tokens.push(OPEN, name);
    sawRoot = true;
    let names: string[] | undefined;
    for (;;) {
      const spaced = is(doc, i, SPACE);
      i = spaceEnd(doc, i);
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
      const attributeEnd = nameEnd(doc, i);
      if (attributeEnd === i) return undefined;
      const attribute = doc.slice(i, attributeEnd);
      i = spaceEnd(doc, attributeEnd);
      if (doc.charCodeAt(i) !== EQUALS) return undefined;
      i = spaceEnd(doc, i + 1);
      const quote = doc.charCodeAt(i);
      if (quote !== QUOTE && quote !== APOSTROPHE) return undefined;
      const close = doc.indexOf(quote === QUOTE ? '"' : "'", i + 1);
      if (close < 0) return undefined;
      let raw = doc.slice(i + 1, close);
      if (raw.includes('<')) return undefined;
      // a name given twice is saxes's to refuse; so are elements of many attributes (the check here is quadratic)
      names ??= [];
      if (names.length >= MAX_ATTRIBUTES || names.includes(attribute)) return undefined;
      names.push(attribute);
      // attribute-value normalisation (XML 1.0, 3.3.3): tab and line feed become spaces
      if (raw.includes('\t') || raw.includes('\n')) raw = raw.replace(ATTRIBUTE_VALUE_SPACE, ' ');
      tokens.push(ATTRIBUTE, attribute, raw);
      i = close + 1;
    }
  }
  return open.length === 0 && sawRoot ? tokens : undefined;
}
