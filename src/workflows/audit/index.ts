export { runAudit, type AuditDeps, type AuditOptions } from "./run-audit.js";
export type { AuditResult } from "../../core/findings/audit-result.js";
