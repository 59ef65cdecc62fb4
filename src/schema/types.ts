// The message schema language: TypeBox (JSON Schema) with the few annotations the
// XML codec and the XSD/WSDL generator need. Property order is element order;
// arrays are repeated elements; `xmlAttribute` marks an attribute; `xsdName` names
// a complex type; `choice` lists groups of properties of which exactly one (or, when
// `optional`, at most one) is given.
import { FormatRegistry, Type, type TSchema, type TProperties, type TObject, type TArray, type TString, type TUnion, type TLiteral, type TInteger, type TBoolean, type Static } from '@sinclair/typebox';
import { Decimal } from '../model/decimal.ts';
import { isWireDate, isString256, isString2000 } from '../model/values.ts';

export type { Static, TSchema, TObject, TProperties };

FormatRegistry.Set('decimal', (value) => Decimal.isValid(value));
FormatRegistry.Set('cc-date', (value) => isWireDate(value));
FormatRegistry.Set('string256', (value) => isString256(value));
FormatRegistry.Set('string2000', (value) => isString2000(value));

/** The common namespace `http://schema.ws.highdeal.com/` of Response, Failure, AdditionalInfo, SearchFilter. */
export const COMMON = 'common';

export interface ChoiceGroup {
  elements: string[];
  /** at most one instead of exactly one */
  optional?: boolean;
}

export interface ObjectOptions {
  /** name of the complex type in the XSD; unnamed objects become anonymous types */
  xsdName?: string;
  /** `COMMON` puts the named type in the common namespace */
  xsdNamespace?: string;
  choice?: ChoiceGroup[];
  description?: string;
  /** the schema the XSD describes in its place: the SOAP form of a type the SOAP transport maps (common.ts, Failure) */
  xsdForm?: TSchema;
}

/** 1 to 256 characters: identifiers, names, codes. */
export const String256 = (description?: string): TString => Type.String({ format: 'string256', xsdType: 'String256', description });
/** 1 to 2000 characters: descriptions, messages. */
export const String2000 = (description?: string): TString => Type.String({ format: 'string2000', xsdType: 'String2000', description });
/** Exact decimal on the wire as text: up to 28 digits, 6 after the point. */
export const DecimalText = (description?: string): TString => Type.String({ format: 'decimal', xsdType: 'Decimal', description });
/** `YYYY-MM-DDThh:mm:ss`. */
export const WireDate = (description?: string): TString => Type.String({ format: 'cc-date', xsdType: 'Date', description });
/**
 * An integer; at most ±(2⁵³ − 1), the integers a JSON number holds exactly, when no
 * narrower bound is given (a larger one would be stored as another number).
 */
export const Int = (options: { minimum?: number; maximum?: number; description?: string } = {}): TInteger =>
  Type.Integer({ ...options, minimum: options.minimum ?? -Number.MAX_SAFE_INTEGER, maximum: options.maximum ?? Number.MAX_SAFE_INTEGER });
export const Bool = (description?: string): TBoolean => Type.Boolean({ description });

export function Enum<const V extends readonly string[]>(values: V, xsdName?: string): TUnion<TLiteral<V[number]>[]> {
  return Type.Union(values.map((v) => Type.Literal(v)) as never, { xsdName, enumValues: values }) as never;
}

export const Opt = <T extends TSchema>(schema: T) => Type.Optional(schema);

/** A repeated element: `min` to `max` occurrences (unbounded without max). */
export function List<T extends TSchema>(item: T, bounds: { min?: number; max?: number } = {}): TArray<T> {
  return Type.Array(item, { minItems: bounds.min, maxItems: bounds.max });
}

/** Zero or more occurrences, absent from JSON when none. */
export const Many = <T extends TSchema>(item: T, max?: number) => Type.Optional(List(item, { max }));

export function Obj<P extends TProperties>(properties: P, options: ObjectOptions = {}): TObject<P> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/**
 * Repeated elements that are references to the global element of their name in the
 * service schema (SAP CC's bundle and mass items: `<xs:element ref="tns:<op>Request"/>`):
 * qualified on the wire, in the namespace of the (global) element that holds them.
 * The same array in JSON.
 */
export function Refs<T extends TSchema>(list: T): T {
  return { ...list, xmlRef: true };
}

/** An XML attribute of the enclosing element (a plain property in JSON). */
export function Attr<T extends TSchema>(schema: T): T {
  return { ...schema, xmlAttribute: true };
}

/** An element with no content, e.g. `<noTax/>`; `{}` in JSON. */
export const Empty = (): TObject<{}> => Type.Object({}, { additionalProperties: false, xmlEmpty: true });
