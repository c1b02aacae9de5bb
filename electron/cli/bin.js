#!/usr/bin/env node
// The `virtwire` executable. It runs the TypeScript CLI through tsx, so the command works
// straight after `npm install` in a fresh clone, with or without a build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
