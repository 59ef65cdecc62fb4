// JSON form → XML, driven by the message schema: properties in schema order (the
// xs:sequence of the XSD), arrays as repeated elements, `xmlAttribute` properties
// as attributes, `{}` of an empty element as `<name/>`, `Refs` items qualified (with
// the prefix of the element holding them). Writers are compiled once
// per schema, so a response costs one walk over its values.
import type { TSchema } from '@sinclair/typebox';
import { objectShape, isObjectSchema } from '../schema/xmlShape.ts';
import { escapeAttribute, escapeText } from '../schema/xmlText.ts';

/** Writes the element `name` holding `value`; `extra` goes into its start tag (namespace declarations). */
export type ElementWriter = (name: string, value: unknown, extra?: string) => string;

const writers = new WeakMap<TSchema, ElementWriter>();

const simpleWriter: ElementWriter = (name, value, extra = '') => `<${name}${extra}>${escapeText(String(value))}</${name}>`;

/**
 * An object's writer as generated code: each property read by its name in a place
 * of its own (monomorphic for objects of one shape, where a loop over the names
 * reads through a megamorphic lookup), a simple child's element written inline.
 */
export function elementWriter(schema: TSchema): ElementWriter {
  if (!isObjectSchema(schema)) return simpleWriter;
  let writer = writers.get(schema);
  if (writer) return writer;
  const shape = objectShape(schema);
  // the children's writers, filled once this one is registered: a recursive schema terminates
  const children: ElementWriter[] = [];
  const attributes = shape.attributes.map(({ key }) => {
    const k = JSON.stringify(key);
    return `x = o[${k}]; if (x !== undefined) start += ${JSON.stringify(` ${key}="`)} + escapeAttribute(String(x)) + '"';`;
  });
  const elements = shape.elements.map(({ key, repeated, schema: child, ref }, i) => {
    const k = JSON.stringify(key);
    // a reference to a global element (a bundle or mass item) takes the prefix of the element holding it, a global one too
    const tag = ref ? `q + ${k}` : k;
    const write = isObjectSchema(child)
      ? `children[${i}](${tag}, item)`
      : ref
        ? `'<' + ${tag} + '>' + escapeText(String(item)) + '</' + ${tag} + '>'`
        : `${JSON.stringify(`<${key}>`)} + escapeText(String(item)) + ${JSON.stringify(`</${key}>`)}`;
    return repeated
      ? `x = o[${k}]; if (x !== undefined) for (let i = 0; i < x.length; i++) { const item = x[i]; content += ${write}; }`
      : `x = o[${k}]; if (x !== undefined) { const item = x; content += ${write}; }`;
  });
  const source = `return function writeObject(name, value, extra = '') {
    const o = value;
    let x;
    let start = '<' + name + extra;
    ${shape.elements.some((particle) => particle.ref) ? "const q = name.slice(0, name.indexOf(':') + 1);" : ''}
    ${attributes.join('\n')}
    let content = '';
    ${elements.join('\n')}
    return content ? start + '>' + content + '</' + name + '>' : start + '/>';
  };`;
  writer = new Function('children', 'escapeText', 'escapeAttribute', source)(children, escapeText, escapeAttribute) as ElementWriter;
  writers.set(schema, writer);
  for (const particle of shape.elements) children.push(elementWriter(particle.schema));
  return writer;
}
