#!/usr/bin/env node
// The `convergent` command. Convergent runs on Node.js 24 (it runs its TypeScript
// directly); on an older Node this re-runs itself on the pinned runtime.
import { spawnSync } from 'node:child_process';
import module from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  // keep V8's compiled modules between runs: the server and every command start faster
  module.enableCompileCache?.();
  await import(pathToFileURL(join(root, 'src/cli/main.ts')).href);
} else {
  const pinned = join(root, 'node_modules/node/bin/node');
  if (!existsSync(pinned)) {
    console.error(`convergent needs Node.js 24 (this is ${process.version}); run npm ci in ${root}`);
    process.exit(2);
  }
  const result = spawnSync(pinned, [join(root, 'src/cli/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
