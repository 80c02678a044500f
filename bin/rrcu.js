#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so `npm install` is the whole build.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every command that versions after January 2027 will need Node 22. The lockfile
// pins today's SDK, so the warning says nothing about this installation; README.md notes the move.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `rrcu access | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

register();
await import('../src/cli/main.ts');
