// XML → JSON form, driven by the message schema (src/schema/xmlShape.ts): element
// → property, repeated element → array, attribute → property, empty element → {},
// simple text → string, number or boolean by its schema. What the schema cannot
// place (unknown or misplaced elements, text in element-only content) is a
// business error with its REQUEST code; the rest is left to the operation's own
// validator, so SOAP and JSON requests are checked by the same code.
import type { TObject, TSchema } from '@sinclair/typebox';
import { ChargingError } from '../model/errors.ts';
import { objectShape, simpleKind, isObjectSchema, type SimpleKind } from '../schema/xmlShape.ts';

export type DecodeNode = ObjectNode | ValueNode;

export interface ValueNode {
  kind: 'value';
  convert(text: string): unknown;
}

export interface Slot {
  key: string;
  position: number;
  repeated: boolean;
  /** a reference to a global element (`Refs`): may come qualified in the decoded element's namespace */
  qualified: boolean;
  node: DecodeNode;
}

export interface ObjectNode {
  kind: 'object';
  elements: Map<string, Slot>;
  attributes: Map<string, ValueNode>;
  /** required arrays: absent elements mean `[]`, so the validator sees the count */
  requiredArrays: string[];
}

const XML_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const collapse = (text: string): string => (text.length && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) ? text.replace(XML_SPACE, '') : text);
const INTEGER = /^[+-]?[0-9]+$/;

/** Text → JSON value; a value that does not fit its type is passed on as text for the validator to refuse. */
const CONVERTERS: Record<SimpleKind, (text: string) => unknown> = {
  string: (text) => text,
  decimal: collapse,
  date: collapse,
  integer: (text) => {
    const t = collapse(text);
    if (!INTEGER.test(t)) return t;
    const n = Number(t);
    return Number.isSafeInteger(n) ? n : t;
  },
  number: (text) => {
    const t = collapse(text);
    const n = Number(t);
    return t !== '' && Number.isFinite(n) ? n : t;
  },
  boolean: (text) => {
    const t = collapse(text);
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    return t;
  },
};

const VALUE_NODES = new Map<SimpleKind, ValueNode>(Object.entries(CONVERTERS).map(([kind, convert]) => [kind as SimpleKind, { kind: 'value', convert }]));
const objectNodes = new WeakMap<TSchema, ObjectNode>();

export function decodeNode(schema: TSchema): DecodeNode {
  if (!isObjectSchema(schema)) return VALUE_NODES.get(simpleKind(schema)!)!;
  return objectNode(schema);
}

export function objectNode(schema: TObject): ObjectNode {
  let node = objectNodes.get(schema);
  if (node) return node;
  const shape = objectShape(schema);
  node = { kind: 'object', elements: new Map(), attributes: new Map(), requiredArrays: [] };
  // registered before its children so that a recursive schema terminates
  objectNodes.set(schema, node);
  for (const particle of shape.elements) {
    node.elements.set(particle.key, { key: particle.key, position: particle.position, repeated: particle.repeated, qualified: particle.ref, node: decodeNode(particle.schema) });
    if (particle.repeated && !particle.optional) node.requiredArrays.push(particle.key);
  }
  for (const particle of shape.attributes) node.attributes.set(particle.key, decodeNode(particle.schema) as ValueNode);
  return node;
}

/** Where the decoder is, for error messages: `/a/b`. */
export interface Where {
  path(): string;
}

/** An object being filled from its element's children. */
export class ObjectBuilder {
  readonly node: ObjectNode;
  readonly value: Record<string, unknown> = {};
  private last = -1;
  private lastKey = '';

  constructor(node: ObjectNode) {
    this.node = node;
  }

  /**
   * The slot of a child element, or the error that it does not belong here. Elements
   * are unqualified; a reference to a global element (a bundle or mass item) is
   * qualified in `namespace`, the decoded element's, and read unqualified too.
   */
  child(local: string, uri: string, namespace: string, where: Where): Slot | ChargingError {
    const slot = this.node.elements.get(local);
    if (slot === undefined || (uri !== '' && (uri !== namespace || !slot.qualified))) return new ChargingError('REQUEST-102', `${where.path()}/${uri ? `{${uri}}` : ''}${local}`);
    if (slot.position < this.last) return new ChargingError('REQUEST-102', `${where.path()}/${local}: out of order`);
    if (slot.position === this.last && slot.key === this.lastKey && !slot.repeated) return new ChargingError('REQUEST-107', `${where.path()}/${local}: given more than once`);
    this.last = slot.position;
    this.lastKey = slot.key;
    return slot;
  }

  attribute(local: string, uri: string, value: string, where: Where): ChargingError | undefined {
    const node = uri === '' ? this.node.attributes.get(local) : undefined;
    if (!node) return new ChargingError('REQUEST-102', `${where.path()}/@${local}`);
    this.value[local] = node.convert(value);
    return undefined;
  }

  set(slot: Slot, value: unknown): void {
    if (!slot.repeated) {
      this.value[slot.key] = value;
      return;
    }
    const list = this.value[slot.key] as unknown[] | undefined;
    if (list) list.push(value);
    else this.value[slot.key] = [value];
  }

  finish(): Record<string, unknown> {
    for (const key of this.node.requiredArrays) this.value[key] ??= [];
    return this.value;
  }
}
