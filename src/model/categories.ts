// The 8 categories of an error (SPEC 3.2): what a caller may do about it. They stand
// alone, so the code table and ChargingError both build on them.
export const CATEGORIES = [
  'invalid',
  'doesNotExist',
  'alreadyExists',
  'prerequisiteMissing',
  'illegalState',
  'invalidConfiguration',
  'temporaryIllegalSystemState',
  'illegalSystemState',
] as const;
export type Category = (typeof CATEGORIES)[number];
