import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { MemoryAuditSink } from "../../../src/aws/audit-log/writer.js";
import { createClientFactory } from "../../../src/aws/clients.js";
import { buildDemoEstate, DEMO_ACCOUNTS } from "../../../src/aws/sandbox/demo.js";
import { generateEstate } from "../../../src/aws/sandbox/generate.js";
import { createSandbox, type Sandbox } from "../../../src/aws/sandbox/transport.js";
import type { SandboxIdentity } from "../../../src/aws/sandbox/types.js";
import { UsageError } from "../../../src/core/errors.js";
import { callerFor, expectAwsError, fakeTime, NOW, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();
const { management: MGMT, development: DEV, production: PROD } = DEMO_ACCOUNTS;
const oaar = (account: string) => `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`;

interface AssumeRoleAnswer {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date };
  AssumedRoleUser: { AssumedRoleId: string; Arn: string };
}

async function assume(
  sandbox: Sandbox,
  profile: string,
  roleArn: string,
  session = "inventory",
): Promise<AssumeRoleAnswer> {
  const out = await callerFor(sandbox, profile)("sts", "AssumeRole", {
    RoleArn: roleArn,
    RoleSessionName: session,
  });
  return out as unknown as AssumeRoleAnswer;
}

function callAs(
  sandbox: Sandbox,
  identity: SandboxIdentity,
  service: "sts" | "ec2",
  action: string,
  region = "us-east-1",
) {
  return sandbox.call({ service, action, input: {}, region, identity });
}

describe("sts:AssumeRole", () => {
  it("lets the management account assume OrganizationAccountAccessRole in every member, with fake, unique credentials", async () => {
    const sandbox = sandboxOf(estate);
    const members = estate.accounts.filter((a) => a.id !== MGMT);
    const answers = [];
    for (const member of members) {
      const out = await assume(sandbox, "demo-mgmt", oaar(member.id));
      const role = member.iam.roles.find((r) => r.roleName === "OrganizationAccountAccessRole");
      expect(out.AssumedRoleUser).toEqual({
        AssumedRoleId: `${role?.roleId ?? "?"}:inventory`,
        Arn: `arn:aws:sts::${member.id}:assumed-role/OrganizationAccountAccessRole/inventory`,
      });
      expect(out.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
      expect(out.Credentials.SecretAccessKey).toContain("not-real");
      expect(out.Credentials.SessionToken).toMatch(/^sandbox-.*-not-real$/);
      expect(out.Credentials.Expiration).toEqual(new Date(NOW.getTime() + 3_600_000));
      answers.push(out);
    }
    const again = await assume(sandbox, "demo-mgmt", oaar(PROD));
    const keys = [...answers, again].map((a) => a.Credentials.AccessKeyId);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("maps issued credentials back to the assumed-role identity, which calls as the member account", async () => {
    const sandbox = sandboxOf(estate);
    const out = await assume(sandbox, "demo-mgmt", oaar(DEV), "scan-2026");
    const identity = sandbox.identityForCredentials(out.Credentials.AccessKeyId);
    expect(identity).toMatchObject({
      accountId: DEV,
      arn: `arn:aws:sts::${DEV}:assumed-role/OrganizationAccountAccessRole/scan-2026`,
      userId: out.AssumedRoleUser.AssumedRoleId,
      accessKeyId: out.Credentials.AccessKeyId,
      profile: "demo-mgmt",
    });
    expect(await callAs(sandbox, identity, "sts", "GetCallerIdentity")).toEqual({
      UserId: out.AssumedRoleUser.AssumedRoleId,
      Account: DEV,
      Arn: out.AssumedRoleUser.Arn,
    });
    expect(await callAs(sandbox, identity, "ec2", "DescribeVpcs")).toHaveProperty("Vpcs");
    expect(sandbox.calls.at(-1)).toMatchObject({ account: DEV, profile: "demo-mgmt" });
  });

  it("refuses a caller the role's trust does not allow, with AWS's AccessDenied message", async () => {
    const sandbox = sandboxOf(estate);
    const dev = sandbox.identityFor("demo-dev");
    const e = await expectAwsError(
      callerFor(sandbox, "demo-dev")("sts", "AssumeRole", { RoleArn: oaar(PROD), RoleSessionName: "x1" }),
      "AccessDenied",
      403,
    );
    expect(e.message).toBe(
      `User: ${dev.arn} is not authorized to perform: sts:AssumeRole on resource: ${oaar(PROD)}`,
    );
  });

  it("refuses roles that do not exist, and accounts that are not in the estate, the same way", async () => {
    const sandbox = sandboxOf(estate);
    const mgmt = callerFor(sandbox, "demo-mgmt");
    for (const roleArn of [
      oaar(MGMT),
      `arn:aws:iam::${DEV}:role/Nope`,
      oaar("999999999999"),
      `arn:aws:iam::${DEV}:role/ops/OrganizationAccountAccessRole`,
    ]) {
      await expectAwsError(
        mgmt("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "s1" }),
        "AccessDenied",
        403,
      );
    }
  });

  it("honours a trust that names a role: that role's sessions may assume, others may not", async () => {
    const copy = structuredClone(estate);
    const dev = copy.accounts.find((a) => a.id === DEV);
    dev?.iam.roles.push({
      roleName: "AuditReader",
      roleId: "AROAAUDITREADER00001",
      path: "/audit/",
      createdAt: "2026-01-01T00:00:00.000Z",
      trustedPrincipals: [`arn:aws:iam::${MGMT}:role/PlatformEngineer`],
      attachedPolicyArns: [],
      tags: {},
    });
    const sandbox = sandboxOf(copy);
    const roleArn = `arn:aws:iam::${DEV}:role/audit/AuditReader`;
    await expect(assume(sandbox, "demo-mgmt", roleArn)).resolves.toHaveProperty(
      "AssumedRoleUser.Arn",
      `arn:aws:sts::${DEV}:assumed-role/AuditReader/inventory`,
    );
    await expectAwsError(
      callerFor(sandbox, "demo-prod")("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "s1" }),
      "AccessDenied",
    );
  });

  it("requires the ExternalId of a trust condition (StringEquals sts:ExternalId)", async () => {
    const copy = structuredClone(estate);
    const prod = copy.accounts.find((a) => a.id === DEMO_ACCOUNTS.production);
    prod?.iam.roles.push({
      roleName: "PartnerAccess",
      roleId: "AROAPARTNERACCESS0001",
      path: "/",
      createdAt: "2026-01-01T00:00:00.000Z",
      trustedPrincipals: [`arn:aws:iam::${MGMT}:root`],
      trustCondition: { StringEquals: { "sts:ExternalId": "northwind-7f3a" } },
      attachedPolicyArns: [],
      tags: {},
    });
    const call = callerFor(sandboxOf(copy), "demo-mgmt");
    const RoleArn = `arn:aws:iam::${DEMO_ACCOUNTS.production}:role/PartnerAccess`;
    await expectAwsError(call("sts", "AssumeRole", { RoleArn, RoleSessionName: "s1" }), "AccessDenied", 403);
    await expectAwsError(
      call("sts", "AssumeRole", { RoleArn, RoleSessionName: "s1", ExternalId: "wrong" }),
      "AccessDenied",
      403,
    );
    await expect(
      call("sts", "AssumeRole", { RoleArn, RoleSessionName: "s1", ExternalId: "northwind-7f3a" }),
    ).resolves.toHaveProperty("AssumedRoleUser.Arn");
  });

  it("validates the session name, the role ARN and the duration as STS does", async () => {
    const mgmt = callerFor(sandboxOf(estate), "demo-mgmt");
    const assumeWith = (input: Record<string, unknown>) =>
      mgmt("sts", "AssumeRole", { RoleArn: oaar(DEV), RoleSessionName: "ok", ...input });
    await expectAwsError(assumeWith({ RoleSessionName: "a" }), "ValidationError");
    await expectAwsError(assumeWith({ RoleSessionName: "has space" }), "ValidationError");
    await expectAwsError(assumeWith({ RoleArn: "arn:aws:iam::123:role/x" }), "ValidationError");
    await expectAwsError(assumeWith({ RoleArn: `arn:aws:iam::${DEV}:user/someone` }), "ValidationError");
    await expectAwsError(assumeWith({ DurationSeconds: 600 }), "ValidationError");
    const e = await expectAwsError(assumeWith({ DurationSeconds: 7200 }), "ValidationError");
    expect(e.message).toContain("MaxSessionDuration");
    await expect(assumeWith({ DurationSeconds: 900 })).resolves.toHaveProperty(
      "Credentials.Expiration",
      new Date(NOW.getTime() + 900_000),
    );
  });

  it("expires the credentials at their Expiration: later calls fail as expired (ExpiredToken, RequestExpired)", async () => {
    const time = fakeTime();
    const sandbox = createSandbox(estate, { clock: time.clock, sleep: time.sleep });
    const out = await assume(sandbox, "demo-mgmt", oaar(DEV));
    const identity = sandbox.identityForCredentials(out.Credentials.AccessKeyId);
    time.advance(3_599_000);
    await expect(callAs(sandbox, identity, "sts", "GetCallerIdentity")).resolves.toHaveProperty(
      "Account",
      DEV,
    );
    time.advance(1_000);
    await expectAwsError(callAs(sandbox, identity, "sts", "GetCallerIdentity"), "ExpiredToken");
    await expectAwsError(callAs(sandbox, identity, "ec2", "DescribeVpcs"), "RequestExpired");
  });

  it("lets the generated estate's management profile into every member account", async () => {
    const { estate: generated } = generateEstate({
      accounts: 4,
      regions: ["us-east-1"],
      resourcesPerRegion: 30,
      seed: 21,
      now: NOW,
    });
    const sandbox = sandboxOf(generated);
    const [management, ...members] = generated.accounts;
    for (const member of members) {
      const out = await assume(sandbox, management?.profiles[0]?.name ?? "", oaar(member.id));
      expect(sandbox.identityForCredentials(out.Credentials.AccessKeyId).accountId).toBe(member.id);
    }
  });
});

describe("identityForCredentials", () => {
  it("resolves a profile's own access key to the profile's identity", () => {
    const sandbox = sandboxOf(estate);
    const dev = sandbox.identityFor("demo-dev");
    expect(sandbox.identityForCredentials(dev.accessKeyId)).toEqual(dev);
  });

  it("throws a clear UsageError for a key the sandbox never issued, and forgets issued keys on reset", async () => {
    const sandbox = sandboxOf(estate);
    expect(() => sandbox.identityForCredentials("ASIAEXAMPLEEXAMPLE01")).toThrow(UsageError);
    expect(() => sandbox.identityForCredentials("ASIAEXAMPLEEXAMPLE01")).toThrow(
      /never issued the access key "ASIAEXAMPLEEXAMPLE01"/,
    );
    const out = await assume(sandbox, "demo-mgmt", oaar(DEV));
    sandbox.reset();
    expect(() => sandbox.identityForCredentials(out.Credentials.AccessKeyId)).toThrow(UsageError);
  });

  it("is what the client factory uses for sandbox-issued credentials", async () => {
    const sandbox = sandboxOf(estate);
    const out = await assume(sandbox, "demo-mgmt", oaar(PROD));
    const factory = createClientFactory({
      profile: "demo-mgmt",
      defaultRegion: "us-east-1",
      transport: {
        kind: "sandbox",
        sandbox,
        credentials: {
          accessKeyId: out.Credentials.AccessKeyId,
          secretAccessKey: out.Credentials.SecretAccessKey,
          sessionToken: out.Credentials.SessionToken,
        },
      },
      audit: new MemoryAuditSink(),
      who: { osUser: "test", callerArn: undefined },
      policy: {
        profile: "demo-mgmt",
        permissions: "read-only",
        allowsDirectExecution: false,
        declaredSensitiveReads: [],
      },
    });
    const who = await (await factory.sts()).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: PROD, Arn: out.AssumedRoleUser.Arn });
    factory.destroy();
  });
});

describe("Organizations ListAccounts", () => {
  it("pages with MaxResults/NextToken, every account exactly once, for the management account", async () => {
    const { estate: generated } = generateEstate({
      accounts: 7,
      regions: ["us-east-1"],
      resourcesPerRegion: 10,
      seed: 5,
      now: NOW,
    });
    const call = callerFor(sandboxOf(generated), generated.accounts[0]?.profiles[0]?.name ?? "");
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await call("organizations", "ListAccounts", {
        MaxResults: 3,
        ...(token === undefined ? {} : { NextToken: token }),
      });
      ids.push(...(out.Accounts as { Id: string }[]).map((a) => a.Id));
      token = out.NextToken as string | undefined;
      pages += 1;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(ids).toEqual(generated.accounts.map((a) => a.id));
  });

  it("is refused to members (AccessDeniedException) and outside an organization (AWSOrganizationsNotInUseException)", async () => {
    await expectAwsError(
      callerFor(sandboxOf(estate), "demo-dev")("organizations", "ListAccounts"),
      "AccessDeniedException",
    );
    const { organization: _none, ...standalone } = estate;
    await expectAwsError(
      callerFor(sandboxOf(standalone), "demo-mgmt")("organizations", "ListAccounts"),
      "AWSOrganizationsNotInUseException",
    );
  });
});
