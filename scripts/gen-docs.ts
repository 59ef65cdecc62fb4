// Writes the generated documents: docs/errors.md (and, as they appear, the others).
import { writeFileSync } from 'node:fs';
import { GENERATED_DOCS } from '../src/docs/index.ts';

for (const [path, render] of Object.entries(GENERATED_DOCS)) {
  writeFileSync(path, render());
  process.stdout.write(`wrote ${path}\n`);
}
