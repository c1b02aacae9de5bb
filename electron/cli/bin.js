#!/usr/bin/env node
// The `virtwire` executable. It runs the TypeScript CLI through tsx, so the command works
// straight after `npm install` in a fresh clone, with or without a build.
import { register } from 'tsx/esm/api';

// A reader that stops early (`virtwire show FILE | head -1`) closes the pipe: stop quietly,
// as other Unix tools do, rather than with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
