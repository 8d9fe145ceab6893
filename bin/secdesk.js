#!/usr/bin/env node
// The CLI entry point. secdesk runs its TypeScript sources directly on Node 24 (type stripping);
// on an older Node it re-runs itself with the Node 24 that `npm start` / `npm test` provision.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  await import('../src/cli/main.ts');
} else {
  const local = fileURLToPath(new URL('../.tools/node_modules/.bin/node', import.meta.url));
  if (!existsSync(local)) {
    console.error(`secdesk: needs Node.js 24 (this is ${process.version}); run \`npm start\` once, or \`. scripts/ensure-node.sh\`, to provision it`);
    process.exit(1);
  }
  const result = spawnSync(local, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
