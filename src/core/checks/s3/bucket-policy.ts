/** What the S3 checks read in bucket policies and Block Public Access settings. */
import type { BucketRecord, PublicAccessBlock } from "../../audit/records.js";
import { hasCondition, principalsOf, statementsOf, valuesOf } from "../iam/policy-document.js";

/** Allow statements open to everyone (`*` principal) with no condition. */
export function publicAllowStatements(
  policy: string | undefined,
): { sid: string | null; actions: string[] }[] {
  if (policy === undefined) return [];
  return statementsOf(policy)
    .filter(
      (s) =>
        s.Effect === "Allow" &&
        !hasCondition(s) &&
        principalsOf(s).some((p) => p.kind === "AWS" && p.value === "*"),
    )
    .map((s) => ({ sid: s.Sid ?? null, actions: valuesOf(s.Action) }));
}

/** True when a statement denies requests not made over TLS (aws:SecureTransport false). */
export function deniesInsecureTransport(policy: string | undefined): boolean {
  if (policy === undefined) return false;
  return statementsOf(policy).some(
    (s) =>
      s.Effect === "Deny" &&
      Object.entries(s.Condition ?? {}).some(
        ([operator, values]) =>
          /^Bool(IfExists)?$/.test(operator) &&
          Object.entries(values).some(
            ([key, value]) =>
              key.toLowerCase() === "aws:securetransport" && valuesOf(value).includes("false"),
          ),
      ),
  );
}

export function allBlocked(b: PublicAccessBlock | undefined): boolean {
  return (
    b !== undefined &&
    b.blockPublicAcls &&
    b.ignorePublicAcls &&
    b.blockPublicPolicy &&
    b.restrictPublicBuckets
  );
}

/** The Block Public Access settings that are off (all four when none is configured). */
export function blockGaps(b: PublicAccessBlock | undefined): string[] {
  const names: (keyof PublicAccessBlock)[] = [
    "blockPublicAcls",
    "ignorePublicAcls",
    "blockPublicPolicy",
    "restrictPublicBuckets",
  ];
  return names.filter((n) => b === undefined || !b[n]);
}

/** Whether Block Public Access (the bucket's or the account's) neutralises public ACLs / policies. */
export function neutralised(
  bucket: BucketRecord,
  account: PublicAccessBlock | undefined,
  what: "acl" | "policy",
): boolean {
  const on = (b: PublicAccessBlock | undefined) =>
    b !== undefined && (what === "acl" ? b.ignorePublicAcls : b.restrictPublicBuckets);
  return on(bucket.publicAccessBlock) || on(account);
}
