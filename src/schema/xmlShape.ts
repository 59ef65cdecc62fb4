// How a message schema looks as XML, shared by the XSD generator and the SOAP codec
// so that what the WSDL promises is exactly what the server reads and writes:
// property order is the xs:sequence, a choice group is one particle at the place of
// its first member, arrays are repeated elements, `xmlAttribute` properties are
// attributes, `Refs` elements are references to global elements (qualified), and a
// response that starts with the Response envelope extends it.
import { Kind, OptionalKind, type TSchema, type TObject } from '@sinclair/typebox';
import { RESPONSE_FIELDS } from './common.ts';
import type { ChoiceGroup } from './types.ts';

/** The lexical kind of a simple value: how XML text becomes its JSON form. */
export type SimpleKind = 'string' | 'decimal' | 'date' | 'integer' | 'boolean' | 'number';

export interface Particle {
  /** the property name, which is the element or attribute name */
  key: string;
  /** the element's own schema (the array's item for a repeated element) */
  schema: TSchema;
  /** may be absent from the JSON form */
  optional: boolean;
  /** an array in JSON, a repeated element in XML */
  repeated: boolean;
  minOccurs: number;
  /** undefined: unbounded */
  maxOccurs: number | undefined;
  /** index in the sequence; members of one choice group share it */
  position: number;
  /** the choice group the element belongs to */
  choice?: ChoiceGroup;
  /** `Refs`: a reference to the global element of its name, so qualified in the service schema namespace */
  ref: boolean;
}

export interface ObjectShape {
  elements: Particle[];
  attributes: Particle[];
  /** `xmlEmpty`: an element with no content, `{}` in JSON */
  empty: boolean;
  /** starts with status, message?, error?: the XSD type extends Response */
  extendsResponse: boolean;
}

type Annotated = TSchema & {
  xsdName?: string;
  xsdNamespace?: string;
  xsdType?: string;
  xmlAttribute?: boolean;
  xmlEmpty?: boolean;
  xmlRef?: boolean;
  choice?: ChoiceGroup[];
  format?: string;
  enumValues?: readonly string[];
  properties?: Record<string, TSchema>;
  items?: TSchema;
  minItems?: number;
  maxItems?: number;
};

export const annotations = (schema: TSchema): Annotated => schema as Annotated;

export const isObjectSchema = (schema: TSchema): schema is TObject => schema[Kind] === 'Object';

const shapes = new WeakMap<TSchema, ObjectShape>();

export function objectShape(schema: TObject): ObjectShape {
  let shape = shapes.get(schema);
  if (!shape) {
    shape = buildShape(schema);
    shapes.set(schema, shape);
  }
  return shape;
}

function buildShape(schema: TObject): ObjectShape {
  const s = annotations(schema);
  const groups = s.choice ?? [];
  const groupPosition = new Map<ChoiceGroup, number>();
  const elements: Particle[] = [];
  const attributes: Particle[] = [];
  let next = 0;
  for (const [key, property] of Object.entries(s.properties ?? {})) {
    const optional = property[OptionalKind] === 'Optional';
    if (annotations(property).xmlAttribute) {
      attributes.push({ key, schema: property, optional, repeated: false, minOccurs: optional ? 0 : 1, maxOccurs: 1, position: -1, ref: false });
      continue;
    }
    const repeated = property[Kind] === 'Array';
    const item = repeated ? annotations(property).items! : property;
    const choice = groups.find((group) => group.elements.includes(key));
    let position: number;
    if (choice) {
      position = groupPosition.get(choice) ?? next++;
      groupPosition.set(choice, position);
    } else {
      position = next++;
    }
    const minItems = annotations(property).minItems ?? 0;
    const minOccurs = repeated ? (optional ? 0 : minItems) : optional ? 0 : 1;
    const maxOccurs = repeated ? annotations(property).maxItems : 1;
    elements.push({ key, schema: item, optional, repeated, minOccurs, maxOccurs, position, choice, ref: annotations(property).xmlRef === true });
  }
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  const extendsResponse =
    keys[0] === 'status' && props.status === RESPONSE_FIELDS.status && props.message === RESPONSE_FIELDS.message && props.error === RESPONSE_FIELDS.error;
  return { elements, attributes, empty: s.xmlEmpty === true, extendsResponse };
}

/** The lexical kind of a simple schema; undefined for an object. */
export function simpleKind(schema: TSchema): SimpleKind | undefined {
  switch (schema[Kind]) {
    case 'Object':
      return undefined;
    case 'Integer':
      return 'integer';
    case 'Number':
      return 'number';
    case 'Boolean':
      return 'boolean';
    case 'String': {
      const format = annotations(schema).format;
      if (format === 'decimal') return 'decimal';
      if (format === 'cc-date') return 'date';
      return 'string';
    }
    case 'Union':
    case 'Literal':
      return 'string';
    default:
      throw new Error(`no XML form for schema kind ${String(schema[Kind])}`);
  }
}

/** The values of an enumeration (an `Enum` union or a literal). */
export function enumValues(schema: TSchema): readonly string[] | undefined {
  const s = annotations(schema) as Annotated & { anyOf?: Array<{ const?: unknown }>; const?: unknown };
  if (s.enumValues) return s.enumValues;
  if (schema[Kind] === 'Union') return (s.anyOf ?? []).map((member) => String(member.const));
  if (schema[Kind] === 'Literal') return [String(s.const)];
  return undefined;
}
