// JSON form → XML, driven by the message schema: properties in schema order (the
// xs:sequence of the XSD), arrays as repeated elements, `xmlAttribute` properties
// as attributes, `{}` of an empty element as `<name/>`. Writers are compiled once
// per schema, so a response costs one walk over its values.
import type { TSchema } from '@sinclair/typebox';
import { objectShape, isObjectSchema } from '../../schema/xmlShape.ts';
import { escapeAttribute, escapeText } from '../../schema/xmlText.ts';

/** Writes the element `name` holding `value`; `extra` goes into its start tag (namespace declarations). */
export type ElementWriter = (name: string, value: unknown, extra?: string) => string;

interface ChildWriter {
  key: string;
  repeated: boolean;
  write: ElementWriter;
}

const writers = new WeakMap<TSchema, ElementWriter>();

const simpleWriter: ElementWriter = (name, value, extra = '') => `<${name}${extra}>${escapeText(String(value))}</${name}>`;

export function elementWriter(schema: TSchema): ElementWriter {
  if (!isObjectSchema(schema)) return simpleWriter;
  let writer = writers.get(schema);
  if (writer) return writer;
  const shape = objectShape(schema);
  const children: ChildWriter[] = [];
  const attributes = shape.attributes.map((particle) => particle.key);
  writer = (name, value, extra = '') => {
    const object = value as Record<string, unknown>;
    let start = `<${name}${extra}`;
    for (const key of attributes) {
      const attribute = object[key];
      if (attribute !== undefined) start += ` ${key}="${escapeAttribute(String(attribute))}"`;
    }
    let content = '';
    for (const child of children) {
      const item = object[child.key];
      if (item === undefined) continue;
      if (child.repeated) for (const each of item as unknown[]) content += child.write(child.key, each);
      else content += child.write(child.key, item);
    }
    return content ? `${start}>${content}</${name}>` : `${start}/>`;
  };
  // registered before its children are compiled so that a recursive schema terminates
  writers.set(schema, writer);
  for (const particle of shape.elements) children.push({ key: particle.key, repeated: particle.repeated, write: elementWriter(particle.schema) });
  return writer;
}
