/**
 * The audit commands: `security`, `sg-audit`, `cleanup` and `review --pillar <pillar>`. Each
 * runs its checks over the profile's account or several (`--accounts`), in the default region,
 * `--regions` or `--regions all`, with the same announcement, plan, progress, journal
 * (`--resume`) and partial-failure handling as the inventory. Findings go to stdout (or --out)
 * as a table, JSON, Markdown, CSV or OCSF.
 *
 * Exit codes: 1 when a failed finding is at or above `--fail-on`; otherwise 4 when anything
 * could not be read (the checks that needed it are listed as not evaluated); 0 otherwise.
 */
import { Option, type Command } from "commander";
import type { AuditRecord } from "../../../core/audit/records.js";
import { PILLARS, type Pillar } from "../../../core/checks/check.js";
import { UsageError } from "../../../core/errors.js";
import { RESOURCE_TYPE_NAMES, unknownResourceTypes } from "../../../core/inventory/resource-record.js";
import { isAtLeast, SEVERITIES } from "../../../core/findings/severity.js";
import type { GlobalOptions } from "../cli-env.js";
import type { Session } from "../session.js";
import {
  describeAccounts,
  openScanJournal,
  parseAccounts,
  parseFailOn,
  parseRegionsOption,
  parseRole,
  scanDepsOf,
  scanOptionsOf,
  useColor,
  withScopeOptions,
  writeResult,
  type ScanCommandDeps,
  type ScanCommandOptions,
  type ScanSession,
} from "./scan-command.js";

export type AuditSession = ScanSession & Pick<Session, "config">;

export type AuditCommandDeps = ScanCommandDeps<AuditSession>;

interface AuditCommandOptions extends ScanCommandOptions {
  format: "table" | "json" | "markdown" | "csv" | "ocsf";
  failOn?: string;
  pillar?: string;
  types?: string;
}

type AuditWorkflow = "security" | "sg-audit" | "tag-compliance" | "cleanup" | "review";

const COMMANDS: readonly { workflow: AuditWorkflow; description: string; summary: string }[] = [
  {
    workflow: "security",
    description:
      "check the security posture: public S3, security groups, IAM, CloudTrail, encryption, RDS exposure (read-only)",
    summary: "security audit",
  },
  {
    workflow: "sg-audit",
    description:
      "audit security groups: internet exposure by port, wide port ranges, unused groups, redundant rules (read-only)",
    summary: "security group audit",
  },
  {
    workflow: "tag-compliance",
    description:
      "check tags against the tagging policy (tagging.required): missing and invalid tags, compliance per type, account and region, suggested values (read-only)",
    summary: "tag compliance audit",
  },
  {
    workflow: "cleanup",
    description:
      "find unused resources with their monthly cost: unattached volumes, idle IPs and load balancers, old snapshots, orphaned interfaces, long-stopped instances (read-only; deletes nothing)",
    summary: "unused-resource audit",
  },
  {
    workflow: "review",
    description:
      "Well-Architected review of one pillar: the checks that serve it, with pillar-specific recommendations (read-only)",
    summary: "Well-Architected review",
  },
];

/** `--pillar` names as people type them, to the framework's pillars. */
const PILLAR_ALIASES: Readonly<Record<string, Pillar>> = {
  security: "security",
  reliability: "reliability",
  cost: "cost-optimization",
  "cost-optimization": "cost-optimization",
  "operational-excellence": "operational-excellence",
  operations: "operational-excellence",
  performance: "performance-efficiency",
  "performance-efficiency": "performance-efficiency",
  sustainability: "sustainability",
};

export function registerAuditCommands(program: Command, deps: AuditCommandDeps): void {
  for (const spec of COMMANDS) {
    const command = withScopeOptions(program.command(spec.workflow).description(spec.description));
    if (spec.workflow === "tag-compliance") {
      command.option(
        "--types <list>",
        "comma-separated resource types as service:type, e.g. ec2:instance,s3:bucket (default: every type inventoried; what AWS creates and manages for you is left out)",
      );
    }
    if (spec.workflow === "review") {
      command.requiredOption(
        "--pillar <pillar>",
        "the pillar to review: security, reliability, cost, operational-excellence, performance, sustainability",
      );
    }
    command
      .addOption(
        new Option("--format <format>", "output format (ocsf: OCSF Detection Finding JSON)")
          .choices(["table", "json", "markdown", "csv", "ocsf"])
          .default("table"),
      )
      .option(
        "--fail-on <severity>",
        `exit 1 when a failed finding is at or above this severity: ${SEVERITIES.join(", ")}`,
      )
      .option("--out <file>", "write the result to FILE instead of stdout")
      .option("-y, --yes", "start work estimated past the approval threshold without asking")
      .option(
        "--resume [run-id]",
        "re-use the partitions a run finished (default: the latest unfinished run of the same scope)",
      )
      .option("-q, --quiet", "no progress on stderr")
      .action(async (opts: AuditCommandOptions, cmd: Command) => runAuditCommand(spec, opts, cmd, deps));
  }
}

async function runAuditCommand(
  spec: (typeof COMMANDS)[number],
  opts: AuditCommandOptions,
  command: Command,
  deps: AuditCommandDeps,
): Promise<void> {
  // Checked before anything heavy loads or the session opens.
  const regions = await parseRegionsOption(opts.regions);
  const accounts = parseAccounts(opts.accounts);
  const role = parseRole(opts.role);
  const failOn = parseFailOn(opts.failOn, "findings");
  const pillar = spec.workflow === "review" ? parsePillar(opts.pillar) : undefined;
  const types =
    opts.types === undefined
      ? undefined
      : [
          ...new Set(
            opts.types
              .split(",")
              .map((t) => t.trim().toLowerCase())
              .filter((t) => t !== ""),
          ),
        ];
  const unknownTypes = unknownResourceTypes(types ?? []);
  if (unknownTypes.length > 0 || (types !== undefined && types.length === 0)) {
    throw new UsageError(
      types?.length === 0
        ? "--types is empty"
        : `unknown resource type ${unknownTypes.map((t) => `"${t}"`).join(", ")} in --types`,
      {
        code: "UnknownResourceType",
        hint: `Write service:type separated by commas, e.g. --types ec2:instance,s3:bucket. Types: ${RESOURCE_TYPE_NAMES.join(", ")}.`,
      },
    );
  }
  const globals = command.optsWithGlobals<GlobalOptions>();
  if (opts.quiet === true) globals.quiet = true;
  const { runAudit } = await import("../../../workflows/audit/index.js");
  const { scanSensitiveReads } = await import("../../../workflows/scan/run-scan.js");
  const { scanJournal } = await import("../../../workflows/scan/scan-journal.js");
  const { renderAudit } = await import("../../../report/findings/index.js");
  const { auditSettingsOf } = await import("../../../core/checks/settings.js");
  const { isExpired } = await import("../../../core/findings/suppression.js");

  const what = pillar === undefined ? spec.summary : `${spec.summary} of the ${pillar} pillar`;
  const session = await deps.openSession(globals, {
    operation: "read",
    summary: `${what}${describeAccounts(accounts, role)}`,
    regions,
    declaredSensitiveReads: (caller) => scanSensitiveReads(accounts, caller),
  });
  try {
    session.announce();
    const today = new Date().toISOString().slice(0, 10);
    const suppressions = session.config.checks.suppressions;
    const expired = suppressions.filter((s) => isExpired(s, today));
    if (expired.length > 0) {
      session.io.notify({
        code: "CW_AUD_W0001",
        level: "warn",
        message: `${expired.length} suppression${expired.length === 1 ? " has" : "s have"} expired and no longer ${expired.length === 1 ? "applies" : "apply"}: ${expired.map((s) => `${s.check} ${s.resource} (expired ${s.expires ?? ""})`).join("; ")}`,
        data: expired,
      });
    }
    const journal = scanJournal<AuditRecord>(
      await openScanJournal(
        session,
        spec.workflow,
        {
          accounts,
          regions,
          role,
          extra: { pillar: pillar ?? null, types: types === undefined ? null : [...types].sort() },
          extraLabel: [
            ...(pillar === undefined ? [] : [`--pillar ${pillar}`]),
            ...(types === undefined ? [] : [`--types ${types.join(",")}`]),
          ],
        },
        opts.resume,
      ),
    );
    const result = await runAudit(
      {
        workflow: spec.workflow,
        ...(pillar !== undefined && { pillar }),
        ...(types !== undefined && { types }),
        ...scanOptionsOf(session, { regions, accounts, role }),
        settings: auditSettingsOf(session.config),
        suppressions,
      },
      scanDepsOf(session, journal, {
        yes: opts.yes,
        narrowHint: "--accounts or --regions",
        signal: deps.signal,
      }),
    );
    session.io.finish();
    const text = renderAudit(result, { format: opts.format, color: useColor(deps, globals, opts.out) });
    await writeResult(deps, opts.out, text, `the ${spec.summary} (${result.findings.length} findings)`);
    if (spec.workflow === "cleanup" && result.summary.failed > 0) {
      deps.stderr(
        `nothing was deleted: this audit only reads. Each check's fix is in --format markdown; review the findings (and suppress what you keep) before acting on them; \`aws-coworker plan create cleanup\` (or --from-findings <this JSON>) drafts the deletions as a plan to approve.\n`,
      );
    }
    const gating =
      failOn === undefined
        ? []
        : result.findings.filter((f) => f.status === "fail" && isAtLeast(f.severity, failOn));
    if (gating.length > 0) {
      deps.stderr(
        `${gating.length} finding${gating.length === 1 ? "" : "s"} at or above ${failOn} (--fail-on)\n`,
      );
      deps.setExitCode(1);
    } else if (result.failures.length > 0) {
      deps.stderr(
        `the ${spec.summary} is partial: ${result.failures.length} not read (their checks are listed as not evaluated); read only what is missing with --resume ${result.runId ?? ""}\n`,
      );
      deps.setExitCode(4);
    }
  } finally {
    await session.close();
  }
}

function parsePillar(value: string | undefined): Pillar {
  const v = (value ?? "").trim().toLowerCase();
  const pillar = PILLAR_ALIASES[v];
  if (pillar === undefined) {
    throw new UsageError(`"${value ?? ""}" is not a Well-Architected pillar in --pillar`, {
      code: "InvalidPillar",
      hint: `Pass one of security, reliability, cost, operational-excellence, performance, sustainability (or the full names: ${PILLARS.join(", ")}).`,
    });
  }
  return pillar;
}
