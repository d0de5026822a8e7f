import { buildDemoEstate } from "../src/aws/sandbox/demo.js";
import { listEstateResources, saveEstate } from "../src/aws/sandbox/estate.js";
const t = Date.now();
const e = buildDemoEstate();
console.log("ms", Date.now() - t);
let total = 0;
for (const a of e.accounts) {
  const n = listEstateResources(e, a.id, Object.keys(a.regions).concat(["us-east-1"]).filter((v,i,arr)=>arr.indexOf(v)===i)).length;
  total += n;
  console.log(a.id, a.alias, n, Object.keys(a.regions));
  for (const [r, reg] of Object.entries(a.regions)) console.log("  ", r, Object.entries(reg).map(([k,v])=>`${k}:${(v as unknown[]).length}`).join(" "));
}
console.log("total", total, "json bytes", saveEstate(e).length);
