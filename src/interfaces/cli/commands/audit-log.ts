/** `aws-coworker audit-log verify`: check the audit log's hash chain. */
import type { Command } from "commander";
import type { CliEnv, GlobalOptions } from "../cli-env.js";

export function registerAuditLogCommands(program: Command, cli: CliEnv): void {
  const auditLog = program
    .command("audit-log")
    .description("inspect the append-only, hash-chained audit log of every AWS call the tool made");

  auditLog
    .command("verify")
    .description("check the hash chain; names the first record that was edited, removed or reordered")
    .option("--file <path>", "the audit log to verify (default: <workspace>/audit/audit-log.jsonl)")
    .option("--format <format>", "text or json", "text")
    .action(async (opts: { file?: string; format: string }, command: Command) => {
      const { verifyAuditLog } = await import("../../../aws/audit-log/verify.js");
      const { resolveWorkspace } = await import("../workspace.js");
      const { UsageError } = await import("../../../core/errors.js");
      if (opts.format !== "text" && opts.format !== "json") {
        throw new UsageError(`--format "${opts.format}" is not supported`, {
          hint: "use --format text or --format json",
        });
      }
      const globals = command.optsWithGlobals<GlobalOptions>();
      const file = opts.file ?? (await resolveWorkspace(globals, cli)).auditLogFile;
      const result = await verifyAuditLog(file);
      if (opts.format === "json") {
        cli.stdout(JSON.stringify(result, null, 2) + "\n");
      } else if (result.ok) {
        cli.stdout(
          result.records === 0
            ? `ok: ${file} has no records yet\n`
            : `ok: ${result.records} records, hash chain intact (last hash ${result.lastHash.slice(0, 16)}…)\n`,
        );
      } else {
        cli.stdout(
          `BROKEN: ${file} line ${result.line}${result.seq === undefined ? "" : ` (record ${result.seq})`}: ${result.problem}\n` +
            `${result.validRecords} records before it verify.\n`,
        );
      }
      if (!result.ok) cli.setExitCode?.(1);
    });
}
