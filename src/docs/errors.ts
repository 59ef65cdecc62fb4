// docs/errors.md, generated from the code table (SPEC 3.2).
import { codeEntries } from '../model/codes.ts';
import { splitCode } from '../model/errors.ts';
import { httpStatusOf } from '../transport/http/status.ts';

export function errorsMarkdown(): string {
  const lines = [
    '# Error codes',
    '',
    'Generated from src/model/codes.ts by `npm run docs`; do not edit by hand.',
    '',
    'A code `MODULE-n` travels in a Failure as `cause {module: MODULE, code: n, message}`;',
    "on the JSON API as `code` in application/problem+json with the HTTP status below.",
    'SAP CC numbers are used where SAP CC documents the condition; our own codes start at 100.',
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
