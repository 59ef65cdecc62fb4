// The stored documents of a customer taken from its NDJSON line rather than written
// again. The store keeps each object as JSON.stringify writes it; a line written
// that way already (as `convergent export` and `convergent gen` write them, and
// most tools do) holds those very texts, so an import need not stringify what it
// has just parsed (for a generated customer, 4 KB in about thirty microseconds, the
// largest cost of building its rows after JSON.parse itself).
//
// Whether it does is told by length. JSON.stringify writes a string with no escape
// needed as its characters between quotes, `true`, `false` and `null` as such, and
// no white space. A line with no backslash at all has no escape, so each of its
// strings needs none (it cannot hold a quote, a backslash or a control character).
// Then every way the line can differ from JSON.stringify's text of what JSON.parse
// made of it makes it longer: white space between tokens, a key given twice (JSON.parse
// keeps one). Numbers are the exception (`1e3` is shorter than `1000`): a customer
// with a number in it (only a prepaid account's alert `dayCount` is one) is left to
// JSON.stringify. So a line of the same length as the text JSON.stringify would
// write is that text, and its parts are the texts of its objects, found by the
// same lengths.
//
// The caller also needs the value to be the one JSON.parse made of the line,
// unchanged: not normalised by the message check, not replaced by admission
// (src/bulk/admission.ts). Anything else falls back to JSON.stringify: the texts
// are the same either way, only slower.

/** The members of a customer data line whose objects are stored, each as a document of its own. */
const STORED_MEMBERS: ReadonlySet<string> = new Set(['subscriberAccount', 'externalAccount', 'prepaidAccount', 'subscriberMappingTable', 'subscriberRangeTable', 'chargingContract']);

/** The length of JSON.stringify's text of a value JSON.parse made of a line with no backslash; -1 for a number (see above). */
function textLength(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'boolean':
      return value ? 4 : 5;
    case 'object': {
      if (value === null) return 4;
      if (Array.isArray(value)) {
        if (value.length === 0) return 2;
        // brackets and the commas between the items
        let length = value.length + 1;
        for (let i = 0; i < value.length; i++) {
          const item = textLength(value[i]);
          if (item < 0) return -1;
          length += item;
        }
        return length;
      }
      let length = 1;
      let members = 0;
      for (const key in value) {
        const member = textLength((value as Record<string, unknown>)[key]);
        if (member < 0) return -1;
        // "key": and the value
        length += key.length + 3 + member;
        members++;
      }
      // braces and the commas between the members
      return members === 0 ? 2 : length + members;
    }
    default:
      return -1;
  }
}

/**
 * The texts JSON.stringify would write of the stored objects of `data`, the customer
 * JSON.parse made of `line` (one whole line, one JSON object), by object; undefined
 * when the line is not written as JSON.stringify writes it. `data` must be as
 * JSON.parse left it. `textOf` makes an object's text from where it stands in the
 * line (its UTF-16 offsets): a slice of the line unless told.
 */
export function canonicalTexts(line: string, data: object, textOf = (start: number, end: number) => line.slice(start, end)): Map<object, string> | undefined {
  if (line.indexOf('\\') >= 0) return undefined;
  // where each stored object starts in the text JSON.stringify would write, and its length
  const objects: object[] = [];
  const starts: number[] = [];
  const lengths: number[] = [];
  const found = (value: unknown, at: number, length: number): void => {
    if (typeof value !== 'object' || value === null) return;
    objects.push(value);
    starts.push(at);
    lengths.push(length);
  };
  let at = 1;
  let members = 0;
  for (const key in data) {
    if (members++ > 0) at++;
    at += key.length + 3;
    const value = (data as Record<string, unknown>)[key];
    const stored = STORED_MEMBERS.has(key);
    if (stored && Array.isArray(value)) {
      at++;
      for (let i = 0; i < value.length; i++) {
        if (i > 0) at++;
        const length = textLength(value[i]);
        if (length < 0) return undefined;
        found(value[i], at, length);
        at += length;
      }
      at++;
    } else {
      const length = textLength(value);
      if (length < 0) return undefined;
      if (stored) found(value, at, length);
      at += length;
    }
  }
  const whole = members === 0 ? 2 : at + 1;
  if (whole !== line.length) return undefined;
  const texts = new Map<object, string>();
  for (let i = 0; i < objects.length; i++) texts.set(objects[i], textOf(starts[i], starts[i] + lengths[i]));
  return texts;
}
