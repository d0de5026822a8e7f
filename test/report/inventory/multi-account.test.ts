import { describe, expect, test } from "vitest";
import {
  renderInventoryCsv,
  renderInventoryMarkdown,
  renderInventoryTable,
} from "../../../src/report/inventory/index.js";
import { multiAccountResult } from "../../_helpers/inventory-fixtures.js";

describe("multi-account inventory reports", () => {
  test("the table lists the accounts, a summary per account × service × region with a global column, and the coverage", () => {
    const text = renderInventoryTable(multiAccountResult(), { color: false });
    expect(text).toContain("Inventory of 3 accounts (profile's account 111111111111)");
    expect(text).toMatch(/│ 111111111111 \(Mgmt\)\s+│ profile/);
    expect(text).toMatch(/│ 222222222222 \(Sandbox\)\s+│ role OrganizationAccountAccessRole/);
    expect(text).toMatch(
      /│ 333333333333 \(Dev\)\s+│ role OrganizationAccountAccessRole\s+│\s+0 │\s+0 │ unreachable/,
    );
    // account 111111111111 has no eu-west-1: "-", not 0
    expect(text).toMatch(/│ 111111111111 │ EC2\s+│\s+1 │\s+- │\s+- │\s+1 │/);
    expect(text).toMatch(/│\s+│ IAM\s+│\s+- │\s+- │\s+1 │\s+1 │/);
    expect(text).toContain("PARTIAL RESULT: 1 account was unreachable");
    expect(text).toContain("Read 5 of 5 partitions; 2 of them were read and found empty.");
    expect(text).toContain("Not read, not opted in (account 222222222222): af-south-1.");
    expect(text).toMatch(/│ 333333333333 │ -\s+│ \(account: sts:AssumeRole\) │ not permitted │ AccessDenied/);
    // details carry the account
    expect(text).toMatch(/│ 222222222222 │ i-2\s+│/);
  });

  test("Markdown has the same sections", () => {
    const md = renderInventoryMarkdown(multiAccountResult());
    expect(md).toContain("# Inventory of 3 accounts");
    expect(md).toContain("## Accounts");
    expect(md).toContain("| Account | Service | us-east-1 | eu-west-1 | global | Total |");
    expect(md).toContain("| 222222222222 | EC2 | 0 | 1 | - | 1 |");
    expect(md).toContain("## Coverage");
    expect(md).toContain("| 333333333333 | - | (account: sts:AssumeRole) | not permitted | AccessDenied |");
  });

  test("CSV has a row for the unreachable account and for the region not opted in", () => {
    const lines = renderInventoryCsv(multiAccountResult()).trimEnd().split("\r\n");
    expect(
      lines.some((l) =>
        l.startsWith('333333333333,,,account-failure,333333333333,,not-permitted,,,"AccessDenied'),
      ),
    ).toBe(true);
    expect(lines).toContain(
      "222222222222,af-south-1,,region-skipped,222222222222/af-south-1,,not-opted-in,,,",
    );
  });
});
