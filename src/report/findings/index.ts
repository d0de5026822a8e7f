export {
  renderAudit,
  AUDIT_FORMATS,
  isAuditFormat,
  type AuditFormat,
  type RenderAuditOptions,
} from "./render.js";
export { renderAuditCsv, AUDIT_CSV_COLUMNS } from "./csv.js";
export { renderAuditJson } from "./json.js";
export { renderAuditMarkdown } from "./markdown.js";
export { renderAuditOcsf, toOcsfFindings, OCSF_VERSION, type OcsfDetectionFinding } from "./ocsf.js";
export { renderAuditTable, type AuditTableOptions } from "./table.js";
