// Writes docs/checks.md from the checks' metadata. Run `npm run gen:checks-doc` (it builds first).
import { writeFileSync } from "node:fs";
import { ALL_CHECKS } from "../dist/core/checks/registry.js";
import { renderChecksDoc } from "../dist/report/checks-doc.js";

const file = new URL("../docs/checks.md", import.meta.url);
writeFileSync(file, renderChecksDoc(ALL_CHECKS));
console.log(`wrote ${ALL_CHECKS.length} checks to docs/checks.md`);
