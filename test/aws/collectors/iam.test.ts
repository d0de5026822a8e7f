import { describe, expect, test } from "vitest";
import { collectIamPolicies, collectIamRoles, collectIamUsers } from "../../../src/aws/collectors/iam.js";
import { AwsCallError } from "../../../src/core/errors.js";
import { makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { richestAccount } from "./_estate.js";

describe("collectIamUsers", () => {
  const place = richestAccount((a) => a.iam.users);
  const scope = { account: place.account };

  test("returns every user once, across pages, in region global, with tags from ListUserTags", async () => {
    expect(place.items.length).toBeGreaterThan(1);
    const { factory, sandbox } = makeSandboxFactory({ profile: place.profile, pageSize: 1 });
    const records = await collectIamUsers(factory, scope);
    expect(records.map((r) => r.id).sort()).toEqual(place.items.map((u) => u.userName).sort());
    expect(sandbox.calls.filter((c) => c.action === "ListUsers").length).toBeGreaterThan(1);
    for (const user of place.items) {
      expect(records.find((r) => r.id === user.userName)).toMatchObject({
        service: "iam",
        type: "user",
        arn: `arn:aws:iam::${place.account}:user${user.path}${user.userName}`,
        name: user.userName,
        account: place.account,
        region: "global",
        state: undefined,
        tags: user.tags,
        attributes: {
          path: user.path,
          userId: user.userId,
          createDate: user.createdAt,
          passwordLastUsed: user.passwordLastUsedAt ?? null,
        },
      });
    }
  });

  test("a denied ListUserTags fails the listing with the permission named", async () => {
    const { factory } = makeSandboxFactory({
      profile: place.profile,
      faults: { rules: [{ match: { action: "ListUserTags" }, fail: "access-denied" }] },
    });
    const failure = collectIamUsers(factory, scope);
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toMatchObject({
      service: "iam",
      action: "iam:ListUserTags",
      account: place.account,
      region: "global",
      awsName: "AccessDenied",
    });
  });
});

describe("collectIamRoles", () => {
  const place = richestAccount((a) => a.iam.roles);
  const scope = { account: place.account };

  test("returns every role once, across pages, with path, service-linked flag and tags, never the trust policy", async () => {
    expect(place.items.length).toBeGreaterThan(1);
    const { factory, sandbox } = makeSandboxFactory({ profile: place.profile, pageSize: 1 });
    const records = await collectIamRoles(factory, scope);
    expect(records.map((r) => r.id).sort()).toEqual(place.items.map((r) => r.roleName).sort());
    expect(sandbox.calls.filter((c) => c.action === "ListRoles").length).toBeGreaterThan(1);
    for (const role of place.items) {
      expect(records.find((r) => r.id === role.roleName)).toMatchObject({
        service: "iam",
        type: "role",
        arn: `arn:aws:iam::${place.account}:role${role.path}${role.roleName}`,
        region: "global",
        tags: role.tags,
        attributes: {
          path: role.path,
          roleId: role.roleId,
          description: role.description ?? null,
          isServiceLinked: role.path.startsWith("/aws-service-role/"),
          createDate: role.createdAt,
        },
      });
    }
    expect(JSON.stringify(records)).not.toContain("sts:AssumeRole");
  });

  test("a throttled ListRoles beyond the retries is reported as throttling", async () => {
    const { factory } = makeSandboxFactory({
      profile: place.profile,
      faults: { rules: [{ match: { action: "ListRoles" }, fail: "throttle" }] },
    });
    await expect(collectIamRoles(factory, scope)).rejects.toMatchObject({
      action: "iam:ListRoles",
      awsName: "Throttling",
    });
  });
});

describe("collectIamPolicies", () => {
  const place = richestAccount((a) => a.iam.policies);
  const scope = { account: place.account };

  test("returns the customer managed policies only (Scope Local), with attachment counts, never the document", async () => {
    expect(place.items.length).toBeGreaterThan(1);
    const { factory, sandbox } = makeSandboxFactory({ profile: place.profile, pageSize: 1 });
    const records = await collectIamPolicies(factory, scope);
    const arnOf = (p: (typeof place.items)[number]) =>
      `arn:aws:iam::${place.account}:policy${p.path}${p.policyName}`;
    expect(records.map((r) => r.id).sort()).toEqual(place.items.map(arnOf).sort());
    expect(sandbox.calls.filter((c) => c.action === "ListPolicies").length).toBeGreaterThan(1);
    const attached = (arn: string) =>
      [...place.source.iam.users, ...place.source.iam.roles].filter((x) => x.attachedPolicyArns.includes(arn))
        .length;
    for (const policy of place.items) {
      const arn = arnOf(policy);
      expect(records.find((r) => r.id === arn)).toMatchObject({
        service: "iam",
        type: "policy",
        arn,
        name: policy.policyName,
        region: "global",
        tags: policy.tags,
        attributes: {
          path: policy.path,
          policyId: policy.policyId,
          defaultVersionId: `v${policy.defaultVersion}`,
          createDate: policy.createdAt,
          updateDate: policy.updatedAt,
        },
      });
      // Users and roles; groups, if any, add to AWS's count.
      expect(Number(records.find((r) => r.id === arn)?.attributes["attachmentCount"])).toBeGreaterThanOrEqual(
        attached(arn),
      );
      expect(JSON.stringify(records)).not.toContain(policy.document);
    }
  });

  test("a denied ListPolicies names the permission", async () => {
    const { factory } = makeSandboxFactory({
      profile: place.profile,
      faults: { rules: [{ match: { action: "ListPolicies" }, fail: "access-denied" }] },
    });
    await expect(collectIamPolicies(factory, scope)).rejects.toMatchObject({
      action: "iam:ListPolicies",
      awsName: "AccessDenied",
    });
  });
});
