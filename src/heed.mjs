#!/usr/bin/env node
// `npx heed <command>`: runs the TypeScript CLI through tsx (a runtime dependency), no build step.
import { register } from 'tsx/esm/api';

register();
const { cliMain } = await import('./cli.ts');
cliMain();
