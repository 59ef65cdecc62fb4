// XML Schema of a SOAP service, generated from the same message schemas the server
// validates with (xmlShape.ts says how a schema becomes XML). Two schema documents:
// the common namespace (Response, Failure, AdditionalInfo, SearchFilter, the simple
// types) and the service's schema namespace with the `<op>Request`/`<op>Response`
// global elements. Local elements and attributes are unqualified; `Refs` items
// (bundle and mass items) reference the service's global elements.
import { Kind, type TSchema, type TObject } from '@sinclair/typebox';
import { COMMON, Obj } from './types.ts';
import { RESPONSE_FIELDS } from './common.ts';
import { escapeAttribute, escapeText } from './xmlText.ts';
import { annotations, enumValues, isObjectSchema, objectShape, simpleKind, type Particle } from './xmlShape.ts';

export const COMMON_NAMESPACE = 'http://schema.ws.highdeal.com/';
export const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';

/** The common `Response` type every response extends. */
export const ResponseSchema = Obj(RESPONSE_FIELDS, { xsdName: 'Response', xsdNamespace: COMMON });

/** A global element of the service schema and the schema of its content. */
export interface GlobalElement {
  name: string;
  schema: TObject;
  /** the name of its complex type (the schema's own xsdName wins) */
  typeName: string;
}

export interface SchemaInput {
  schemaNamespace: string;
  elements: GlobalElement[];
  /** global elements of the common namespace (e.g. the fault detail) */
  commonElements?: GlobalElement[];
}

export interface SchemaDocuments {
  /** `<xs:schema>` of the common namespace */
  common: string;
  /** `<xs:schema>` of the service namespace; `importLocation` goes in the import of the common one */
  service(importLocation?: string): string;
}

type Space = 'common' | 'service';

interface NamedType {
  schema: TSchema;
  space: Space;
}

// The simple types of the schema language (`xsdType`), all in the common namespace.
// Their facets are the server's checks (model/values.ts, model/decimal.ts).
const DECIMAL_PATTERN =
  '[+\\-]?0*([0-9]{1,28}\\.?|[0-9]{0,27}\\.[0-9]|[0-9]{0,26}\\.[0-9]{2}|[0-9]{0,25}\\.[0-9]{3}|[0-9]{0,24}\\.[0-9]{4}|[0-9]{0,23}\\.[0-9]{5}|[0-9]{0,22}\\.[0-9]{6})';
const SIMPLE_TYPES: Record<string, string> = {
  String256: restriction('xs:string', [facet('minLength', '1'), facet('maxLength', '256')]),
  String2000: restriction('xs:string', [facet('minLength', '1'), facet('maxLength', '2000')]),
  Decimal: restriction('xs:decimal', [facet('totalDigits', '28'), facet('fractionDigits', '6'), facet('pattern', DECIMAL_PATTERN)], 'exact decimal: at most 28 digits, at most 6 after the point (as written)'),
  Date: restriction('xs:dateTime', [facet('pattern', '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]')], 'YYYY-MM-DDThh:mm:ss, no zone, no fraction (UTC)'),
};

function facet(name: string, value: string): string {
  return `<xs:${name} value="${escapeAttribute(value)}"/>`;
}

function restriction(base: string, facets: string[], documentation?: string): string {
  const doc = documentation ? `<xs:annotation><xs:documentation>${escapeText(documentation)}</xs:documentation></xs:annotation>` : '';
  return `${doc}<xs:restriction base="${base}">${facets.join('')}</xs:restriction>`;
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** Collects the named types of a service, then writes both schema documents. */
class SchemaWriter {
  private readonly named = new Map<string, NamedType>();
  /** names given to unnamed request schemas, by identity */
  private readonly assigned = new Map<TSchema, string>();
  private readonly simpleUsed = new Set<string>();
  private readonly input: SchemaInput;

  constructor(input: SchemaInput) {
    this.input = input;
    for (const element of [...input.elements, ...(input.commonElements ?? [])]) {
      if (!annotations(element.schema).xsdName) this.assigned.set(element.schema, element.typeName);
    }
    this.collect(ResponseSchema, true);
    for (const element of input.commonElements ?? []) this.collect(element.schema, true);
    for (const element of input.elements) this.collect(element.schema, false);
  }

  private nameOf(schema: TSchema): string | undefined {
    return this.assigned.get(schema) ?? annotations(schema).xsdName;
  }

  /** Registers named types; a type reached from a common type lives in the common namespace too. */
  private collect(schema: TSchema, inCommon: boolean): void {
    // a type the SOAP transport maps is described in its SOAP form, under the same name
    const form = (schema as { xsdForm?: TSchema }).xsdForm;
    if (form) return this.collect(form, inCommon);
    const kind = schema[Kind];
    const name = this.nameOf(schema);
    if (kind === 'Array') return this.collect(annotations(schema).items!, inCommon);
    if (kind === 'String') {
      const xsdType = annotations(schema).xsdType;
      if (xsdType) this.simpleUsed.add(xsdType);
      return;
    }
    if (!name || (kind !== 'Object' && kind !== 'Union' && kind !== 'Literal')) {
      if (isObjectSchema(schema)) this.collectChildren(schema, inCommon);
      return;
    }
    const space: Space = inCommon || annotations(schema).xsdNamespace === COMMON ? 'common' : 'service';
    const existing = this.named.get(name);
    if (existing) {
      if (existing.schema !== schema && !sameStructure(existing.schema, schema)) throw new Error(`two different schemas are named ${name}`);
      if (space === 'common' && existing.space === 'service') {
        existing.space = 'common';
        if (isObjectSchema(schema)) this.collectChildren(schema, true);
      }
      return;
    }
    this.named.set(name, { schema, space });
    if (isObjectSchema(schema)) this.collectChildren(schema, space === 'common');
  }

  private collectChildren(schema: TObject, inCommon: boolean): void {
    const shape = objectShape(schema);
    const extending = extendsResponse(schema);
    if (extending) this.collect(ResponseSchema, true);
    for (const particle of [...shape.elements, ...shape.attributes]) {
      if (extending && particle.key in RESPONSE_FIELDS) continue;
      this.collect(particle.schema, inCommon);
    }
  }

  commonDocument(): string {
    const body: string[] = [];
    for (const name of Object.keys(SIMPLE_TYPES)) {
      if (this.simpleUsed.has(name)) body.push(`<xs:simpleType name="${name}">${SIMPLE_TYPES[name]}</xs:simpleType>`);
    }
    for (const element of this.input.commonElements ?? []) body.push(this.globalElement(element));
    body.push(...this.namedTypes('common'));
    return schemaDocument(COMMON_NAMESPACE, body);
  }

  serviceDocument(importLocation?: string): string {
    const location = importLocation ? ` schemaLocation="${escapeAttribute(importLocation)}"` : '';
    const body = [`<xs:import namespace="${COMMON_NAMESPACE}"${location}/>`];
    for (const element of this.input.elements) body.push(this.globalElement(element));
    body.push(...this.namedTypes('service'));
    return schemaDocument(this.input.schemaNamespace, body);
  }

  private globalElement(element: GlobalElement): string {
    return `<xs:element name="${element.name}" type="${this.typeRef(element.schema)}"/>`;
  }

  private namedTypes(space: Space): string[] {
    const out: string[] = [];
    for (const [name, type] of this.named) {
      if (type.space !== space) continue;
      if (isObjectSchema(type.schema)) out.push(`<xs:complexType name="${name}">${this.complexContent(type.schema)}</xs:complexType>`);
      else out.push(`<xs:simpleType name="${name}">${this.simpleContent(type.schema)}</xs:simpleType>`);
    }
    return out;
  }

  /** `prefix:Name` of a named type or built-in, or undefined for an anonymous one. */
  private typeRef(schema: TSchema): string | undefined {
    const name = this.nameOf(schema);
    if (name && this.named.has(name)) {
      return `${this.named.get(name)!.space === 'common' ? 'hd' : 'tns'}:${name}`;
    }
    switch (schema[Kind]) {
      case 'String': {
        const s = annotations(schema) as { xsdType?: string; minLength?: number; maxLength?: number };
        if (s.xsdType && SIMPLE_TYPES[s.xsdType]) return `hd:${s.xsdType}`;
        return s.minLength === undefined && s.maxLength === undefined ? 'xs:string' : undefined;
      }
      case 'Integer': {
        const s = schema as { minimum?: number; maximum?: number };
        return s.minimum === undefined && s.maximum === undefined ? 'xs:long' : undefined;
      }
      case 'Boolean':
        return 'xs:boolean';
      case 'Number':
        return 'xs:double';
      default:
        return undefined;
    }
  }

  /** The type attribute, or the anonymous type as a child, of an element or attribute. */
  private typed(schema: TSchema): { attribute: string; child: string } {
    const ref = this.typeRef(schema);
    if (ref) return { attribute: ` type="${ref}"`, child: '' };
    if (isObjectSchema(schema)) return { attribute: '', child: `<xs:complexType>${this.complexContent(schema)}</xs:complexType>` };
    return { attribute: '', child: `<xs:simpleType>${this.simpleContent(schema)}</xs:simpleType>` };
  }

  private complexContent(schema: TObject): string {
    const shape = objectShape(schema);
    if (shape.empty) return '<xs:sequence/>';
    const extending = extendsResponse(schema);
    const elements = extending ? shape.elements.filter((particle) => !(particle.key in RESPONSE_FIELDS)) : shape.elements;
    // an error response carries only the envelope, so its other fields are optional
    const sequence = this.sequence(elements, extending);
    const attributes = shape.attributes.map((particle) => this.attribute(particle)).join('');
    if (!extending) return `${sequence}${attributes}`;
    return `<xs:complexContent><xs:extension base="hd:Response">${sequence}${attributes}</xs:extension></xs:complexContent>`;
  }

  private sequence(elements: Particle[], allOptional: boolean): string {
    const out: string[] = [];
    for (let i = 0; i < elements.length; i++) {
      const particle = elements[i];
      if (!particle.choice) {
        out.push(this.element(particle, allOptional ? 0 : particle.minOccurs));
        continue;
      }
      if (elements.findIndex((other) => other.position === particle.position) !== i) continue;
      const members = elements.filter((other) => other.position === particle.position);
      const minOccurs = particle.choice.optional || allOptional ? ' minOccurs="0"' : '';
      out.push(`<xs:choice${minOccurs}>${members.map((member) => this.element(member, member.repeated ? Math.max(1, member.minOccurs) : 1)).join('')}</xs:choice>`);
    }
    return out.length ? `<xs:sequence>${out.join('')}</xs:sequence>` : '<xs:sequence/>';
  }

  private element(particle: Particle, minOccurs: number): string {
    const min = minOccurs === 1 ? '' : ` minOccurs="${minOccurs}"`;
    const max = particle.maxOccurs === 1 ? '' : ` maxOccurs="${particle.maxOccurs ?? 'unbounded'}"`;
    if (particle.ref) return `<xs:element ref="tns:${this.globalName(particle)}"${min}${max}/>`;
    const { attribute, child } = this.typed(particle.schema);
    const doc = documentation(particle.schema);
    const content = `${doc}${child}`;
    return content ? `<xs:element name="${particle.key}"${attribute}${min}${max}>${content}</xs:element>` : `<xs:element name="${particle.key}"${attribute}${min}${max}/>`;
  }

  /** The service's global element a `Refs` particle references: same name, same schema. */
  private globalName(particle: Particle): string {
    const global = this.input.elements.find((element) => element.name === particle.key);
    if (!global || global.schema !== particle.schema) throw new Error(`${particle.key} references no global element of the service schema with its schema`);
    return particle.key;
  }

  private attribute(particle: Particle): string {
    const { attribute, child } = this.typed(particle.schema);
    const use = particle.optional ? '' : ' use="required"';
    return child ? `<xs:attribute name="${particle.key}"${use}>${child}</xs:attribute>` : `<xs:attribute name="${particle.key}"${attribute}${use}/>`;
  }

  private simpleContent(schema: TSchema): string {
    const values = enumValues(schema);
    if (values) return restriction('xs:string', values.map((value) => facet('enumeration', value)));
    const kind = simpleKind(schema);
    if (kind === 'integer') {
      const s = schema as { minimum?: number; maximum?: number };
      const base = (s.minimum ?? -Infinity) >= INT_MIN && (s.maximum ?? Infinity) <= INT_MAX ? 'xs:int' : 'xs:long';
      const facets: string[] = [];
      if (s.minimum !== undefined) facets.push(facet('minInclusive', String(s.minimum)));
      if (s.maximum !== undefined) facets.push(facet('maxInclusive', String(s.maximum)));
      return restriction(base, facets);
    }
    if (kind === 'string') {
      const s = schema as { minLength?: number; maxLength?: number };
      const facets: string[] = [];
      if (s.minLength !== undefined) facets.push(facet('minLength', String(s.minLength)));
      if (s.maxLength !== undefined) facets.push(facet('maxLength', String(s.maxLength)));
      return restriction('xs:string', facets);
    }
    throw new Error(`no XSD simple type for ${String(schema[Kind])}`);
  }
}

/** A response type other than Response itself: its XSD type extends hd:Response. */
const extendsResponse = (schema: TObject): boolean => schema !== ResponseSchema && objectShape(schema).extendsResponse;

function documentation(schema: TSchema): string {
  const description = (schema as { description?: string }).description;
  return description ? `<xs:annotation><xs:documentation>${escapeText(description)}</xs:documentation></xs:annotation>` : '';
}

function schemaDocument(targetNamespace: string, body: string[]): string {
  return [
    `<xs:schema xmlns:xs="${XSD_NAMESPACE}" xmlns:hd="${COMMON_NAMESPACE}" xmlns:tns="${targetNamespace}"` +
      ` targetNamespace="${targetNamespace}" elementFormDefault="unqualified" attributeFormDefault="unqualified">`,
    ...body.map((line) => `  ${line}`),
    '</xs:schema>',
  ].join('\n');
}

/** Two schemas given the same name must describe the same thing. */
function sameStructure(a: TSchema, b: TSchema): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function schemaDocuments(input: SchemaInput): SchemaDocuments {
  const writer = new SchemaWriter(input);
  const common = writer.commonDocument();
  return { common, service: (importLocation) => writer.serviceDocument(importLocation) };
}
