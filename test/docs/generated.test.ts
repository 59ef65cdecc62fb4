import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GENERATED_DOCS } from '../../src/docs/index.ts';

for (const [path, render] of Object.entries(GENERATED_DOCS)) {
  test(`when the code changes, then ${path} is regenerated (npm run docs)`, () => {
    assert.equal(readFileSync(path, 'utf8'), render(), `${path} is stale: run npm run docs`);
  });
}
