#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so `npm install` is the whole build.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
