// Common types of `http://schema.ws.highdeal.com/` (SPEC 3.1, 3.2).
import { COMMON, DecimalText, Bool, Enum, Int, Many, Obj, Opt, String2000, String256, WireDate, type Static } from './types.ts';
import { CATEGORIES } from '../model/categories.ts';

export const ErrorCauseSchema = Obj(
  { module: String256(), code: String256(), message: String2000() },
  { xsdName: 'ErrorCause', xsdNamespace: COMMON },
);

export const FailureSchema = Obj(
  {
    category: Enum(CATEGORIES, 'FailureCategory'),
    message: String2000(),
    cause: ErrorCauseSchema,
    causedBy: Many(ErrorCauseSchema),
  },
  { xsdName: 'Failure', xsdNamespace: COMMON },
);
export type Failure = Static<typeof FailureSchema>;

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
