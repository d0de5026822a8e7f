/** How the CLI prints an error: the message and the fix; a stack trace only with --debug. */
import pc from "picocolors";
import { AbortError, CoworkerError, exitCodeFor } from "../../core/errors.js";

export function formatError(
  error: unknown,
  options: { debug: boolean; color: boolean },
): { text: string; exitCode: number } {
  const colors = pc.createColors(options.color);
  const exitCode = exitCodeFor(error);
  if (error instanceof AbortError) {
    return { text: `${error.message}\n`, exitCode };
  }
  const lines: string[] = [];
  if (error instanceof CoworkerError) {
    const label = exitCode === 3 ? colors.yellow("refused: ") : colors.red("error: ");
    lines.push(`${label}${error.message}`);
    if (error.hint) lines.push(`  ${colors.dim("→")} ${error.hint}`);
  } else {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    lines.push(`${colors.red("internal error: ")}${message}`);
    if (!options.debug)
      lines.push("  → this is a bug in AWS Coworker; run again with --debug for details and report it");
  }
  if (options.debug && error instanceof Error && error.stack) {
    lines.push(colors.dim(error.stack));
    let cause = error.cause;
    while (cause instanceof Error) {
      lines.push(colors.dim(`caused by: ${cause.stack ?? cause.message}`));
      cause = cause.cause;
    }
  }
  return { text: lines.join("\n") + "\n", exitCode };
}
