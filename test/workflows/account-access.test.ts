import { describe, expect, test } from "vitest";
import { createAccountAccess } from "../../src/workflows/scan/account-access.js";
import { makeOrgFactories, MGMT_ACCOUNT } from "../_helpers/org-factory.js";

const DEV = "333333333333";

function access(now: () => Date) {
  const org = makeOrgFactories();
  const made: string[] = [];
  const a = createAccountAccess({
    caller: MGMT_ACCOUNT,
    factory: org.factory,
    factoryFor: (role) => {
      made.push(role.account);
      return org.factoryFor(role);
    },
    roleName: "OrganizationAccountAccessRole",
    sessionName: "test",
    now,
    timed: (call) => call(),
  });
  return { a, org, made };
}

describe("createAccountAccess", () => {
  test("the profile's account uses the session's factory and assumes nothing", async () => {
    const { a, org } = access(() => new Date());
    const opened = await a.open(MGMT_ACCOUNT);
    expect(opened.factory).toBe(org.factory);
    opened.release();
    expect(org.sandbox.calls).toEqual([]);
  });

  test("another account: the role is assumed once, its credentials reused while fresh, renewed near expiry", async () => {
    let now = Date.now();
    const { a, org, made } = access(() => new Date(now));
    (await a.open(DEV)).release();
    (await a.open(DEV)).release();
    expect(org.sandbox.calls.filter((c) => c.action === "AssumeRole")).toHaveLength(1);
    expect(made).toEqual([DEV, DEV]);
    expect(a.roleArnOf(DEV)).toBe(`arn:aws:iam::${DEV}:role/OrganizationAccountAccessRole`);

    now += 24 * 3600_000; // past any session's expiry
    (await a.open(DEV)).release();
    expect(org.sandbox.calls.filter((c) => c.action === "AssumeRole")).toHaveLength(2);
  });

  test("a failed AssumeRole is not cached: the next open tries again", async () => {
    const { a, org } = access(() => new Date());
    org.sandbox.configureFaults({
      rules: [{ match: { action: "AssumeRole" }, fail: "access-denied", times: 1 }],
    });
    await expect(a.open(DEV)).rejects.toMatchObject({ awsName: "AccessDenied" });
    await expect(a.open(DEV)).resolves.toBeDefined();
  });
});
