// docs/errors.md, generated from the code table (SPEC 3.2).
import { codeEntries } from '../model/codes.ts';
import { splitCode } from '../model/errors.ts';
import { httpStatusOf } from '../transport/http/status.ts';
import { CATEGORIES } from '../model/categories.ts';
import { COMMON_FAILURE_CATEGORIES } from '../schema/common.ts';

export function errorsMarkdown(): string {
  const lines = [
    '# Error codes',
    '',
    'Generated from src/model/codes.ts by `npm run docs`; do not edit by hand.',
    '',
    'A code `MODULE-n` travels in a Failure as `cause {module: MODULE, code: n, message}`;',
    "on the JSON API as `code` in application/problem+json with the HTTP status below.",
    'SAP CC numbers are used where SAP CC documents the condition; our own codes start at 100.',
    '',
    '## Categories on the SOAP wire',
    '',
    "The category of each code below is Convergent's own (SPEC 3.2): the JSON API, the store,",
    "the audit and the CLI say it. On SOAP, every Failure (of a response, of a bundle or mass item, of",
    "a Fault's `hd:faultDetail`) carries SAP CC's common `hd:FailureCategory`, which the",
    "served XSD enumerates; the meaning is unchanged. Where SAP CC has no category for it,",
    "the Failure leaves its optional `category` out; its cause and message still say what failed.",
    '',
    '| category | on the SOAP wire |',
    '|---|---|',
    ...CATEGORIES.map((category) => {
      const wire = COMMON_FAILURE_CATEGORIES.of[category];
      return `| ${category} | ${wire === undefined ? '(left out)' : wire} |`;
    }),
  ];
  let module = '';
  for (const [code, entry] of codeEntries()) {
    if (splitCode(code).module !== module) {
      module = splitCode(code).module;
      lines.push('', `## ${module}`, '', '| code | category | HTTP | message |', '|---|---|---|---|');
    }
    lines.push(`| \`${code}\` | ${entry.category} | ${httpStatusOf(code)} | ${entry.message} |`);
  }
  return `${lines.join('\n')}\n`;
}
