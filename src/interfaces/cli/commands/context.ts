/** `aws-coworker context`: resolve and show profile, account, caller, regions, classification, permissions. */
import { Option, type Command } from "commander";
import type { CliEnv, GlobalOptions } from "../cli-env.js";

export function registerContextCommand(program: Command, cli: CliEnv): void {
  program
    .command("context")
    .description(
      "resolve and show the profile, account id and alias, caller ARN, regions, classification, permissions and approval mode (read-only)",
    )
    .option(
      "--regions <list>",
      "comma-separated region codes to check against the profile (default: its default region)",
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (opts: { regions?: string; format: "text" | "json" }, command: Command) => {
      const { openSession } = await import("../session.js");
      const { renderAnnouncement } = await import("../../../core/context/announce.js");
      const globals = command.optsWithGlobals<GlobalOptions>();
      const regions = opts.regions
        ?.split(",")
        .map((r) => r.trim())
        .filter(Boolean);
      const session = await openSession(
        globals,
        {
          operation: "read",
          summary: "resolve the context (sts:GetCallerIdentity, iam:ListAccountAliases)",
          regions,
        },
        cli,
      );
      try {
        const ctx = session.context;
        if (opts.format === "json") {
          cli.stdout(
            JSON.stringify(
              {
                profile: {
                  name: ctx.profile.name,
                  source: ctx.profile.source,
                  pattern: ctx.profile.pattern ?? null,
                },
                account: {
                  id: ctx.account.id,
                  alias: ctx.account.alias ?? null,
                  name: ctx.account.name ?? null,
                  source: ctx.account.source,
                },
                callerArn: ctx.callerArn,
                regions: ctx.regions,
                defaultRegion: ctx.defaultRegion,
                allowedRegions: ctx.profile.allowedRegions ?? null,
                classification: ctx.classification,
                permissions: ctx.permissions,
                approvalMode: ctx.approvalMode,
                environment: ctx.environment,
                isReadOnly: ctx.isReadOnly,
                emergencyOnly: ctx.emergencyOnly,
                warnings: ctx.warnings,
              },
              null,
              2,
            ) + "\n",
          );
        } else {
          cli.stdout(renderAnnouncement(ctx, { operation: "read", summary: "context" }).join("\n") + "\n");
          for (const w of ctx.warnings) cli.stderr(`warning: ${w.message}\n`);
        }
      } finally {
        await session.close();
      }
    });
}
