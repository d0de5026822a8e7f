/**
 * The announcement made before any AWS call: who, where, how strict, and whether the
 * operation reads or mutates. Pure text; the CLI prints it on stderr, MCP sends it as a
 * CW_CTX_I0001 message.
 */
import type { ResolvedContext } from "./resolve.js";

export type OperationKind = "read" | "mutate";

export interface AnnouncementOptions {
  operation: OperationKind;
  /** What is about to happen, e.g. "inventory of EC2, EBS and S3". */
  summary: string;
}

export function renderAnnouncement(context: ResolvedContext, options: AnnouncementOptions): string[] {
  const { profile, account } = context;
  const accountLabel = account.alias ?? account.name;
  const profileNote =
    profile.source === "configured"
      ? ""
      : profile.source === "pattern"
        ? ` (classified by pattern ${profile.pattern ?? ""})`
        : " (not in the configuration)";
  const kind = options.operation === "read" ? "READ-ONLY" : "MUTATES";
  const rows: Array<[string, string]> = [
    ["profile", `${profile.name}${profileNote}`],
    ["account", accountLabel === undefined ? account.id : `${account.id} (${accountLabel})`],
    ["caller", context.callerArn],
    [context.regions.length === 1 ? "region" : "regions", context.regions.join(", ")],
    ["classification", context.classification],
    ["permissions", context.permissions],
    ["approval mode", context.approvalMode],
    [
      "operation",
      options.operation === "read" ? "READ-ONLY: nothing is changed" : "MUTATES: changes resources in AWS",
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `${kind}: ${options.summary}`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
  ];
  for (const warning of context.warnings) lines.push(`  ! ${warning.message}`);
  if (options.operation === "mutate" && context.isReadOnly) {
    lines.push(`  ! this context is read-only: the gate will refuse any change`);
  } else if (options.operation === "mutate" && !context.environment.directExecution) {
    lines.push(
      `  ! ${context.classification} is not changed directly: changes are delivered as IaC with a pull request`,
    );
  }
  return lines;
}
