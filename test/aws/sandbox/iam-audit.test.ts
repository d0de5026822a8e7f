import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { callerFor, collectPages, expectAwsError, fakeTime, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();
const decode = (s: unknown): unknown => JSON.parse(decodeURIComponent(s as string));

describe("IAM password policy and account summary", () => {
  it("GetAccountPasswordPolicy answers the policy, or NoSuchEntity (404) naming the account", async () => {
    const sandbox = sandboxOf(estate);
    expect(await callerFor(sandbox, "demo-prod")("iam", "GetAccountPasswordPolicy")).toEqual({
      PasswordPolicy: {
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        ExpirePasswords: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 24,
        HardExpiry: false,
      },
    });
    const weak = await callerFor(sandbox, "demo-staging")("iam", "GetAccountPasswordPolicy");
    expect(weak.PasswordPolicy).toMatchObject({ MinimumPasswordLength: 8, RequireSymbols: false });
    expect(weak.PasswordPolicy).not.toHaveProperty("PasswordReusePrevention");
    const e = await expectAwsError(
      callerFor(sandbox, "demo-sandbox")("iam", "GetAccountPasswordPolicy"),
      "NoSuchEntity",
      404,
    );
    expect(e.message).toBe("The Password Policy with domain name 222222222222 cannot be found.");
  });

  it("GetAccountSummary follows the root user's MFA and access keys", async () => {
    const sandbox = sandboxOf(estate);
    const summary = async (profile: string) =>
      (await callerFor(sandbox, profile)("iam", "GetAccountSummary")).SummaryMap as Record<string, number>;
    expect(await summary("demo-dev")).toMatchObject({ AccountAccessKeysPresent: 1, AccountMFAEnabled: 1 });
    expect(await summary("demo-sandbox")).toMatchObject({
      AccountAccessKeysPresent: 0,
      AccountMFAEnabled: 0,
    });
    expect((await summary("demo-dev")).Groups).toBe(2);
  });
});

describe("IAM credential report", () => {
  it("is ReportNotPresent (410) before generation, STARTED then COMPLETE, and expires after 4 hours", async () => {
    const time = fakeTime();
    const sandbox = sandboxOf(estate, { clock: time.clock, sleep: time.sleep });
    const call = callerFor(sandbox, "demo-dev");
    await expectAwsError(call("iam", "GetCredentialReport"), "ReportNotPresent", 410);
    expect(await call("iam", "GenerateCredentialReport")).toEqual({
      State: "STARTED",
      Description: "No report exists. Starting a new report generation task",
    });
    expect(await call("iam", "GenerateCredentialReport")).toEqual({ State: "COMPLETE" });
    const report = await call("iam", "GetCredentialReport");
    expect(report.ReportFormat).toBe("text/csv");
    expect(report.GeneratedTime).toEqual(new Date(time.clock()));
    expect(report.Content).toBeInstanceOf(Uint8Array);
    time.advance(4 * 3_600_000);
    await expectAwsError(call("iam", "GetCredentialReport"), "ReportExpired", 410);
    expect(await call("iam", "GenerateCredentialReport")).toMatchObject({ State: "STARTED" });
    await call("iam", "GetCredentialReport");
  });

  it("has AWS's columns, the root account first, and N/A, no_information and not_supported as AWS uses them", async () => {
    const sandbox = sandboxOf(estate);
    const call = callerFor(sandbox, "demo-dev");
    await call("iam", "GenerateCredentialReport");
    const csv = new TextDecoder().decode((await call("iam", "GetCredentialReport")).Content as Uint8Array);
    const [header, ...lines] = csv.split("\n");
    expect(header).toBe(
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
    );
    const columns = (header ?? "").split(",");
    const rows = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [columns[i], v])));
    const dev = estate.accounts[2];
    expect(rows).toHaveLength(1 + (dev?.iam.users.length ?? 0));
    expect(rows[0]).toMatchObject({
      user: "<root_account>",
      arn: "arn:aws:iam::333333333333:root",
      password_enabled: "not_supported",
      password_last_changed: "not_supported",
      password_next_rotation: "not_supported",
      mfa_active: "true",
      access_key_1_active: "true",
      access_key_2_active: "false",
      access_key_2_last_rotated: "N/A",
      cert_1_active: "false",
    });
    const jdoe = rows.find((r) => r.user === "jdoe");
    expect(jdoe).toMatchObject({
      arn: "arn:aws:iam::333333333333:user/jdoe",
      password_enabled: "true",
      mfa_active: "false",
      access_key_1_active: "false",
      access_key_1_last_rotated: "N/A",
    });
    expect(jdoe?.password_last_used).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    expect(jdoe?.password_next_rotation).toMatch(/\+00:00$/);
    const unused = rows.find((r) => r.user === "legacy-reporting");
    expect(unused).toMatchObject({
      password_enabled: "false",
      password_last_used: "N/A",
      password_last_changed: "N/A",
      access_key_1_active: "true",
      access_key_1_last_used_date: "N/A",
      access_key_1_last_used_service: "N/A",
    });
  });
});

describe("IAM authorization details", () => {
  it("pages users, groups, roles and policies together with MaxItems/Marker, each once", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    const dev = estate.accounts[2];
    const { items, pages } = await collectPages(async (token) => {
      const out = await call("iam", "GetAccountAuthorizationDetails", {
        MaxItems: 3,
        ...(token === undefined ? {} : { Marker: token }),
      });
      expect(out.IsTruncated).toBe(out.Marker !== undefined);
      const names = [
        ...(out.UserDetailList as { UserName: string }[]).map((u) => `user:${u.UserName}`),
        ...(out.GroupDetailList as { GroupName: string }[]).map((g) => `group:${g.GroupName}`),
        ...(out.RoleDetailList as { RoleName: string }[]).map((r) => `role:${r.RoleName}`),
        ...(out.Policies as { Arn: string }[]).map((p) => `policy:${p.Arn}`),
      ];
      expect(names.length).toBeLessThanOrEqual(3);
      return { items: names, next: out.Marker as string | undefined };
    });
    expect(pages).toBeGreaterThan(3);
    expect(new Set(items).size).toBe(items.length);
    expect(items.filter((n) => n.startsWith("user:"))).toHaveLength(dev?.iam.users.length ?? 0);
    expect(items.filter((n) => n.startsWith("role:"))).toHaveLength(dev?.iam.roles.length ?? 0);
    // Customer managed policies (attached or not) and the AWS managed policies in use.
    expect(items).toContain("policy:arn:aws:iam::333333333333:policy/dev-temp-admin-2025");
    expect(items).toContain("policy:arn:aws:iam::aws:policy/AdministratorAccess");
    expect(items).not.toContain("policy:arn:aws:iam::aws:policy/IAMFullAccess");
  });

  it("answers URL-encoded documents: trust policies with their condition, inline and managed policies", async () => {
    const prod = callerFor(sandboxOf(estate), "demo-prod");
    const roles = await prod("iam", "GetAccountAuthorizationDetails", { Filter: ["Role"], MaxItems: 1000 });
    expect(roles.UserDetailList).toEqual([]);
    const vendor = (roles.RoleDetailList as Record<string, unknown>[]).find(
      (r) => r.RoleName === "vendor-monitoring-access",
    );
    expect(decode(vendor?.AssumeRolePolicyDocument)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::999988887777:root" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": "northwind-prod-7f3a9c" } },
        },
      ],
    });
    expect(vendor?.AttachedManagedPolicies).toEqual([
      { PolicyName: "SecurityAudit", PolicyArn: "arn:aws:iam::aws:policy/SecurityAudit" },
    ]);
    expect(vendor?.RoleLastUsed).toMatchObject({ LastUsedDate: expect.any(Date), Region: "us-east-1" });

    const dev = callerFor(sandboxOf(estate), "demo-dev");
    const out = await dev("iam", "GetAccountAuthorizationDetails", { MaxItems: 1000 });
    const ops = (out.UserDetailList as Record<string, unknown>[]).find((u) => u.UserName === "ops-lead");
    expect(ops).toMatchObject({
      GroupList: ["platform-admins"],
      AttachedManagedPolicies: [],
      UserPolicyList: [],
    });
    const developers = (out.GroupDetailList as Record<string, unknown>[]).find(
      (g) => g.GroupName === "developers",
    );
    expect(developers?.GroupId).toMatch(/^AGPA[A-Z0-9]{16}$/);
    const inline = (developers?.GroupPolicyList as { PolicyName: string; PolicyDocument: string }[])[0];
    expect(inline?.PolicyName).toBe("developers-self-service");
    expect(inline?.PolicyDocument).toContain("%22");
    expect(decode(inline?.PolicyDocument)).toMatchObject({ Statement: [{ Effect: "Allow" }] });
    const admin = (out.Policies as Record<string, unknown>[]).find(
      (p) => p.Arn === "arn:aws:iam::aws:policy/AdministratorAccess",
    );
    expect(admin).toMatchObject({ DefaultVersionId: "v1", AttachmentCount: 2 });
    const versions = admin?.PolicyVersionList as { Document: string; IsDefaultVersion: boolean }[];
    expect(versions).toHaveLength(1);
    expect(decode(versions[0]?.Document)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    });
  });

  it("refuses an unknown Filter value and MaxItems out of 1–1000 with ValidationError", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    await expectAwsError(
      call("iam", "GetAccountAuthorizationDetails", { Filter: ["Users"] }),
      "ValidationError",
    );
    await expectAwsError(
      call("iam", "GetAccountAuthorizationDetails", { MaxItems: 1001 }),
      "ValidationError",
    );
  });
});

describe("IAM policies of users, groups and roles", () => {
  const dev = callerFor(sandboxOf(estate), "demo-dev");

  it("GetPolicy and GetPolicyVersion answer customer and AWS managed policies", async () => {
    const temp = await dev("iam", "GetPolicy", {
      PolicyArn: "arn:aws:iam::333333333333:policy/dev-temp-admin-2025",
    });
    expect(temp.Policy).toMatchObject({
      PolicyName: "dev-temp-admin-2025",
      DefaultVersionId: "v1",
      AttachmentCount: 0,
      Description: "Temporary admin for the 2025 migration (no longer attached)",
    });
    const version = await dev("iam", "GetPolicyVersion", {
      PolicyArn: "arn:aws:iam::333333333333:policy/dev-temp-admin-2025",
      VersionId: "v1",
    });
    expect(decode((version.PolicyVersion as { Document: string }).Document)).toMatchObject({
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    });
    const power = await dev("iam", "GetPolicy", { PolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" });
    expect(power.Policy).toMatchObject({ DefaultVersionId: "v12", IsAttachable: true });
    const doc = await dev("iam", "GetPolicyVersion", {
      PolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
      VersionId: "v12",
    });
    expect(decode((doc.PolicyVersion as { Document: string }).Document)).toMatchObject({
      Statement: [
        { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
        {},
      ],
    });
    await expectAwsError(
      dev("iam", "GetPolicyVersion", {
        PolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
        VersionId: "v1",
      }),
      "NoSuchEntity",
      404,
    );
    await expectAwsError(
      dev("iam", "GetPolicy", { PolicyArn: "arn:aws:iam::333333333333:policy/nope" }),
      "NoSuchEntity",
      404,
    );
  });

  it("lists attached and inline policies, and gets inline documents URL-encoded", async () => {
    expect(await dev("iam", "ListAttachedUserPolicies", { UserName: "legacy-reporting" })).toEqual({
      AttachedPolicies: [
        {
          PolicyName: "legacy-reporting-read",
          PolicyArn: "arn:aws:iam::333333333333:policy/legacy-reporting-read",
        },
      ],
      IsTruncated: false,
    });
    expect(await dev("iam", "ListAttachedGroupPolicies", { GroupName: "platform-admins" })).toEqual({
      AttachedPolicies: [
        { PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
      ],
      IsTruncated: false,
    });
    const lambdaRoles = await dev("iam", "ListAttachedRolePolicies", {
      RoleName: "OrganizationAccountAccessRole",
      PathPrefix: "/service-role/",
    });
    expect(lambdaRoles.AttachedPolicies).toEqual([]);
    expect(await dev("iam", "ListGroupPolicies", { GroupName: "developers" })).toEqual({
      PolicyNames: ["developers-self-service"],
      IsTruncated: false,
    });
    const got = await dev("iam", "GetGroupPolicy", {
      GroupName: "developers",
      PolicyName: "developers-self-service",
    });
    expect(got).toMatchObject({ GroupName: "developers", PolicyName: "developers-self-service" });
    expect(decode(got.PolicyDocument)).toMatchObject({ Version: "2012-10-17" });
    expect(await dev("iam", "ListUserPolicies", { UserName: "jdoe" })).toEqual({
      PolicyNames: [],
      IsTruncated: false,
    });
    await expectAwsError(
      dev("iam", "GetUserPolicy", { UserName: "jdoe", PolicyName: "nope" }),
      "NoSuchEntity",
      404,
    );
    await expectAwsError(dev("iam", "ListRolePolicies", { RoleName: "nope" }), "NoSuchEntity", 404);

    const sbx = callerFor(sandboxOf(estate), "demo-sandbox");
    expect(await sbx("iam", "ListRolePolicies", { RoleName: "sbx-experiments-runner" })).toEqual({
      PolicyNames: ["everything-for-now"],
      IsTruncated: false,
    });
    const inline = await sbx("iam", "GetRolePolicy", {
      RoleName: "sbx-experiments-runner",
      PolicyName: "everything-for-now",
    });
    expect(decode(inline.PolicyDocument)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    });
  });

  it("ListGroups and ListGroupsForUser answer the groups with their AGPA ids", async () => {
    const groups = await dev("iam", "ListGroups");
    expect((groups.Groups as { GroupName: string }[]).map((g) => g.GroupName)).toEqual([
      "developers",
      "platform-admins",
    ]);
    const mine = await dev("iam", "ListGroupsForUser", { UserName: "ops-lead" });
    expect(mine.Groups).toEqual([
      expect.objectContaining({
        GroupName: "platform-admins",
        Arn: "arn:aws:iam::333333333333:group/platform-admins",
        CreateDate: expect.any(Date),
      }),
    ]);
  });

  it("ListRoles answers trust policies: `*`, outside accounts and service principals", async () => {
    const sbx = callerFor(sandboxOf(estate), "demo-sandbox");
    const out = await sbx("iam", "ListRoles", { MaxItems: 1000 });
    const open = (out.Roles as { RoleName: string; AssumeRolePolicyDocument: string }[]).find(
      (r) => r.RoleName === "sbx-any-principal-test",
    );
    expect(decode(open?.AssumeRolePolicyDocument)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
    });
  });
});
