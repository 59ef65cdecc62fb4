// Common types of `http://schema.ws.highdeal.com/` (SPEC 3.1, 3.2).
import { COMMON, DecimalText, Bool, Enum, Int, Many, Obj, Opt, String2000, String256, WireDate, type Static, type TSchema } from './types.ts';
import { CATEGORIES, type Category } from '../model/categories.ts';

export const ErrorCauseSchema = Obj(
  { module: String256(), code: String256(), message: String2000() },
  { xsdName: 'ErrorCause', xsdNamespace: COMMON },
);

/**
 * The failure categories of a SOAP schema and the value each of Convergent's
 * categories (meaning unchanged, SPEC 3.2) takes there; `undefined`: none means it,
 * so a Failure on SOAP leaves its optional `category` out (cause and message still
 * say it). The JSON API, the store, the audit and the CLI keep Convergent's own.
 */
export interface SoapFailureCategories {
  /** the schema's FailureCategory enumeration, in its order */
  readonly values: readonly string[];
  readonly of: Readonly<Record<Category, string | undefined>>;
}

/** SAP CC's common `hd:FailureCategory`: every service whose schema uses `hd:Failure` (docs/sapcc-wire.md 2.3). */
export const COMMON_FAILURE_CATEGORIES: SoapFailureCategories = {
  values: ['alreadyExists', 'doesNotExist', 'invalid', 'prerequisiteMissing', 'incompatibleConfiguration', 'illegalState', 'temporaryIllegalState'],
  of: {
    invalid: 'invalid',
    doesNotExist: 'doesNotExist',
    alreadyExists: 'alreadyExists',
    prerequisiteMissing: 'prerequisiteMissing',
    illegalState: 'illegalState',
    invalidConfiguration: 'incompatibleConfiguration',
    temporaryIllegalSystemState: 'temporaryIllegalState',
    illegalSystemState: undefined,
  },
};

const failureFields = <C extends TSchema>(category: C) => ({
  category,
  message: String2000(),
  cause: ErrorCauseSchema,
  causedBy: Many(ErrorCauseSchema),
});

/** The Failure as SOAP carries it (the XSD's `hd:Failure`): SAP CC's categories, `category` optional. */
export const SoapFailureSchema = Obj(failureFields(Opt(Enum(COMMON_FAILURE_CATEGORIES.values, 'FailureCategory'))), { xsdName: 'Failure', xsdNamespace: COMMON });

export const FailureSchema = Obj(failureFields(Enum(CATEGORIES, 'FailureCategory')), { xsdName: 'Failure', xsdNamespace: COMMON, xsdForm: SoapFailureSchema });
export type Failure = Static<typeof FailureSchema>;

/** A Failure as SOAP carries it: its category mapped by `categories`, left out where none means it. */
export function soapFailure(failure: Failure, categories: SoapFailureCategories = COMMON_FAILURE_CATEGORIES): Static<typeof SoapFailureSchema> {
  const { category, ...rest } = failure;
  const mapped = categories.of[category];
  return mapped === undefined ? rest : { category: mapped, ...rest };
}

export const ResponseStatus = Enum(['return', 'error'] as const, 'ResponseStatus');

/** The envelope every response extends: status, message?, error?. */
export const RESPONSE_FIELDS = {
  status: ResponseStatus,
  message: Opt(String2000()),
  error: Opt(FailureSchema),
};

export const AdditionalInfoSchema = Obj(
  { name: String256(), string: Opt(String2000()), number: Opt(DecimalText()), date: Opt(WireDate()) },
  { xsdName: 'AdditionalInfo', xsdNamespace: COMMON, choice: [{ elements: ['string', 'number', 'date'] }] },
);
export type AdditionalInfo = Static<typeof AdditionalInfoSchema>;

export const MAX_SEARCH_WINDOW = 1000;

export const SearchFilterSchema = Obj(
  {
    searchWindow: Opt(
      Obj(
        { windowSize: Opt(Int({ minimum: 1, maximum: MAX_SEARCH_WINDOW })), fromUniqueId: Opt(String256()) },
        { xsdName: 'SearchWindow', xsdNamespace: COMMON },
      ),
    ),
    totalCountRequired: Opt(Bool()),
  },
  { xsdName: 'SearchFilter', xsdNamespace: COMMON },
);
export type SearchFilter = Static<typeof SearchFilterSchema>;
