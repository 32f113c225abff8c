#!/usr/bin/env node
// A committed shim: package managers link `bin` at install time, before dist/ is built in this repository, so the bin
// points here and the server itself lives in dist/.
import '../dist/bin/textgen-mock.mjs';
