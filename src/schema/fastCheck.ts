// A quick yes/no check of a message against its schema, generated once from the
// schema as plain JavaScript: the common case (a valid message) costs a fraction
// of TypeBox's compiled check, whose formats go through a registry lookup per
// value and whose closed objects allocate a key list each. Only the kinds our
// schema language makes are handled; any other makes the builder give up, and
// the caller keeps TypeBox. A "no" is never a verdict: the caller asks TypeBox
// for the error, so codes and messages stay exactly TypeBox's. The normalising
// variant does in the same walk what validate.ts's normaliser does after it.
import { Kind, OptionalKind, type TSchema } from '@sinclair/typebox';
import type { ChoiceGroup } from './types.ts';
import { Decimal } from '../model/decimal.ts';
import { isBoundedString, isWireDate } from '../model/values.ts';

export type QuickCheck = (value: unknown) => boolean;

/** A quick check that normalises: `rewrites` counts the decimals it has replaced by their canonical form, ever. */
export type QuickNormaliser = QuickCheck & { readonly state: { rewrites: number } };

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

/**
 * The check as the source of one function per object schema: every property read
 * by its name in a place of its own, so that reads of objects of one shape (as
 * JSON.parse makes them) stay monomorphic, and strings, lists and literals checked
 * inline rather than through a closure per value. No property but the schema's:
 * every own key is counted, and must be one of those found (a key whose value is
 * undefined makes a "no", which TypeBox then decides). With `normalise`, a decimal
 * not in canonical form is replaced by its canonical form where it stands, and a
 * choice group not respected makes a "no" too.
 */
class Generator {
  private readonly normalise: boolean;
  /** the values the generated code refers to: formats, literal sets, the state */
  readonly refs: unknown[] = [];
  /** what the generated code counts */
  readonly state = { rewrites: 0 };
  readonly functions: string[] = [];
  private readonly objects = new Map<TSchema, string>();
  private vars = 0;

  constructor(normalise: boolean) {
    this.normalise = normalise;
  }

  private get stateRef(): string {
    return (this.stateName ??= this.ref(this.state));
  }

  private stateName: string | undefined;

  private ref(value: unknown): string {
    this.refs.push(value);
    return `refs[${this.refs.length - 1}]`;
  }

  /** Statements that `return false` unless the value in `x` passes `schema`; `place` is where it can be replaced (a decimal). */
  check(schema: TSchema, x: string, place: string): string {
    const s = schema as Node;
    switch (s[Kind]) {
      case 'String': {
        const { minLength = 0, maxLength = Infinity } = s;
        const bounds = `${minLength > 0 ? ` || ${x}.length < ${minLength}` : ''}${maxLength < Infinity ? ` || ${x}.length > ${maxLength}` : ''}`;
        const type = `if (typeof ${x} !== 'string'${bounds}) return false;`;
        if (s.format === undefined) return type;
        if (s.format === 'decimal') {
          const fix = this.normalise ? ` ${place} = ${this.ref(Decimal.canonical)}(${x}); ${this.stateRef}.rewrites++;` : '';
          return `${type} if (!${this.ref(Decimal.isCanonical)}(${x})) { if (!${this.ref(Decimal.isValid)}(${x})) return false;${fix} }`;
        }
        const format = FORMATS[s.format] ?? unsupported(`format ${s.format}`);
        return `${type} if (!${this.ref(format)}(${x})) return false;`;
      }
      case 'Integer': {
        if (s.exclusiveMinimum !== undefined || s.exclusiveMaximum !== undefined) unsupported('exclusive bounds');
        const { minimum = -Infinity, maximum = Infinity } = s;
        return `if (!Number.isInteger(${x})${minimum > -Infinity ? ` || ${x} < ${minimum}` : ''}${maximum < Infinity ? ` || ${x} > ${maximum}` : ''}) return false;`;
      }
      case 'Boolean':
        return `if (typeof ${x} !== 'boolean') return false;`;
      case 'Literal':
        return `if (${x} !== ${this.ref(s.const)}) return false;`;
      case 'Union': {
        const options = s.anyOf ?? [];
        if (!options.every((o) => o[Kind] === 'Literal')) unsupported('a union of other than literals');
        return `if (!${this.ref(new Set(options.map((o) => (o as Node).const)))}.has(${x})) return false;`;
      }
      case 'Array': {
        const { minItems = 0, maxItems = Infinity } = s;
        const i = `i${this.vars++}`;
        const y = `y${this.vars++}`;
        const bounds = `${minItems > 0 ? ` || ${x}.length < ${minItems}` : ''}${maxItems < Infinity ? ` || ${x}.length > ${maxItems}` : ''}`;
        return `if (!Array.isArray(${x})${bounds}) return false;
    for (let ${i} = 0; ${i} < ${x}.length; ${i}++) { const ${y} = ${x}[${i}]; ${this.check(s.items!, y, `${x}[${i}]`)} }`;
      }
      case 'Object':
        return `if (!${this.object(s)}(${x})) return false;`;
      default:
        return unsupported(String(s[Kind]));
    }
  }

  /** The name of the function checking objects of `s`, generated at its first use. */
  object(s: Node): string {
    const known = this.objects.get(s);
    if (known) return known;
    if (s.additionalProperties !== false) unsupported('open objects');
    const name = `object${this.objects.size}`;
    this.objects.set(s, name);
    const required = new Set(s.required ?? []);
    const body = Object.entries(s.properties ?? {})
      .map(([property, child], i) => {
        const optional = child[OptionalKind] === 'Optional' || !required.has(property);
        const x = `x${i}`;
        const read = `v[${JSON.stringify(property)}]`;
        return `const ${x} = ${read}; if (${x} === undefined) { ${optional ? '' : 'return false;'} } else { found++; ${this.check(child, x, read)} }`;
      })
      .join('\n    ');
    const choices = this.normalise
      ? ((s as { choice?: ChoiceGroup[] }).choice ?? []).map((group) => {
          const given = group.elements.map((element) => `(v[${JSON.stringify(element)}] !== undefined ? 1 : 0)`).join(' + ');
          return `{ const given = ${given}; if (given > 1${group.optional ? '' : ' || given === 0'}) return false; }`;
        })
      : [];
    this.functions.push(`function ${name}(v) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    let keys = 0;
    for (const key in v) keys++;
    let found = 0;
    ${body}
    ${choices.join('\n    ')}
    return keys === found;
  }`);
    return name;
  }
}

function build(schema: TSchema, normalise: boolean): QuickNormaliser {
  const generator = new Generator(normalise);
  const check = generator.check(schema, 'value', 'value');
  const source = `${generator.functions.join('\n  ')}
  return function quickCheck(value) {
    ${check}
    return true;
  };`;
  const quick = new Function('refs', source)(generator.refs) as QuickCheck;
  return Object.assign(quick, { state: generator.state });
}

function unsupported(what: string): never {
  throw new Unsupported(what);
}

/** The quick check of `schema`, or undefined when the schema uses something it does not handle. */
export function quickCheckOf(schema: TSchema): QuickCheck | undefined {
  return buildOrUndefined(schema, false);
}

/**
 * The quick check of `schema` that also normalises the message it passes (decimals
 * in canonical form) and checks its choice groups; a "no" leaves a message with
 * some of its decimals made canonical. Undefined when the schema uses something it
 * does not handle.
 */
export function quickNormaliserOf(schema: TSchema): QuickNormaliser | undefined {
  return buildOrUndefined(schema, true);
}

function buildOrUndefined(schema: TSchema, normalise: boolean): QuickNormaliser | undefined {
  try {
    return build(schema, normalise);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
