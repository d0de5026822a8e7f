/** `--services ec2,s3`: the inventory services named on the command line. */
import { closestMatches } from "../../../core/closest.js";
import { UsageError } from "../../../core/errors.js";
import { INVENTORY_SERVICES, isInventoryService } from "../../../core/inventory/inventory-result.js";
import type { InventoryService } from "../../../core/inventory/resource-record.js";

export function parseServices(list: string): InventoryService[] {
  const names = [
    ...new Set(
      list
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s !== ""),
    ),
  ];
  const unknown = names.filter((s) => !isInventoryService(s));
  if (unknown.length > 0) {
    const suggestions = [...new Set(unknown.flatMap((s) => closestMatches(s, INVENTORY_SERVICES)))];
    throw new UsageError(`unknown service ${unknown.map((s) => `"${s}"`).join(", ")} in --services`, {
      code: "UnknownService",
      hint:
        (suggestions.length > 0 ? `did you mean ${suggestions.join(" or ")}? ` : "") +
        `The inventory covers ${INVENTORY_SERVICES.join(", ")}.`,
    });
  }
  if (names.length === 0) {
    throw new UsageError("--services is empty", {
      hint: `Name one or more of ${INVENTORY_SERVICES.join(", ")}.`,
    });
  }
  return names as InventoryService[];
}
