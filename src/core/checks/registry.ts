/**
 * Every check, and how a workflow picks its own. Adding a check is adding its file and a line
 * here; docs/checks.md is generated from this list (`npm run gen:checks-doc`).
 */
import type { AnyCheck, CheckPack, Pillar } from "./check.js";
import { cloudtrailNoMultiRegionTrail } from "./cloudtrail/no-multi-region-trail.js";
import { cloudtrailLoggingStopped } from "./cloudtrail/logging-stopped.js";
import { cloudtrailLogValidationOff } from "./cloudtrail/log-validation-off.js";
import { cloudtrailNotKmsEncrypted } from "./cloudtrail/not-kms-encrypted.js";
import { snapshotPublic } from "./ebs/snapshot-public.js";
import { ebsEncryptionByDefaultOff } from "./ec2/ebs-encryption-by-default-off.js";
import { iamAccessKeyOld } from "./iam/access-key-old.js";
import { iamAccessKeyUnused } from "./iam/access-key-unused.js";
import { iamRoleAdminAccess } from "./iam/role-admin-access.js";
import { iamUserAdminAccess } from "./iam/user-admin-access.js";
import { iamPasswordPolicyWeak } from "./iam/password-policy-weak.js";
import { iamRoleTrustOpen } from "./iam/role-trust-open.js";
import { iamRootAccessKeys } from "./iam/root-access-keys.js";
import { iamRootMfaOff } from "./iam/root-mfa-off.js";
import { iamUserConsoleNoMfa } from "./iam/user-console-no-mfa.js";
import { rdsSnapshotPublic } from "./rds/snapshot-public.js";
import { s3AccountPublicAccessBlockOff } from "./s3/account-public-access-block-off.js";
import { s3BucketDefaultEncryption } from "./s3/bucket-default-encryption.js";
import { s3BucketPublicAccessBlockOff } from "./s3/bucket-public-access-block-off.js";
import { s3BucketPublicAcl } from "./s3/bucket-public-acl.js";
import { s3BucketPublicPolicy } from "./s3/bucket-public-policy.js";
import { s3BucketTlsOnly } from "./s3/bucket-tls-only.js";
import { s3BucketVersioningOff } from "./s3/bucket-versioning-off.js";
import { vpcFlowLogsOff } from "./vpc/flow-logs-off.js";
import { vpcSingleAz } from "./vpc/single-az.js";
import { volumeUnattached } from "./ebs/volume-unattached.js";
import { volumeUnencrypted } from "./ebs/volume-unencrypted.js";
import { gp2Volume } from "./ebs/gp2-volume.js";
import { snapshotOld } from "./ebs/snapshot-old.js";
import { snapshotUnencrypted } from "./ebs/snapshot-unencrypted.js";
import { eipUnassociated } from "./ec2/eip-unassociated.js";
import { eniOrphaned } from "./ec2/eni-orphaned.js";
import { instanceStoppedLong } from "./ec2/instance-stopped-long.js";
import { previousGenerationType } from "./ec2/previous-generation-type.js";
import { sgDefaultAllowsTraffic } from "./ec2/sg-default-allows-traffic.js";
import { sgOpenIngress } from "./ec2/sg-open-ingress.js";
import { sgRedundantRule } from "./ec2/sg-redundant-rule.js";
import { sgUnused } from "./ec2/sg-unused.js";
import { sgWidePortRange } from "./ec2/sg-wide-port-range.js";
import { loadBalancerIdle } from "./elb/load-balancer-idle.js";
import { rdsBackupsOff } from "./rds/backups-off.js";
import { rdsMultiAzOff } from "./rds/multi-az-off.js";
import { rdsPubliclyAccessible } from "./rds/publicly-accessible.js";
import { rdsStorageUnencrypted } from "./rds/storage-unencrypted.js";
import { tagsInvalidValue } from "./tags/invalid-value.js";
import { tagsMissingRequired } from "./tags/missing-required.js";

export const ALL_CHECKS: readonly AnyCheck[] = [
  s3BucketPublicAcl,
  s3BucketPublicPolicy,
  s3BucketPublicAccessBlockOff,
  s3AccountPublicAccessBlockOff,
  s3BucketDefaultEncryption,
  s3BucketVersioningOff,
  s3BucketTlsOnly,
  iamRootMfaOff,
  iamRootAccessKeys,
  iamUserConsoleNoMfa,
  iamAccessKeyOld,
  iamAccessKeyUnused,
  iamUserAdminAccess,
  iamRoleAdminAccess,
  iamPasswordPolicyWeak,
  iamRoleTrustOpen,
  cloudtrailNoMultiRegionTrail,
  cloudtrailLoggingStopped,
  cloudtrailLogValidationOff,
  cloudtrailNotKmsEncrypted,
  ebsEncryptionByDefaultOff,
  snapshotPublic,
  rdsSnapshotPublic,
  vpcFlowLogsOff,
  vpcSingleAz,
  sgOpenIngress,
  sgWidePortRange,
  sgUnused,
  sgRedundantRule,
  sgDefaultAllowsTraffic,
  eipUnassociated,
  eniOrphaned,
  instanceStoppedLong,
  previousGenerationType,
  volumeUnattached,
  volumeUnencrypted,
  gp2Volume,
  snapshotOld,
  snapshotUnencrypted,
  loadBalancerIdle,
  rdsStorageUnencrypted,
  rdsPubliclyAccessible,
  rdsMultiAzOff,
  rdsBackupsOff,
  tagsMissingRequired,
  tagsInvalidValue,
];

/**
 * The checks a workflow runs: those of its pack; for `review`, every check that serves the
 * pillar (whatever its pack), so a security review includes the security audit's checks —
 * except the tag checks, which read the whole inventory: `tag-compliance` runs those.
 */
export function checksFor(pack: CheckPack, pillar?: Pillar): AnyCheck[] {
  if (pack === "review") {
    if (pillar === undefined) return ALL_CHECKS.filter((c) => c.packs.includes("review"));
    return ALL_CHECKS.filter(
      (c) => c.appliesTo !== "tagged-resource" && c.wellArchitected.some((w) => w.pillar === pillar),
    );
  }
  return ALL_CHECKS.filter((c) => c.packs.includes(pack));
}
