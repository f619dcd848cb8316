#!/usr/bin/env node
// The `kubesim` command; the implementation is lib/cli.ts, compiled to dist/ by `npm run build`.
import { main } from '../dist/lib/cli.js';

process.exit(await main(process.argv.slice(2)));
