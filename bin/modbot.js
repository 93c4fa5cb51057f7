#!/usr/bin/env node
// The modbot command line. Runs the TypeScript sources directly through tsx.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
