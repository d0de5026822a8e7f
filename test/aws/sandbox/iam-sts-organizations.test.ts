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
    expect(users.length).toBeGreaterThan(2);
    expect(pages).toBe(Math.ceil(users.length / 2));
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

  it("ListRoles pages every role exactly once, with the trust policy URL-encoded", async () => {
    const roles = estate.accounts[2]?.iam.roles ?? [];
    const { items, pages } = await collectPages(async (token) => {
      const out = await call("iam", "ListRoles", token === undefined ? {} : { Marker: token });
      return {
        items: out.Roles as { RoleName: string; AssumeRolePolicyDocument: string }[],
        next: out.Marker as string | undefined,
      };
    });
    expect(pages).toBe(Math.ceil(roles.length / 2));
    expect(items.map((r) => r.RoleName)).toEqual(roles.map((r) => r.roleName));
    const oaar = items.find((r) => r.RoleName === "OrganizationAccountAccessRole");
    expect(JSON.parse(decodeURIComponent(oaar?.AssumeRolePolicyDocument ?? ""))).toMatchObject({
      Statement: [
        { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "sts:AssumeRole" },
      ],
    });
  });

  it("ListPolicies with Scope Local pages the customer managed policies exactly once, with attachment counts", async () => {
    const policies = estate.accounts[2]?.iam.policies ?? [];
    const { items } = await collectPages(async (token) => {
      const out = await call("iam", "ListPolicies", {
        Scope: "Local",
        MaxItems: 1,
        ...(token === undefined ? {} : { Marker: token }),
      });
      return {
        items: out.Policies as {
          PolicyName: string;
          Arn: string;
          AttachmentCount: number;
          DefaultVersionId: string;
        }[],
        next: out.Marker as string | undefined,
      };
    });
    expect(items.map((p) => p.PolicyName)).toEqual(policies.map((p) => p.policyName));
    expect(items).toContainEqual(
      expect.objectContaining({
        PolicyName: "legacy-reporting-read",
        Arn: "arn:aws:iam::333333333333:policy/legacy-reporting-read",
        AttachmentCount: 1,
        DefaultVersionId: "v1",
        IsAttachable: true,
        CreateDate: expect.any(Date),
      }),
    );
    expect(items.find((p) => p.PolicyName === "dev-temp-admin-2025")?.AttachmentCount).toBe(0);
  });

  it("ListPolicies honours OnlyAttached, PathPrefix and Scope AWS / All", async () => {
    const names = async (input: Record<string, unknown>) =>
      (
        (await call("iam", "ListPolicies", { MaxItems: 1000, ...input })).Policies as { PolicyName: string }[]
      ).map((p) => p.PolicyName);
    expect(await names({ Scope: "Local", OnlyAttached: true })).not.toContain("dev-temp-admin-2025");
    expect(await names({ Scope: "Local", PathPrefix: "/northwind/" })).toEqual(["NorthwindRequireTags"]);
    const aws = await names({ Scope: "AWS" });
    expect(aws).toEqual(
      expect.arrayContaining(["PowerUserAccess", "AdministratorAccess", "AWSLambdaBasicExecutionRole"]),
    );
    expect((await names({})).length).toBe(aws.length + (estate.accounts[2]?.iam.policies.length ?? 0));
    await expectAwsError(call("iam", "ListPolicies", { Scope: "Mine" }), "ValidationError");
  });

  it("ListUserTags, ListRoleTags and ListPolicyTags answer tags, NoSuchEntity when missing", async () => {
    const stg = callerFor(sandboxOf(estate), "demo-staging");
    // The builders tag what they create; the estate's last step completes the standard tags.
    expect(await stg("iam", "ListUserTags", { UserName: "contractor-alex", MaxItems: 10 })).toEqual({
      Tags: [
        { Key: "Company", Value: "Contoso Consulting" },
        { Key: "Name", Value: "contractor-alex" },
        { Key: "Owner", Value: "platform-team" },
        { Key: "Environment", Value: "staging" },
        { Key: "CostCenter", Value: "CC-4040" },
        { Key: "Application", Value: "identity" },
      ],
      IsTruncated: false,
    });
    expect(await stg("iam", "ListRoleTags", { RoleName: "PlatformEngineer", MaxItems: 10 })).toEqual({
      Tags: [
        { Key: "Name", Value: "PlatformEngineer" },
        { Key: "Owner", Value: "platform-team" },
        { Key: "Environment", Value: "staging" },
        { Key: "CostCenter", Value: "CC-4040" },
        { Key: "Application", Value: "identity" },
      ],
      IsTruncated: false,
    });
    expect(
      await stg("iam", "ListPolicyTags", {
        PolicyArn: "arn:aws:iam::444444444444:policy/northwind/NorthwindRequireTags",
        MaxItems: 10,
      }),
    ).toEqual({
      Tags: [
        { Key: "Name", Value: "NorthwindRequireTags" },
        { Key: "Owner", Value: "platform-team" },
        { Key: "Environment", Value: "staging" },
        { Key: "CostCenter", Value: "CC-4040" },
        { Key: "Application", Value: "identity" },
      ],
      IsTruncated: false,
    });
    expect(
      await stg("iam", "ListPolicyTags", { PolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }),
    ).toEqual({
      Tags: [],
      IsTruncated: false,
    });
    await expectAwsError(stg("iam", "ListUserTags", { UserName: "nobody" }), "NoSuchEntity", 404);
    await expectAwsError(stg("iam", "ListRoleTags", { RoleName: "Nobody" }), "NoSuchEntity", 404);
    await expectAwsError(
      stg("iam", "ListPolicyTags", { PolicyArn: "arn:aws:iam::444444444444:policy/none" }),
      "NoSuchEntity",
      404,
    );
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
