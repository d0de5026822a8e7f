import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { callerFor, collectPages, expectAwsError, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();

describe("IAM", () => {
  const call = callerFor(sandboxOf(estate, { pageSize: 2 }), "demo-dev");
  const users = estate.accounts[2]?.iam.users ?? [];

  it("ListAccountAliases answers the account alias", async () => {
    expect(await call("iam", "ListAccountAliases")).toEqual({
      AccountAliases: ["northwind-dev"],
      IsTruncated: false,
    });
  });

  it("ListUsers pages with IsTruncated and Marker, every user once, with Date fields", async () => {
    const { items, pages } = await collectPages(async (token) => {
      const out = await call("iam", "ListUsers", token === undefined ? {} : { Marker: token });
      expect(out.IsTruncated).toBe(out.Marker !== undefined);
      return {
        items: out.Users as { UserName: string; CreateDate: Date }[],
        next: out.Marker as string | undefined,
      };
    });
    expect(pages).toBe(2);
    expect(items.map((u) => u.UserName)).toEqual(users.map((u) => u.userName));
    expect(items[0]?.CreateDate).toBeInstanceOf(Date);
  });

  it("refuses MaxItems out of 1–1000 and a bad Marker with ValidationError", async () => {
    await expectAwsError(call("iam", "ListUsers", { MaxItems: 0 }), "ValidationError");
    await expectAwsError(call("iam", "ListUsers", { Marker: "bogus" }), "ValidationError");
  });

  it("ListMFADevices, ListAccessKeys and GetAccessKeyLastUsed describe a user's credentials", async () => {
    expect(await call("iam", "ListMFADevices", { UserName: "jdoe" })).toEqual({
      MFADevices: [],
      IsTruncated: false,
    });
    const keys = await call("iam", "ListAccessKeys", { UserName: "legacy-reporting" });
    expect(keys.AccessKeyMetadata).toMatchObject([
      { AccessKeyId: "AKIANWDEMOUNUSED0001", Status: "Active", CreateDate: expect.any(Date) },
    ]);
    expect(await call("iam", "GetAccessKeyLastUsed", { AccessKeyId: "AKIANWDEMOUNUSED0001" })).toEqual({
      UserName: "legacy-reporting",
      AccessKeyLastUsed: { ServiceName: "N/A", Region: "N/A" },
    });
    await expectAwsError(call("iam", "ListAccessKeys", { UserName: "nobody" }), "NoSuchEntity", 404);
    await expectAwsError(call("iam", "ListAccessKeys", {}), "ValidationError");
  });

  it("GetAccountSummary counts users, roles and root MFA", async () => {
    const out = await call("iam", "GetAccountSummary");
    expect(out.SummaryMap).toMatchObject({
      Users: users.length,
      AccountMFAEnabled: 1,
      Roles: estate.accounts[2]?.iam.roles.length,
    });
  });

  it("answers from any region (IAM is global)", async () => {
    expect(await call("iam", "ListAccountAliases", {}, "af-south-1")).toMatchObject({
      AccountAliases: ["northwind-dev"],
    });
  });
});

describe("Organizations", () => {
  it("DescribeOrganization names the management account, from any member", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    const out = await call("organizations", "DescribeOrganization");
    expect(out.Organization).toMatchObject({
      MasterAccountId: "111111111111",
      FeatureSet: "ALL",
      Id: expect.stringMatching(/^o-[a-z0-9]{10}$/),
    });
  });

  it("ListAccounts pages every account once for the management account", async () => {
    const call = callerFor(sandboxOf(estate, { pageSize: 2 }), "demo-mgmt");
    const { items, pages } = await collectPages(async (token) => {
      const out = await call(
        "organizations",
        "ListAccounts",
        token === undefined ? {} : { NextToken: token },
      );
      return {
        items: out.Accounts as { Id: string; JoinedTimestamp: Date }[],
        next: out.NextToken as string | undefined,
      };
    });
    expect(pages).toBe(3);
    expect(items.map((a) => a.Id)).toEqual(estate.accounts.map((a) => a.id));
    expect(items[0]?.JoinedTimestamp).toBeInstanceOf(Date);
    await expectAwsError(call("organizations", "ListAccounts", { NextToken: "x" }), "InvalidInputException");
    await expectAwsError(call("organizations", "ListAccounts", { MaxResults: 21 }), "InvalidInputException");
  });

  it("ListAccounts is refused to member accounts", async () => {
    const call = callerFor(sandboxOf(estate), "demo-prod");
    await expectAwsError(call("organizations", "ListAccounts"), "AccessDeniedException");
  });

  it("answers AWSOrganizationsNotInUseException when the estate has no organization", async () => {
    const { organization: _drop, ...standalone } = estate;
    const call = callerFor(sandboxOf(standalone), "demo-dev");
    await expectAwsError(call("organizations", "DescribeOrganization"), "AWSOrganizationsNotInUseException");
  });
});
