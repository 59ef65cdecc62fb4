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

function buildObject(s: Node): QuickCheck {
  if (s.additionalProperties !== false) unsupported('open objects');
  const required = new Set(s.required ?? []);
  const fields = Object.entries(s.properties ?? {}).map(([name, child]) => ({
    name,
    optional: child[OptionalKind] === 'Optional' || !required.has(name),
    check: build(child),
  }));
  const known = new Set(fields.map((f) => f.name));
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const object = v as Record<string, unknown>;
    for (const key in object) if (!known.has(key)) return false;
    for (const field of fields) {
      const value = object[field.name];
      if (value === undefined) {
        if (!field.optional) return false;
      } else if (!field.check(value)) return false;
    }
    return true;
  };
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
