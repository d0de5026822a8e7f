/**
 * The S3 checks on the cases that decide their verdicts: what makes a bucket policy public,
 * how the TLS-only statement is recognised, and how Block Public Access (the bucket's or the
 * account's) lowers the severity of a public ACL or policy without hiding it.
 */
import { describe, expect, it } from "vitest";
import type { AuditRecord } from "../../../src/core/audit/records.js";
import type { AnyCheck } from "../../../src/core/checks/check.js";
import { s3AccountPublicAccessBlockOff } from "../../../src/core/checks/s3/account-public-access-block-off.js";
import { s3BucketPublicAccessBlockOff } from "../../../src/core/checks/s3/bucket-public-access-block-off.js";
import { s3BucketPublicAcl } from "../../../src/core/checks/s3/bucket-public-acl.js";
import { s3BucketPublicPolicy } from "../../../src/core/checks/s3/bucket-public-policy.js";
import { s3BucketTlsOnly } from "../../../src/core/checks/s3/bucket-tls-only.js";
import { s3BucketVersioningOff } from "../../../src/core/checks/s3/bucket-versioning-off.js";
import {
  account,
  bucket,
  DENY_INSECURE_TRANSPORT,
  policyDocument,
  publicAccessBlock,
  runChecks,
} from "./_records.js";

/** The findings of one check over the records (`[]`: it passed or did not apply). */
function findingsOf(check: AnyCheck, records: AuditRecord[]) {
  return runChecks([check], records).findings;
}

const allow = (principal: unknown, extra: Record<string, unknown> = {}) => ({
  Effect: "Allow",
  Principal: principal,
  Action: "s3:GetObject",
  Resource: "arn:aws:s3:::bucket-1/*",
  ...extra,
});

describe("s3.bucket-public-policy", () => {
  const open = { publicAccessBlock: undefined, isPolicyPublic: undefined };
  const noAccountBlock = account({ publicAccessBlock: undefined });

  it.each<[string, unknown]>([
    ['"*"', "*"],
    ['{"AWS":"*"}', { AWS: "*" }],
    ['{"AWS":["*"]}', { AWS: ["*"] }],
  ])("is public for Allow to the principal %s without a condition", (_, principal) => {
    const findings = findingsOf(s3BucketPublicPolicy, [
      bucket("bucket-1", { ...open, policy: policyDocument(allow(principal)) }),
      noAccountBlock,
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      status: "fail",
      severity: "critical",
      evidence: { statements: [{ sid: null, actions: ["s3:GetObject"] }], isPolicyPublic: null },
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ["with a condition", allow("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } })],
    ["to a named account", allow({ AWS: "arn:aws:iam::222222222222:root" })],
    ["to a service", allow({ Service: "cloudfront.amazonaws.com" })],
    ["for a Deny", { ...allow("*"), Effect: "Deny" }],
  ])("is not public %s", (_, statement) => {
    expect(
      findingsOf(s3BucketPublicPolicy, [
        bucket("bucket-1", { ...open, policy: policyDocument(statement) }),
        noAccountBlock,
      ]),
    ).toEqual([]);
  });

  it("reads a single statement that is not in a list", () => {
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: allow("*") });
    expect(
      findingsOf(s3BucketPublicPolicy, [bucket("bucket-1", { ...open, policy }), noAccountBlock]),
    ).toHaveLength(1);
  });

  it("does not count the TLS-only Deny statement (principal *) as public", () => {
    expect(
      findingsOf(s3BucketPublicPolicy, [
        bucket("bucket-1", { ...open, policy: policyDocument(DENY_INSECURE_TRANSPORT) }),
        noAccountBlock,
      ]),
    ).toEqual([]);
  });

  it("fails on S3's own verdict (isPolicyPublic) alone", () => {
    const findings = findingsOf(s3BucketPublicPolicy, [
      bucket("bucket-1", { ...open, policy: policyDocument(DENY_INSECURE_TRANSPORT), isPolicyPublic: true }),
      noAccountBlock,
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toBe("bucket bucket-1 has a public policy");
    expect(findings[0]).toMatchObject({
      severity: "critical",
      evidence: { statements: [], isPolicyPublic: true },
    });
  });

  it.each<[string, AuditRecord[]]>([
    [
      "the bucket's restrictPublicBuckets",
      [
        bucket("bucket-1", {
          policy: policyDocument(allow("*")),
          publicAccessBlock: publicAccessBlock("blockPublicPolicy"),
        }),
        noAccountBlock,
      ],
    ],
    [
      "the account's restrictPublicBuckets",
      [
        bucket("bucket-1", { policy: policyDocument(allow("*")), publicAccessBlock: undefined }),
        account({ publicAccessBlock: publicAccessBlock("blockPublicAcls", "ignorePublicAcls") }),
      ],
    ],
  ])("is medium, not critical, when %s neutralises it", (_, records) => {
    const findings = findingsOf(s3BucketPublicPolicy, records);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "medium",
      evidence: { isBlockedByPublicAccessBlock: true },
    });
    expect(findings[0]?.message).toContain("(restricted while Block Public Access is on)");
  });

  it("stays critical when only ignorePublicAcls (which does not affect policies) is on", () => {
    const findings = findingsOf(s3BucketPublicPolicy, [
      bucket("bucket-1", {
        policy: policyDocument(allow("*")),
        publicAccessBlock: publicAccessBlock("blockPublicPolicy", "restrictPublicBuckets"),
      }),
      noAccountBlock,
    ]);
    expect(findings[0]).toMatchObject({
      severity: "critical",
      evidence: { isBlockedByPublicAccessBlock: false },
    });
  });

  it("reports an error, never a pass, for a policy that is not JSON", () => {
    const findings = findingsOf(s3BucketPublicPolicy, [bucket("bucket-1", { policy: "{not json" })]);
    expect(findings.map((f) => f.status)).toEqual(["error"]);
  });
});

describe("s3.bucket-public-acl", () => {
  const grants = [
    { grantee: "AllUsers" as const, permission: "READ" },
    { grantee: "AuthenticatedUsers" as const, permission: "WRITE" },
  ];

  it("is critical when nothing blocks the grants, and lists each", () => {
    const findings = findingsOf(s3BucketPublicAcl, [
      bucket("bucket-1", { publicGrants: grants, publicAccessBlock: publicAccessBlock("ignorePublicAcls") }),
      account({ publicAccessBlock: publicAccessBlock("ignorePublicAcls") }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "critical",
      evidence: { isBlockedByPublicAccessBlock: false },
    });
    expect(findings[0]?.message).toBe("bucket bucket-1 grants READ to AllUsers, WRITE to AuthenticatedUsers");
  });

  it.each<[string, AuditRecord[]]>([
    [
      "the bucket's ignorePublicAcls",
      [
        bucket("bucket-1", { publicGrants: grants, publicAccessBlock: publicAccessBlock("blockPublicAcls") }),
        account({ publicAccessBlock: undefined }),
      ],
    ],
    [
      "the account's ignorePublicAcls",
      [
        bucket("bucket-1", { publicGrants: grants, publicAccessBlock: undefined }),
        account({ publicAccessBlock: publicAccessBlock("restrictPublicBuckets") }),
      ],
    ],
  ])("is medium when %s neutralises them", (_, records) => {
    const findings = findingsOf(s3BucketPublicAcl, records);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "medium",
      evidence: { isBlockedByPublicAccessBlock: true },
    });
    expect(findings[0]?.message).toContain("(ignored while Block Public Access is on)");
  });

  it("stays critical when only restrictPublicBuckets (which does not affect ACLs) is on", () => {
    const findings = findingsOf(s3BucketPublicAcl, [
      bucket("bucket-1", {
        publicGrants: grants,
        publicAccessBlock: publicAccessBlock("blockPublicAcls", "ignorePublicAcls"),
      }),
      account({ publicAccessBlock: undefined }),
    ]);
    expect(findings[0]?.severity).toBe("critical");
  });

  it("ignores another account's Block Public Access", () => {
    const findings = findingsOf(s3BucketPublicAcl, [
      bucket("bucket-1", { publicGrants: grants, publicAccessBlock: undefined }),
      account({ account: "222222222222" }),
    ]);
    expect(findings[0]?.severity).toBe("critical");
  });
});

describe("s3.bucket-tls-only", () => {
  const deny = (condition: Record<string, unknown>) =>
    policyDocument({ ...DENY_INSECURE_TRANSPORT, Condition: condition });

  it.each<[string, Record<string, unknown>]>([
    ['Bool "false"', { Bool: { "aws:SecureTransport": "false" } }],
    ["Bool false (a boolean)", { Bool: { "aws:SecureTransport": false } }],
    ['BoolIfExists "false"', { BoolIfExists: { "aws:SecureTransport": "false" } }],
    ["Bool [false] (a list)", { Bool: { "aws:SecureTransport": [false] } }],
    ["the key in another case", { Bool: { "aws:securetransport": "false" } }],
  ])("passes with a Deny on %s", (_, condition) => {
    expect(findingsOf(s3BucketTlsOnly, [bucket("bucket-1", { policy: deny(condition) })])).toEqual([]);
  });

  it.each<[string, string | undefined]>([
    ["no policy", undefined],
    ["an Allow on SecureTransport false", policyDocument({ ...DENY_INSECURE_TRANSPORT, Effect: "Allow" })],
    ['a Deny on SecureTransport "true"', deny({ Bool: { "aws:SecureTransport": "true" } })],
    ["a Deny on another key", deny({ Bool: { "aws:ViaAWSService": "false" } })],
    ["a Deny with a StringEquals operator", deny({ StringEquals: { "aws:SecureTransport": "false" } })],
  ])("fails with %s", (_, policy) => {
    const findings = findingsOf(s3BucketTlsOnly, [bucket("bucket-1", { policy })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: "fail", evidence: { hasPolicy: policy !== undefined } });
  });
});

describe("Block Public Access partly off", () => {
  it("lists the bucket's settings that are off", () => {
    const findings = findingsOf(s3BucketPublicAccessBlockOff, [
      bucket("bucket-1", { publicAccessBlock: publicAccessBlock("ignorePublicAcls") }),
    ]);
    expect(findings[0]?.message).toBe("bucket bucket-1 has Block Public Access partly off: ignorePublicAcls");
    expect(findings[0]?.evidence).toEqual({ off: ["ignorePublicAcls"], isConfigured: true });
  });

  it("reports an account with none configured as all four off", () => {
    const findings = findingsOf(s3AccountPublicAccessBlockOff, [account({ publicAccessBlock: undefined })]);
    expect(findings[0]?.message).toBe("111111111111 has no account-level Block Public Access");
    expect(findings[0]?.evidence).toEqual({
      off: ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"],
      isConfigured: false,
    });
  });
});

describe("s3.bucket-versioning-off", () => {
  it("says never enabled when versioning is unset", () => {
    const findings = findingsOf(s3BucketVersioningOff, [bucket("bucket-1", { versioning: undefined })]);
    expect(findings[0]?.message).toBe("bucket bucket-1 has versioning never enabled");
    expect(findings[0]?.evidence).toEqual({ versioning: null });
  });
});
