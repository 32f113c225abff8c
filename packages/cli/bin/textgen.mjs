#!/usr/bin/env node
// A committed shim: package managers link `bin` at install time, before dist/ is built in this repository, so the bin
// points here and the CLI itself lives in dist/.
import '../dist/bin/textgen.mjs';
