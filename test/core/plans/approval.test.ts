/** Approvals and direct execution: which plans need a person, what an approval binds, where plans run. */
import { describe, expect, it } from "vitest";
import { CORE_DEFAULTS } from "../../../src/core/config/defaults.js";
import { APPROVAL_MODES, type ApprovalMode, type Classification } from "../../../src/core/config/schema.js";
import {
  approvalFor,
  checkApproval,
  checkDirectExecution,
  needsApproval,
  type Approval,
  type ExecutionContext,
} from "../../../src/core/plans/approval.js";
import type { ActionClass } from "../../../src/core/safety/actions.js";
import { ACCOUNT, NOW, OTHER_ACCOUNT, plan, PLAN_ID, step } from "./_plans.js";

describe("needsApproval: each mode × the classes of the plan's steps", () => {
  const CASES: [ActionClass[], Record<ApprovalMode, boolean>][] = [
    [[], { none: false, "destructive-only": false, "all-mutations": false, always: true }],
    [["discovery"], { none: false, "destructive-only": false, "all-mutations": false, always: true }],
    [
      ["discovery", "planning"],
      { none: false, "destructive-only": false, "all-mutations": false, always: true },
    ],
    [["create"], { none: false, "destructive-only": false, "all-mutations": true, always: true }],
    [
      ["discovery", "create"],
      { none: false, "destructive-only": false, "all-mutations": true, always: true },
    ],
    [["destructive"], { none: false, "destructive-only": true, "all-mutations": true, always: true }],
    [["sensitive"], { none: false, "destructive-only": true, "all-mutations": true, always: true }],
    [["create", "sensitive"], { none: false, "destructive-only": true, "all-mutations": true, always: true }],
  ];
  const table = CASES.flatMap(([classes, byMode]) =>
    APPROVAL_MODES.map((mode) => [mode, classes, byMode[mode]] as const),
  );

  it.each(table)("%s with steps %j → %s", (mode, classes, expected) => {
    expect(needsApproval(mode, classes)).toBe(expected);
  });
});

const approver = { osUser: "bob", callerArn: `arn:aws:iam::${ACCOUNT}:user/bob` };
/** Approved now by a person who typed yes, for a day. */
const FIELDS = {
  profile: "dev-admin",
  approver,
  now: NOW,
  hours: 24,
  confirmation: "typed-yes",
  approvalMode: "destructive-only",
} as const;

describe("approvalFor", () => {
  it("binds the plan's id and hash, its account and the profile, and expires after the hours", () => {
    const p = plan();
    expect(approvalFor(p, FIELDS)).toEqual({
      schemaVersion: 1,
      planId: PLAN_ID,
      planHash: p.hash,
      account: ACCOUNT,
      profile: "dev-admin",
      approver,
      approvedAt: "2026-11-24T12:00:00.000Z",
      expiresAt: "2026-11-25T12:00:00.000Z",
      confirmation: "typed-yes",
      approvalMode: "destructive-only",
    });
  });
});

describe("checkApproval", () => {
  const p = plan();
  const approved = (over: Partial<Approval> = {}): Approval => ({
    ...approvalFor(p, FIELDS),
    ...over,
  });
  const at = (over: Partial<{ account: string; profile: string; now: Date }> = {}) => ({
    account: ACCOUNT,
    profile: "dev-admin",
    now: new Date(NOW.getTime() + 3_600_000),
    ...over,
  });

  it("lets a valid, unexpired approval for this plan, account and profile through", () => {
    expect(checkApproval(p, approved(), at())).toEqual({ ok: true });
    expect(checkApproval(p, approved(), at({ now: new Date("2026-11-25T11:59:59.999Z") }))).toEqual({
      ok: true,
    });
  });

  it.each<[string, Approval | undefined, ReturnType<typeof at>, string, string[]]>([
    ["no approval", undefined, at(), "ApprovalMissing", [`plan ${PLAN_ID} has not been approved`]],
    [
      "an approval for another plan",
      approved({ planId: "plan-other" }),
      at(),
      "ApprovalForAnotherPlan",
      ["plan-other", `not ${PLAN_ID}`],
    ],
    [
      "an approval of an older version of the plan",
      approved({ planHash: "a".repeat(64) }),
      at(),
      "PlanHashMismatch",
      ["changed after it was approved", "aaaaaaaaaaaa…", `${p.hash.slice(0, 12)}…`],
    ],
    [
      "credentials of another account",
      approved(),
      at({ account: OTHER_ACCOUNT }),
      "ApprovalAccountMismatch",
      [`for account ${ACCOUNT}`, `credentials are for ${OTHER_ACCOUNT}`],
    ],
    [
      "an approval for another account than the plan's",
      approved({ account: OTHER_ACCOUNT }),
      at({ account: OTHER_ACCOUNT }),
      "ApprovalAccountMismatch",
      [`for account ${OTHER_ACCOUNT}, but the plan is for account ${ACCOUNT}`],
    ],
    [
      "another profile",
      approved(),
      at({ profile: "dev-readonly" }),
      "ApprovalProfileMismatch",
      ['for profile "dev-admin", not "dev-readonly"'],
    ],
    [
      "an approval past its expiry",
      approved(),
      at({ now: new Date("2026-11-26T00:00:00.000Z") }),
      "ApprovalExpired",
      ["expired at 2026-11-25T12:00:00.000Z"],
    ],
    [
      "exactly at its expiry (expired)",
      approved(),
      at({ now: new Date("2026-11-25T12:00:00.000Z") }),
      "ApprovalExpired",
      ["expired at 2026-11-25T12:00:00.000Z"],
    ],
  ])("refuses %s with its code, naming the wrong value", (_name, approval, when, code, named) => {
    const check = checkApproval(p, approval, when);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.code).toBe(code);
    for (const text of named) expect(check.reason).toContain(text);
    expect(check.hint).not.toBe("");
  });

  it.each(["ApprovalMissing", "ApprovalForAnotherPlan", "PlanHashMismatch", "ApprovalExpired"])(
    "%s says how to review and approve the plan again (a person, not an agent)",
    (code) => {
      const cases: Record<string, [Approval | undefined, ReturnType<typeof at>]> = {
        ApprovalMissing: [undefined, at()],
        ApprovalForAnotherPlan: [approved({ planId: "plan-other" }), at()],
        PlanHashMismatch: [approved({ planHash: "b".repeat(64) }), at()],
        ApprovalExpired: [approved(), at({ now: new Date("2026-12-01T00:00:00.000Z") })],
      };
      const [approval, when] = cases[code]!;
      const check = checkApproval(p, approval, when);
      expect(check.ok === false && check.code).toBe(code);
      if (check.ok) return;
      expect(check.hint).toContain(`aws-coworker plan show ${PLAN_ID}`);
      expect(check.hint).toContain(`aws-coworker plan approve ${PLAN_ID}`);
      expect(check.hint).toContain("an AI agent cannot");
    },
  );

  it("refuses an approval of the same plan edited afterwards (its hash changed)", () => {
    const edited = plan([step("only", { params: { CidrBlock: "10.9.0.0/16" } })]);
    expect(edited.id).toBe(p.id);
    const check = checkApproval(edited, approved(), at());
    expect(check.ok === false && check.code).toBe("PlanHashMismatch");
  });
});

describe("checkDirectExecution", () => {
  const p = plan(); // made with profile dev-admin for ACCOUNT
  const live = (classification: Classification, over: Partial<ExecutionContext> = {}): ExecutionContext => ({
    profile: "dev-admin",
    account: ACCOUNT,
    classification,
    permissions: "read-write",
    directExecution: CORE_DEFAULTS.environments[classification].directExecution,
    iacOnly: CORE_DEFAULTS.environments[classification].iacOnly,
    ...over,
  });

  it.each<Classification>(["sandbox", "development", "test"])(
    "lets a read-write profile run the plan in %s (the defaults allow direct execution)",
    (classification) => {
      expect(checkDirectExecution(p, live(classification))).toEqual({ ok: true });
    },
  );

  it.each<[string, ExecutionContext, string, string[], string]>([
    [
      "production (IaC only by default)",
      live("production"),
      "EnvironmentIacOnly",
      ["production is never changed directly"],
      "Prepare a production change instead",
    ],
    [
      "staging (IaC only by default)",
      live("staging"),
      "EnvironmentIacOnly",
      ["staging is never changed directly"],
      "pull request",
    ],
    [
      "a development environment configured without direct execution",
      live("development", { directExecution: false }),
      "EnvironmentIacOnly",
      ["development is never changed directly"],
      "infrastructure as code",
    ],
    [
      "an unclassified account",
      live("unknown"),
      "EnvironmentUnknown",
      [`account ${ACCOUNT}`, 'profile "dev-admin" is not classified'],
      "Classify the profile and the account",
    ],
    [
      "a read-only profile",
      live("development", { permissions: "read-only" }),
      "ProfileReadOnly",
      ['profile "dev-admin" is read-only'],
      "permissions: read-write",
    ],
    [
      "credentials of another account",
      live("development", { account: OTHER_ACCOUNT }),
      "AccountMismatch",
      [`for account ${ACCOUNT}`, `credentials are for account ${OTHER_ACCOUNT}`],
      `profile of account ${ACCOUNT} ("dev-admin")`,
    ],
    [
      "another profile than the plan was made with",
      live("development", { profile: "dev-other" }),
      "ProfileMismatch",
      ['made for profile "dev-admin", not "dev-other"'],
      "--profile dev-admin",
    ],
  ])("refuses %s with its code, the reason and the fix", (_name, context, code, named, fix) => {
    const check = checkDirectExecution(p, context);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.code).toBe(code);
    for (const text of named) expect(check.reason).toContain(text);
    expect(check.hint).toContain(fix);
  });

  it("checks the account before anything else (another account's production is an account mismatch)", () => {
    const check = checkDirectExecution(
      p,
      live("production", { account: OTHER_ACCOUNT, permissions: "read-only" }),
    );
    expect(check.ok === false && check.code).toBe("AccountMismatch");
  });
});
