/**
 * The IAM checks on the cases that decide their verdicts: password policy thresholds, both
 * access key slots, the ways administrator access is granted, and whose accounts a role's
 * trust policy may name without a condition.
 */
import { describe, expect, it } from "vitest";
import type { AccountRecord, AuditRecord, IamUserRecord } from "../../../src/core/audit/records.js";
import type { AnyCheck } from "../../../src/core/checks/check.js";
import type { AuditSettings } from "../../../src/core/checks/settings.js";
import { iamAccessKeyOld } from "../../../src/core/checks/iam/access-key-old.js";
import { iamAccessKeyUnused } from "../../../src/core/checks/iam/access-key-unused.js";
import { iamPasswordPolicyWeak } from "../../../src/core/checks/iam/password-policy-weak.js";
import { iamRoleAdminAccess } from "../../../src/core/checks/iam/role-admin-access.js";
import { iamRoleTrustOpen } from "../../../src/core/checks/iam/role-trust-open.js";
import { iamRootAccessKeys } from "../../../src/core/checks/iam/root-access-keys.js";
import { iamRootMfaOff } from "../../../src/core/checks/iam/root-mfa-off.js";
import { iamUserAdminAccess } from "../../../src/core/checks/iam/user-admin-access.js";
import { iamUserConsoleNoMfa } from "../../../src/core/checks/iam/user-console-no-mfa.js";
import {
  account,
  ACCOUNT,
  daysAgo,
  iamRole,
  iamUser,
  OTHER_ACCOUNT,
  policyDocument,
  runChecks,
  summaryOf,
} from "./_records.js";

function findingsOf(check: AnyCheck, records: AuditRecord[], settings: Partial<AuditSettings> = {}) {
  return runChecks([check], records, { settings }).findings;
}

/** The check's summary: evaluated 0 means not applicable. */
function summary(check: AnyCheck, records: AuditRecord[]) {
  return summaryOf(runChecks([check], records), check.id);
}

describe("iam.password-policy-weak", () => {
  const strong = account().passwordPolicy;
  if (strong === undefined) throw new Error("the default account has a password policy");
  const withPolicy = (p: Partial<NonNullable<AccountRecord["passwordPolicy"]>>) =>
    account({ passwordPolicy: { ...strong, ...p } });

  it("passes at exactly length 14 and reuse prevention 24", () => {
    expect(
      findingsOf(iamPasswordPolicyWeak, [withPolicy({ minimumLength: 14, reusePrevention: 24 })]),
    ).toEqual([]);
  });

  it.each<[string, Partial<NonNullable<AccountRecord["passwordPolicy"]>>, string]>([
    ["length 13", { minimumLength: 13 }, "minimum length 13 (< 14)"],
    ["length unset", { minimumLength: undefined }, "minimum length unset (< 14)"],
    ["reuse 23", { reusePrevention: 23 }, "reuse prevention 23 (< 24)"],
    ["reuse off", { reusePrevention: undefined }, "reuse prevention off (< 24)"],
    ["no symbols", { requireSymbols: false }, "symbols not required"],
    ["no numbers", { requireNumbers: false }, "numbers not required"],
    ["no uppercase", { requireUppercase: false }, "uppercase not required"],
    ["no lowercase", { requireLowercase: false }, "lowercase not required"],
  ])("fails on %s, naming only that gap", (_, p, gap) => {
    const findings = findingsOf(iamPasswordPolicyWeak, [withPolicy(p)]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence).toEqual({ gaps: [gap] });
  });

  it("fails with no password policy", () => {
    const findings = findingsOf(iamPasswordPolicyWeak, [account({ passwordPolicy: undefined })]);
    expect(findings[0]).toMatchObject({
      message: `${ACCOUNT} has no password policy`,
      evidence: { passwordPolicy: null },
    });
  });
});

describe("root user checks", () => {
  it("are not applicable when the account summary was not read", () => {
    const record = account({ isRootMfaEnabled: undefined, hasRootAccessKeys: undefined });
    expect(summary(iamRootMfaOff, [record]).evaluated).toBe(0);
    expect(summary(iamRootAccessKeys, [record]).evaluated).toBe(0);
  });
});

describe("iam.user-console-no-mfa", () => {
  it("is not applicable to a user without a console password", () => {
    expect(summary(iamUserConsoleNoMfa, [iamUser("bot", { hasConsolePassword: false })]).evaluated).toBe(0);
  });

  it("reports a password never used as null", () => {
    const findings = findingsOf(iamUserConsoleNoMfa, [iamUser("alice", { hasConsolePassword: true })]);
    expect(findings[0]?.evidence).toEqual({ passwordLastUsedAt: null });
  });
});

describe("access keys", () => {
  type Key = IamUserRecord["accessKeys"][number];
  const key = (slot: 1 | 2, k: Partial<Key>): Key => ({
    slot,
    isActive: true,
    lastRotatedAt: daysAgo(10),
    lastUsedAt: daysAgo(1),
    ...k,
  });
  const user = (...accessKeys: Key[]) => iamUser("alice", { accessKeys });

  it("iam.access-key-old reports both slots when both are old", () => {
    const findings = findingsOf(iamAccessKeyOld, [
      user(key(1, { lastRotatedAt: daysAgo(100) }), key(2, { lastRotatedAt: daysAgo(91) })),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toBe(
      "user alice has 2 active access keys not rotated for 100 days (key 1), 91 days (key 2)",
    );
    expect(findings[0]?.evidence).toEqual({
      keys: [
        { slot: 1, ageDays: 100 },
        { slot: 2, ageDays: 91 },
      ],
      maxAgeDays: 90,
    });
  });

  it("iam.access-key-old reports only the old slot, and ignores an inactive old key", () => {
    const findings = findingsOf(iamAccessKeyOld, [
      user(key(1, { isActive: false, lastRotatedAt: daysAgo(900) }), key(2, { lastRotatedAt: daysAgo(200) })),
    ]);
    expect(findings[0]?.evidence).toEqual({ keys: [{ slot: 2, ageDays: 200 }], maxAgeDays: 90 });
  });

  it("iam.access-key-old passes at exactly the maximum age", () => {
    expect(findingsOf(iamAccessKeyOld, [user(key(1, { lastRotatedAt: daysAgo(90) }))])).toEqual([]);
  });

  it("iam.access-key-old follows checks.accessKeyMaxAgeDays", () => {
    expect(
      findingsOf(iamAccessKeyOld, [user(key(1, { lastRotatedAt: daysAgo(40) }))], {
        accessKeyMaxAgeDays: 30,
      }),
    ).toHaveLength(1);
  });

  it("both key checks are not applicable to a user whose keys are all inactive (or who has none)", () => {
    const inactive = user(key(1, { isActive: false, lastRotatedAt: daysAgo(900), lastUsedAt: undefined }));
    for (const check of [iamAccessKeyOld, iamAccessKeyUnused]) {
      expect(summary(check, [inactive]).evaluated).toBe(0);
      expect(summary(check, [user()]).evaluated).toBe(0);
    }
  });

  it("iam.access-key-unused reports a never-used key and an idle one", () => {
    const findings = findingsOf(iamAccessKeyUnused, [
      user(
        key(1, { lastRotatedAt: daysAgo(200), lastUsedAt: undefined }),
        key(2, { lastRotatedAt: daysAgo(300), lastUsedAt: daysAgo(120) }),
      ),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toBe(
      "user alice has active access keys never used in 200 days (key 1), unused for 120 days (key 2)",
    );
    expect(findings[0]?.evidence).toEqual({
      keys: [
        { slot: 1, lastUsedAt: null, idleDays: 200 },
        { slot: 2, lastUsedAt: daysAgo(120), idleDays: 120 },
      ],
      maxUnusedDays: 90,
    });
  });

  it("iam.access-key-unused counts a never-used key from its creation: a new key (e.g. mid-rotation) passes", () => {
    expect(
      findingsOf(iamAccessKeyUnused, [user(key(1, { lastRotatedAt: daysAgo(1), lastUsedAt: undefined }))]),
    ).toEqual([]);
    expect(
      findingsOf(iamAccessKeyUnused, [user(key(1, { lastRotatedAt: daysAgo(90), lastUsedAt: undefined }))]),
    ).toEqual([]);
    const [old] = findingsOf(iamAccessKeyUnused, [
      user(key(1, { lastRotatedAt: daysAgo(91), lastUsedAt: undefined })),
    ]);
    expect(old?.message).toBe("user alice has active access keys never used in 91 days (key 1)");
  });

  it("iam.access-key-unused ignores an inactive never-used key", () => {
    expect(
      findingsOf(iamAccessKeyUnused, [user(key(1, { isActive: false, lastUsedAt: undefined }), key(2, {}))]),
    ).toEqual([]);
  });
});

describe("administrator access", () => {
  type Policy = IamUserRecord["policies"][number];
  const managed = (arn: string, via = "attached"): Policy => ({
    name: arn.split("/").pop() ?? arn,
    arn,
    via,
    document: undefined,
  });
  const inline = (name: string, statement: Record<string, unknown>, via = "inline"): Policy => ({
    name,
    arn: undefined,
    via,
    document: policyDocument(statement),
  });

  it.each([
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
    "arn:aws-cn:iam::aws:policy/AdministratorAccess",
  ])("is granted by %s", (arn) => {
    expect(findingsOf(iamUserAdminAccess, [iamUser("alice", { policies: [managed(arn)] })])).toHaveLength(1);
  });

  it.each([
    "arn:aws:iam::aws:policy/AdministratorAccess-Amplify",
    `arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess`,
    "arn:aws:iam::aws:policy/job-function/SystemAdministrator",
  ])("is not granted by the name alone: %s", (arn) => {
    expect(findingsOf(iamUserAdminAccess, [iamUser("alice", { policies: [managed(arn)] })])).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['Action "*"', { Effect: "Allow", Action: "*", Resource: "*" }],
    ['Action "*:*"', { Effect: "Allow", Action: "*:*", Resource: "*" }],
    ["lists", { Effect: "Allow", Action: ["s3:GetObject", "*"], Resource: ["*"] }],
  ])("is granted by an inline policy allowing everything (%s)", (_, statement) => {
    const findings = findingsOf(iamRoleAdminAccess, [
      iamRole("ops", { policies: [inline("all", statement)] }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence).toEqual({ policies: [{ name: "all", via: "inline" }] });
  });

  it.each<[string, Record<string, unknown>]>([
    ["NotAction", { Effect: "Allow", NotAction: "iam:*", Resource: "*" }],
    ["a Deny", { Effect: "Deny", Action: "*", Resource: "*" }],
    ["one resource", { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::bucket-1" }],
    ["a service wildcard", { Effect: "Allow", Action: "s3:*", Resource: "*" }],
  ])("is not granted by %s", (_, statement) => {
    expect(findingsOf(iamRoleAdminAccess, [iamRole("ops", { policies: [inline("p", statement)] })])).toEqual(
      [],
    );
  });

  it("says when it comes through a group", () => {
    const findings = findingsOf(iamUserAdminAccess, [
      iamUser("alice", {
        policies: [
          managed("arn:aws:iam::aws:policy/ReadOnlyAccess"),
          managed("arn:aws:iam::aws:policy/AdministratorAccess", "group admins"),
          inline("all", { Effect: "Allow", Action: "*", Resource: "*" }, "group ops"),
        ],
      }),
    ]);
    expect(findings[0]?.message).toBe(
      "user alice has administrator access through AdministratorAccess (group admins), all (group ops)",
    );
    expect(findings[0]?.evidence).toEqual({
      policies: [
        { name: "AdministratorAccess", via: "group admins" },
        { name: "all", via: "group ops" },
      ],
    });
  });

  it("leaves service-linked roles out", () => {
    const role = iamRole("AWSServiceRoleForSupport", {
      path: "/aws-service-role/support.amazonaws.com/",
      isServiceLinked: true,
      policies: [managed("arn:aws:iam::aws:policy/AdministratorAccess")],
    });
    expect(summary(iamRoleAdminAccess, [role]).evaluated).toBe(0);
  });

  it("reports an error, never a pass, for a policy document that is not JSON", () => {
    const findings = findingsOf(iamUserAdminAccess, [
      iamUser("alice", { policies: [{ name: "bad", arn: undefined, via: "inline", document: "{" }] }),
    ]);
    expect(findings.map((f) => f.status)).toEqual(["error"]);
  });
});

describe("iam.role-trust-open", () => {
  const trustedBy = (principal: unknown, extra: Record<string, unknown> = {}) =>
    iamRole("shared", {
      trustPolicy: policyDocument({
        Effect: "Allow",
        Principal: principal,
        Action: "sts:AssumeRole",
        ...extra,
      }),
    });
  const outside = `arn:aws:iam::${OTHER_ACCOUNT}:root`;

  it("is critical for the * principal", () => {
    const findings = findingsOf(iamRoleTrustOpen, [trustedBy({ AWS: "*" }), account()]);
    expect(findings[0]).toMatchObject({ severity: "critical", evidence: { principals: ["*"] } });
  });

  it('is critical for Principal "*"', () => {
    expect(findingsOf(iamRoleTrustOpen, [trustedBy("*"), account()])[0]?.severity).toBe("critical");
  });

  it.each([outside, OTHER_ACCOUNT, `arn:aws:iam::${OTHER_ACCOUNT}:role/deployer`])(
    "is high for the outside account %s without a condition",
    (principal) => {
      const findings = findingsOf(iamRoleTrustOpen, [trustedBy({ AWS: principal }), account()]);
      expect(findings[0]).toMatchObject({ severity: "high", evidence: { principals: [principal] } });
    },
  );

  it("passes the role's own account", () => {
    expect(
      findingsOf(iamRoleTrustOpen, [trustedBy({ AWS: `arn:aws:iam::${ACCOUNT}:role/admin` }), account()]),
    ).toEqual([]);
  });

  it("passes the organisation's management account (from the account record)", () => {
    const records = [trustedBy({ AWS: outside }), account({ organizationManagementAccount: OTHER_ACCOUNT })];
    expect(findingsOf(iamRoleTrustOpen, records)).toEqual([]);
  });

  it("does not take another account's management account", () => {
    const records = [
      trustedBy({ AWS: outside }),
      account(),
      account({ account: "333333333333", organizationManagementAccount: OTHER_ACCOUNT }),
    ];
    expect(findingsOf(iamRoleTrustOpen, records)).toHaveLength(1);
  });

  it("passes an account of checks.trustedAccounts", () => {
    expect(
      findingsOf(iamRoleTrustOpen, [trustedBy({ AWS: outside }), account()], {
        trustedAccounts: [OTHER_ACCOUNT],
      }),
    ).toEqual([]);
  });

  it("passes an outside account (and even *) with a condition such as sts:ExternalId", () => {
    const condition = { Condition: { StringEquals: { "sts:ExternalId": "vendor-123" } } };
    expect(findingsOf(iamRoleTrustOpen, [trustedBy({ AWS: outside }, condition), account()])).toEqual([]);
  });

  it.each<[string, unknown]>([
    ["a service", { Service: ["lambda.amazonaws.com", "ecs-tasks.amazonaws.com"] }],
    ["a federated identity provider", { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/okta` }],
  ])("passes %s", (_, principal) => {
    expect(findingsOf(iamRoleTrustOpen, [trustedBy(principal), account()])).toEqual([]);
  });

  it("lists only the open principals of a mixed statement", () => {
    const findings = findingsOf(iamRoleTrustOpen, [
      trustedBy({ AWS: [`arn:aws:iam::${ACCOUNT}:root`, outside], Service: "ec2.amazonaws.com" }),
      account(),
    ]);
    expect(findings[0]?.evidence).toEqual({ principals: [outside] });
  });

  it("is not applicable to a service-linked role or one without a trust policy", () => {
    const slr = iamRole("AWSServiceRoleForX", {
      isServiceLinked: true,
      trustPolicy: policyDocument({ Effect: "Allow", Principal: "*" }),
    });
    expect(summary(iamRoleTrustOpen, [slr, account()]).evaluated).toBe(0);
    expect(summary(iamRoleTrustOpen, [iamRole("r", { trustPolicy: undefined }), account()]).evaluated).toBe(
      0,
    );
  });

  it("reads a plain document; a still URL-encoded one is an error, never a pass", () => {
    // The collector decodes IAM's URL-encoded documents (decodeDocument); the check reads JSON.
    const plain = policyDocument({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" });
    expect(findingsOf(iamRoleTrustOpen, [iamRole("r", { trustPolicy: plain }), account()])[0]?.severity).toBe(
      "critical",
    );
    const encoded = encodeURIComponent(plain);
    const findings = findingsOf(iamRoleTrustOpen, [iamRole("r", { trustPolicy: encoded }), account()]);
    expect(findings.map((f) => f.status)).toEqual(["error"]);
  });
});
