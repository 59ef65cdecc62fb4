// A quick yes/no check of a message against its schema, built once from the
// schema as plain closures: the common case (a valid message) costs a fraction
// of TypeBox's compiled check, whose formats go through a registry lookup per
// value and whose closed objects allocate a key list each. Only the kinds our
// schema language makes are handled; any other makes the builder give up, and
// the caller keeps TypeBox. A "no" is never a verdict: the caller asks TypeBox
// for the error, so codes and messages stay exactly TypeBox's.
import { Kind, OptionalKind, type TSchema } from '@sinclair/typebox';
import { Decimal } from '../model/decimal.ts';
import { isBoundedString, isWireDate } from '../model/values.ts';

export type QuickCheck = (value: unknown) => boolean;

class Unsupported extends Error {}

/** Dates repeat across records (period starts, row validity): remember the valid ones, up to a bound. */
const validDates = new Set<string>();
function isDate(text: string): boolean {
  if (validDates.has(text)) return true;
  if (!isWireDate(text)) return false;
  if (validDates.size < 100_000) validDates.add(text);
  return true;
}

const FORMATS: Record<string, (text: string) => boolean> = {
  string256: (text) => isBoundedString(text, 256),
  string2000: (text) => isBoundedString(text, 2000),
  decimal: (text) => Decimal.isCanonical(text) || Decimal.isValid(text),
  'cc-date': isDate,
};

type Node = TSchema & {
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: TSchema;
  anyOf?: TSchema[];
  const?: unknown;
  properties?: Record<string, TSchema>;
  required?: string[];
  additionalProperties?: boolean;
};

function build(schema: TSchema): QuickCheck {
  const s = schema as Node;
  switch (s[Kind]) {
    case 'String': {
      const format = s.format === undefined ? undefined : (FORMATS[s.format] ?? unsupported(`format ${s.format}`));
      const { minLength = 0, maxLength = Infinity } = s;
      return (v) => typeof v === 'string' && v.length >= minLength && v.length <= maxLength && (format === undefined || format(v));
    }
    case 'Integer': {
      if (s.exclusiveMinimum !== undefined || s.exclusiveMaximum !== undefined) unsupported('exclusive bounds');
      const { minimum = -Infinity, maximum = Infinity } = s;
      return (v) => Number.isInteger(v) && (v as number) >= minimum && (v as number) <= maximum;
    }
    case 'Boolean':
      return (v) => typeof v === 'boolean';
    case 'Literal': {
      const value = s.const;
      return (v) => v === value;
    }
    case 'Union': {
      const options = s.anyOf ?? [];
      if (options.every((o) => o[Kind] === 'Literal')) {
        const values = new Set(options.map((o) => (o as Node).const));
        return (v) => values.has(v);
      }
      const checks = options.map(build);
      return (v) => checks.some((check) => check(v));
    }
    case 'Array': {
      const item = build(s.items!);
      const { minItems = 0, maxItems = Infinity } = s;
      return (v) => {
        if (!Array.isArray(v) || v.length < minItems || v.length > maxItems) return false;
        for (const element of v) if (!item(element)) return false;
        return true;
      };
    }
    case 'Object':
      return buildObject(s);
    default:
      return unsupported(String(s[Kind]));
  }
}

/**
 * A closed object's check as generated code: each property read by its name in a
 * place of its own, so that reads of objects of one shape (as JSON.parse makes
 * them) stay monomorphic, where a loop over the names reads through a megamorphic
 * lookup each time. No property but the schema's: every own key is counted, and
 * must be one of those found (a key whose value is undefined makes a "no", which
 * TypeBox then decides).
 */
function buildObject(s: Node): QuickCheck {
  if (s.additionalProperties !== false) unsupported('open objects');
  const required = new Set(s.required ?? []);
  const fields = Object.entries(s.properties ?? {}).map(([name, child]) => ({
    name,
    optional: child[OptionalKind] === 'Optional' || !required.has(name),
    check: build(child),
  }));
  const body = fields
    .map(({ name, optional }, i) => {
      const missing = optional ? '' : 'return false;';
      return `x = v[${JSON.stringify(name)}]; if (x === undefined) { ${missing} } else { found++; if (!checks[${i}](x)) return false; }`;
    })
    .join('\n');
  const source = `return function quickObject(v) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    let keys = 0;
    for (const key in v) keys++;
    let found = 0;
    let x;
    ${body}
    return keys === found;
  };`;
  return new Function('checks', source)(fields.map((f) => f.check)) as QuickCheck;
}

function unsupported(what: string): never {
  throw new Unsupported(what);
}

/** The quick check of `schema`, or undefined when the schema uses something it does not handle. */
export function quickCheckOf(schema: TSchema): QuickCheck | undefined {
  try {
    return build(schema);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
