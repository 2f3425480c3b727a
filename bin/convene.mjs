#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step between a checkout and a running server.
// The project's tsconfig (JSX through preact) is named explicitly, so the command works from any directory.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/main.ts');
