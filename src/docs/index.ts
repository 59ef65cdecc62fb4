// Documents generated from the code, by path: `npm run docs` writes them and a test
// fails when a committed one is stale.
import { errorsMarkdown } from './errors.ts';
import { securityMarkdown } from './security.ts';

export const GENERATED_DOCS: Record<string, () => string> = {
  'docs/errors.md': errorsMarkdown,
  'docs/security.md': securityMarkdown,
};
