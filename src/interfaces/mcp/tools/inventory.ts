/** `inventory`: the resources of one or several accounts and regions (reads only). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { INVENTORY_SERVICES } from "../../../core/inventory/inventory-result.js";
import {
  accountsArg,
  guarded,
  openToolSession,
  partialNote,
  profileArg,
  regionsArg,
  regionsOf,
  roleArg,
  scanOutputShape,
  toolResult,
  resumeArg,
  yesArg,
  type McpServerOptions,
} from "../tool-support.js";

export function registerInventoryTool(server: McpServer, options: McpServerOptions): void {
  server.registerTool(
    "inventory",
    {
      title: "Inventory",
      description: `List the resources (${INVENTORY_SERVICES.join(", ")}) of the profile's account, or of several accounts of the organisation, in one or more regions. Reads only; partitions that could not be read are listed in failures.`,
      inputSchema: {
        profile: profileArg,
        regions: regionsArg,
        accounts: accountsArg,
        role: roleArg,
        services: z.array(z.enum(INVENTORY_SERVICES)).min(1).optional().describe("default: all"),
        yes: yesArg,
        resume: resumeArg,
      },
      outputSchema: z.looseObject({
        ...scanOutputShape,
        services: z.array(z.string()),
        summary: z.looseObject({ totalsByAccount: z.record(z.string(), z.number()) }),
        resources: z.array(
          z.looseObject({ arn: z.string(), type: z.string(), account: z.string(), region: z.string() }),
        ),
      }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args, extra) =>
      guarded(async () => {
        const regions = await regionsOf(args.regions);
        const { runInventory, inventorySensitiveReads } =
          await import("../../../workflows/inventory/index.js");
        const { inventoryJournal } = await import("../../../workflows/inventory/inventory-journal.js");
        const { openScanJournal, scanDepsOf, scanOptionsOf, describeAccounts } =
          await import("../../cli/commands/scan-command.js");
        const session = await openToolSession(
          options,
          args.profile,
          {
            operation: "read",
            summary: `inventory${describeAccounts(args.accounts, args.role)}`,
            regions,
            declaredSensitiveReads: (caller) => inventorySensitiveReads(args.accounts, caller),
          },
          extra,
        );
        try {
          const journal = inventoryJournal(
            await openScanJournal(
              session,
              "inventory",
              {
                accounts: args.accounts,
                regions,
                role: args.role,
                extra: { services: args.services === undefined ? null : [...args.services].sort() },
                extraLabel: args.services === undefined ? [] : [`--services ${args.services.join(",")}`],
              },
              args.resume,
            ),
          );
          const result = await runInventory(
            {
              ...scanOptionsOf(session, { regions, accounts: args.accounts, role: args.role }),
              ...(args.services !== undefined && { services: args.services }),
            },
            scanDepsOf(session, journal, {
              yes: args.yes,
              narrowHint: "accounts, regions or services",
              signal: extra.signal,
            }),
          );
          const byType = new Map<string, number>();
          for (const r of result.resources) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
          const text = `Inventory of ${result.accounts.length} account${result.accounts.length === 1 ? "" : "s"} in ${result.regions.join(", ")}: ${result.resources.length} resources (${[...byType].map(([t, n]) => `${n} ${t}`).join(", ")}).${partialNote(result.failures, result.runId)}`;
          return toolResult(text, { announcement: session.announcement, ...result });
        } finally {
          await session.close();
        }
      }),
  );
}
