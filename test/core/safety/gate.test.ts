import { describe, expect, test } from "vitest";
import { classifyAction } from "../../../src/core/safety/actions.js";
import { decide, type GatePolicy, type StepAuthorization } from "../../../src/core/safety/gate.js";

const NOW = new Date("2026-11-24T12:00:00Z");
const ACCOUNT = "333333333333";
const REGION = "us-east-1";

const readOnly: GatePolicy = {
  profile: "demo-dev",
  permissions: "read-only",
  allowsDirectExecution: false,
  declaredSensitiveReads: [],
};

const auth: StepAuthorization = {
  planId: "plan-1",
  planHash: "sha256:abc",
  stepId: "step-1",
  action: "ec2:DeleteVolume",
  account: ACCOUNT,
  region: REGION,
  approval: {
    planHash: "sha256:abc",
    account: ACCOUNT,
    profile: "demo-dev",
    expiresAt: "2026-11-24T13:00:00Z",
  },
};
const readWrite: GatePolicy = {
  ...readOnly,
  permissions: "read-write",
  allowsDirectExecution: true,
  authorization: auth,
};

function run(
  action: string,
  policy: GatePolicy,
  params?: Record<string, unknown>,
  over: { account?: string; region?: string } = {},
) {
  return decide(
    {
      classification: classifyAction(action, params),
      account: over.account ?? ACCOUNT,
      region: over.region ?? REGION,
      now: NOW,
    },
    policy,
  );
}

describe("gate decide", () => {
  test.each(["ec2:DescribeInstances", "s3:ListAllMyBuckets", "sts:GetCallerIdentity"])(
    "a read passes: %s",
    (action) => {
      expect(run(action, readOnly).allowed).toBe(true);
    },
  );

  test("a dry run passes", () => {
    expect(run("ec2:DeleteVolume", readOnly, { VolumeId: "vol-1", DryRun: true }).allowed).toBe(true);
  });

  test.each([
    "ec2:TerminateInstances",
    "ec2:RunInstances",
    "ec2:CreateTags",
    "iam:CreateUser",
    "ec2:NoSuchAction",
  ])("a mutation without authorisation is refused and says why and what to do: %s", (action) => {
    const d = run(action, { ...readOnly, permissions: "read-write", allowsDirectExecution: true });
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect(d.code).toBe("MutationNotAuthorized");
    expect(d.reason).toContain(action);
    expect(d.reason).toMatch(/approved plan step/);
    expect(d.hint).toMatch(/plan/);
    expect(d.hint).toMatch(/approve/);
  });

  test("a sensitive read is refused unless the workflow declared it", () => {
    const refused = run("secretsmanager:GetSecretValue", readOnly);
    expect(refused).toMatchObject({ allowed: false, code: "SensitiveReadNotDeclared" });
    const declared = run("secretsmanager:GetSecretValue", {
      ...readOnly,
      declaredSensitiveReads: ["secretsmanager:GetSecretValue"],
    });
    expect(declared.allowed).toBe(true);
    // declaring one sensitive read does not open another
    expect(
      run("ec2:GetPasswordData", { ...readOnly, declaredSensitiveReads: ["secretsmanager:GetSecretValue"] })
        .allowed,
    ).toBe(false);
  });

  test("declaring a sensitive read never authorises a mutation", () => {
    expect(
      run("ec2:TerminateInstances", { ...readOnly, declaredSensitiveReads: ["ec2:TerminateInstances"] })
        .allowed,
    ).toBe(false);
  });

  test("an authorisation for exactly this step passes", () => {
    expect(run("ec2:DeleteVolume", readWrite)).toMatchObject({ allowed: true });
  });

  test.each<[string, string, GatePolicy, { account?: string; region?: string }]>([
    ["another action", "ec2:TerminateInstances", readWrite, {}],
    ["another region", "ec2:DeleteVolume", readWrite, { region: "eu-west-1" }],
    ["another account", "ec2:DeleteVolume", readWrite, { account: "555555555555" }],
  ])("an authorisation does not stretch to %s", (_label, action, policy, over) => {
    expect(run(action, policy, undefined, over)).toMatchObject({
      allowed: false,
      code: "AuthorizationMismatch",
    });
  });

  test.each<[string, GatePolicy, string]>([
    ["read-only profile", { ...readWrite, permissions: "read-only" }, "ProfileReadOnly"],
    ["IaC-only environment", { ...readWrite, allowsDirectExecution: false }, "EnvironmentIacOnly"],
    [
      "changed plan",
      { ...readWrite, authorization: { ...auth, planHash: "sha256:changed" } },
      "PlanHashMismatch",
    ],
    [
      "expired approval",
      {
        ...readWrite,
        authorization: { ...auth, approval: { ...auth.approval, expiresAt: "2026-11-24T11:59:59Z" } },
      },
      "ApprovalExpired",
    ],
    [
      "approval for another profile",
      { ...readWrite, authorization: { ...auth, approval: { ...auth.approval, profile: "demo-prod" } } },
      "AuthorizationMismatch",
    ],
    [
      "unparseable expiry",
      { ...readWrite, authorization: { ...auth, approval: { ...auth.approval, expiresAt: "tomorrow" } } },
      "ApprovalExpired",
    ],
  ])("an authorised mutation is still refused for a %s", (_label, policy, code) => {
    expect(run("ec2:DeleteVolume", policy)).toMatchObject({ allowed: false, code });
  });
});
