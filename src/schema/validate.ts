// Validates a message (JSON form) against its schema and normalises it: one compiled
// TypeBox check, then the annotations TypeBox does not know (choices) and canonical
// decimals. A violation is a ChargingError with the REQUEST code of its kind.
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Kind, OptionalKind, type TSchema } from '@sinclair/typebox';
import { ChargingError } from '../model/errors.ts';
import type { ErrorCode } from '../model/codes.ts';
import { Decimal } from '../model/decimal.ts';
import { hasOnlyXmlChars } from '../model/values.ts';
import type { ChoiceGroup } from './types.ts';
import { quickNormaliserOf } from './fastCheck.ts';

export type Validator<T> = (value: unknown) => T;

/** A validator that also tells whether the last message it passed was left exactly as given. */
export type TellingValidator<T> = Validator<T> & {
  /** the last message validated was left as given: nothing in it was normalised (false when not known) */
  untouched(): boolean;
};

/** `quick: false` leaves out the quick check (the tests' reference: TypeBox and the normaliser alone). */
export function compileValidator<T>(schema: TSchema, { quick: useQuick = true } = {}): TellingValidator<T> {
  const check = TypeCompiler.Compile(schema);
  // a yes is the whole verdict, normalised; after a no, TypeBox and the normaliser decide
  const quick = useQuick ? quickNormaliserOf(schema) : undefined;
  const normalise = compileNormaliser(schema, false);
  const normaliseWithPaths = compileNormaliser(schema, true);
  let untouched = false;
  const validate = (value: unknown): T => {
    untouched = false;
    if (quick) {
      const rewrites = quick.state.rewrites;
      if (quick(value)) {
        untouched = quick.state.rewrites === rewrites;
        return value as T;
      }
    }
    if (!check.Check(value)) {
      const first = check.Errors(value).First();
      throw violation(first);
    }
    if (normalise) {
      try {
        normalise(value, '');
      } catch (error) {
        // the walk again, naming paths, to say where (decimals are canonical by now)
        if (error === CHOICE_VIOLATED) normaliseWithPaths!(value, '');
        throw error;
      }
    }
    return value as T;
  };
  return Object.assign(validate, { untouched: () => untouched });
}

function violation(error: ValueError | undefined): ChargingError {
  if (!error) return new ChargingError('REQUEST-100');
  const where = error.path || '/';
  return new ChargingError(codeOf(error), `${where}: ${error.message}`);
}

function codeOf(error: ValueError): ErrorCode {
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'REQUEST-101';
    case ValueErrorType.ObjectAdditionalProperties:
      return 'REQUEST-102';
    case ValueErrorType.StringMinLength:
    case ValueErrorType.StringMaxLength:
      return 'REQUEST-103';
    case ValueErrorType.StringFormat: {
      const format = (error.schema as { format?: string }).format;
      if (format === 'decimal') return 'REQUEST-104';
      if (format === 'cc-date') return 'REQUEST-105';
      if (typeof error.value === 'string' && !hasOnlyXmlChars(error.value)) return 'REQUEST-118';
      return 'REQUEST-103';
    }
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.IntegerMinimum:
      return 'REQUEST-113';
    case ValueErrorType.Union:
      return 'REQUEST-106';
    case ValueErrorType.ArrayMaxItems:
    case ValueErrorType.ArrayMinItems:
      return 'REQUEST-107';
    default:
      return 'REQUEST-109';
  }
}

type Normaliser = (value: unknown, path: string) => void;

/** What the walk without paths throws at a choice violated; the walk with paths then throws its error. */
const CHOICE_VIOLATED = new Error('choice violated');

/**
 * Builds the walk for choices and decimals; undefined when the schema has neither.
 * `paths`: each step knows its path, for the message of a choice violated (a walk
 * without them skips building a path per value, and is run first).
 */
function compileNormaliser(schema: TSchema, paths: boolean): Normaliser | undefined {
  const s = schema as TSchema & { format?: string; choice?: ChoiceGroup[]; properties?: Record<string, TSchema>; items?: TSchema };
  switch (s[Kind]) {
    // a decimal is canonicalised by its parent object or list, which can replace it
    case 'Array': {
      const item = s.items!;
      if (isDecimal(item)) {
        return (value) => {
          const list = value as string[];
          for (let i = 0; i < list.length; i++) if (!Decimal.isCanonical(list[i])) list[i] = Decimal.canonical(list[i]);
        };
      }
      const inner = compileNormaliser(item, paths);
      if (!inner) return undefined;
      if (!paths) {
        return (value) => {
          const list = value as unknown[];
          for (let i = 0; i < list.length; i++) inner(list[i], '');
        };
      }
      return (value, path) => {
        const list = value as unknown[];
        for (let i = 0; i < list.length; i++) inner(list[i], `${path}/${i}`);
      };
    }
    case 'Object': {
      const steps: Normaliser[] = [];
      for (const [name, child] of Object.entries(s.properties ?? {})) {
        if (isDecimal(child)) {
          steps.push((value) => {
            const obj = value as Record<string, string>;
            const text = obj[name];
            if (text !== undefined && !Decimal.isCanonical(text)) obj[name] = Decimal.canonical(text);
          });
          continue;
        }
        const inner = compileNormaliser(child, paths);
        if (inner && !paths) {
          steps.push((value) => {
            const v = (value as Record<string, unknown>)[name];
            if (v !== undefined) inner(v, '');
          });
        } else if (inner) {
          steps.push((value, path) => {
            const v = (value as Record<string, unknown>)[name];
            if (v !== undefined) inner(v, `${path}/${name}`);
          });
        }
      }
      for (const group of s.choice ?? []) steps.push(choiceCheck(group, paths));
      if (steps.length === 0) return undefined;
      return (value, path) => {
        for (const step of steps) step(value, path);
      };
    }
    default:
      return undefined;
  }
}

function isDecimal(schema: TSchema): boolean {
  return schema[Kind] === 'String' && (schema as { format?: string }).format === 'decimal';
}

function choiceCheck(group: ChoiceGroup, paths: boolean): Normaliser {
  return (value, path) => {
    const obj = value as Record<string, unknown>;
    let given = 0;
    for (const name of group.elements) if (obj[name] !== undefined) given++;
    if (given > 1 || (given === 0 && !group.optional)) {
      if (!paths) throw CHOICE_VIOLATED;
      const want = group.optional ? 'at most one' : 'exactly one';
      throw new ChargingError('REQUEST-110', `${path || '/'}: ${want} of ${group.elements.join(', ')}`);
    }
  };
}

export const isOptional = (schema: TSchema): boolean => schema[OptionalKind] === 'Optional';
