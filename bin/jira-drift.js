#!/usr/bin/env node
// Entry point of the `jira-drift` CLI: runs the TypeScript sources through tsx.
require('tsx/cjs');
require('../client/cli/main.ts').runCliAndExit(process.argv);
