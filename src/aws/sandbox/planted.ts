/**
 * Deliberate problems built into the demo and generated estates, so every audit has
 * something to find and tests know exactly what it should find.
 *
 * Each kind has a precise definition (below): apart from the planted resources, nothing in
 * an estate built by demo.ts or generate.ts meets it.
 */
import { PREVIOUS_GENERATION_FAMILIES } from "../../core/checks/ec2/previous-generation-type.js";

export const PLANTED_PROBLEM_KINDS = [
  /** A bucket whose policy is public, with no public access block. */
  "s3-public-bucket",
  /** A security group allowing 0.0.0.0/0 on TCP port 22. */
  "sg-open-ssh-ipv4",
  /** A security group allowing ::/0 on TCP port 3389. */
  "sg-open-rdp-ipv6",
  /**
   * A security group with an ingress rule opening more than 1000 TCP/UDP ports to a CIDR
   * (planted ones use 10.0.0.0/8, so they are not also open to the world).
   */
  "sg-wide-port-range",
  /** A non-default security group no network interface uses. */
  "sg-unused",
  /** An EBS volume with no attachment. */
  "ebs-unattached-volume",
  /** An Elastic IP with no association. */
  "eip-unassociated",
  /** A taggable resource (instance, volume, snapshot, bucket, DB, function, LB, EIP) with no tags at all. */
  "untagged-resource",
  /**
   * A resource tagged with Name/Environment/Application but no Owner and no CostCenter. Every
   * other resource an owner would tag carries Owner, Environment and CostCenter (see
   * tagging.ts); only what AWS creates and manages stays untagged.
   */
  "partially-tagged-resource",
  /**
   * A taggable resource (TAGGABLE_RESOURCE_TYPES) whose Environment value is not one of
   * ALLOWED_ENVIRONMENT_TAG_VALUES (e.g. `Production`, differing only in case, or `prod`) or
   * whose CostCenter does not match COST_CENTER_TAG_PATTERN. Nothing else in an estate has
   * such a value.
   */
  "tag-invalid-value",
  /** An IAM user with a console password and no MFA device. */
  "iam-user-no-mfa",
  /** An active access key created more than 90 days before the estate's capturedAt. */
  "iam-access-key-old",
  /**
   * An active access key last used more than 90 days before capturedAt, or never used and
   * created more than 90 days before (so it is also `iam-access-key-old`).
   */
  "iam-access-key-unused",
  /** A DB instance with storage encryption off. */
  "rds-unencrypted",
  /** A DB instance that is publicly accessible. */
  "rds-public",
  /** A load balancer with no healthy target and no requests in the last 7 days. */
  "elb-idle",
  /** A network interface that is not attached and not managed by an AWS service. */
  "eni-orphaned",
  /** A completed snapshot started more than 365 days before capturedAt. */
  "ebs-snapshot-old",
  /** A CloudTrail trail whose logging is stopped. */
  "cloudtrail-logging-stopped",
  /** A bucket whose ACL grants access to AllUsers or AuthenticatedUsers (`aclIsPublic`). */
  "s3-public-acl",
  /** A bucket with no bucket-level public access block, or one with any of its four settings false. */
  "s3-bucket-public-access-block-off",
  /**
   * An account with no account-level (S3 Control) public access block, or one with any of its
   * four settings false. resourceId: the account id; region `global`.
   */
  "s3-account-public-access-block-off",
  /** A bucket whose versioning is not `Enabled` (never enabled, or Suspended). */
  "s3-versioning-off",
  /**
   * A bucket without a policy statement denying requests when aws:SecureTransport is false
   * (Effect Deny, Condition `Bool` `aws:SecureTransport` `false`), including a bucket with no policy.
   */
  "s3-no-tls-policy",
  /** An account whose root user has no MFA. resourceId: the account id; region `global`. */
  "iam-root-mfa-off",
  /** An account whose root user has access keys. resourceId: the account id; region `global`. */
  "iam-root-access-keys",
  /**
   * A user (by a policy attached or embedded in it, or in one of its groups) or a role (attached
   * or inline) with AdministratorAccess or any policy with an Allow statement whose Action and
   * Resource both include `*`. resourceId: the user or role name. By design, every member
   * account's OrganizationAccountAccessRole has AdministratorAccess (as AWS Organizations
   * creates it), so each is planted and listed.
   */
  "iam-admin-access",
  /**
   * An account with no password policy, or one with MinimumPasswordLength < 14, any of the four
   * character requirements off, or PasswordReusePrevention absent or < 24. resourceId: the
   * account id; region `global`.
   */
  "iam-password-policy-weak",
  /**
   * A role whose trust admits `*`, or a principal of an account that is neither in the
   * estate's organization nor the role's own account, without a Condition (`trustCondition`).
   * Service principals never count.
   */
  "iam-role-trust-open",
  // Regional security, security-group, cleanup and Well-Architected kinds. resourceId is the
  // resource's id; region-level kinds use the region name, account-level kinds the account id
  // with region `global`.
  /**
   * A region of the account (an entry of its `regions`) where EBS encryption by default is
   * off (`ebsEncryptionByDefault` false or absent). resourceId: the region name.
   */
  "ebs-encryption-by-default-off",
  /** An EBS volume that is not encrypted. */
  "ebs-volume-unencrypted",
  /** A completed snapshot the account owns that is not encrypted (public snapshots included). */
  "ebs-snapshot-unencrypted",
  /** A snapshot whose createVolumePermission includes the group `all` (`isPublic`). */
  "ebs-snapshot-public",
  /** An RDS DB snapshot whose `restore` attribute includes `all` (`isPublic`). resourceId: the snapshot identifier. */
  "rds-snapshot-public",
  /** A VPC with no ACTIVE flow log whose resource is the VPC. */
  "vpc-flow-logs-off",
  /**
   * A VPC's `default` security group with any ingress or egress rule. The builders give
   * every clean default group no rule at all (the CIS hardened state); AWS creates it with a
   * self-referencing ingress rule and an allow-all egress rule.
   */
  "sg-default-allows-traffic",
  /**
   * By design, not a defect: a security group used only by load balancers (ELBv2 or classic:
   * no instance and no interface other than the balancers' own use it) with an ingress rule
   * allowing 0.0.0.0/0 or ::/0 on TCP port 80 or 443 exactly. Every one is listed; audits
   * report them at low severity.
   */
  "sg-open-ingress-web-lb",
  /**
   * A security group with an ingress permission another ingress permission of the group
   * already allows: the same protocol, a port range within the other's (protocol `-1` has
   * none), and a CIDR within the other's CIDR (same family) or the same security group peer.
   * Permissions are counted one peer at a time (an exact duplicate peer counts).
   */
  "sg-redundant-rule",
  /**
   * A stopped instance that stopped more than 30 days before capturedAt, per its
   * StateTransitionReason `User initiated (YYYY-MM-DD HH:MM:SS GMT)`.
   */
  "ec2-instance-stopped-long",
  /**
   * An account with no logging multi-region trail it can see (its own, or the organization's
   * trail seen from a member account). Account-level: resourceId the account id, region
   * `global`. Planted by the generator only: the demo's organization trail covers every
   * account.
   */
  "cloudtrail-no-multi-region",
  /** A trail (its ARN, in its home region, owning account) with log file validation off. */
  "cloudtrail-log-validation-off",
  /** A trail (its ARN, in its home region, owning account) whose logs are not encrypted with a KMS key. */
  "cloudtrail-not-kms-encrypted",
  /** A DB instance that is not Multi-AZ and not a member of an Aurora cluster. */
  "rds-single-az",
  /** A DB instance with automated backups off (BackupRetentionPeriod 0). */
  "rds-backups-off",
  /** A non-default VPC with at least one subnet, all its subnets in one availability zone. */
  "vpc-single-az",
  /** An instance (any state but terminated) whose type is of PREVIOUS_GENERATION_INSTANCE_FAMILIES. */
  "ec2-previous-generation",
  /** An EBS volume of type gp2. */
  "ebs-gp2-volume",
] as const;

/** The kinds the demo cannot plant (see each kind's definition); the generator plants them. */
export const GENERATOR_ONLY_PROBLEM_KINDS: readonly PlantedProblemKind[] = ["cloudtrail-no-multi-region"];

/**
 * Previous-generation EC2 instance families (the part of the type before the dot): an
 * instance of one of them meets `ec2-previous-generation`. The check's own list: one source.
 */
export const PREVIOUS_GENERATION_INSTANCE_FAMILIES: readonly string[] = PREVIOUS_GENERATION_FAMILIES;

/** How long a stopped instance may stay stopped before it meets `ec2-instance-stopped-long`. */
export const STOPPED_LONG_DAYS = 30;

export type PlantedProblemKind = (typeof PLANTED_PROBLEM_KINDS)[number];

export interface PlantedProblem {
  problem: PlantedProblemKind;
  /**
   * The resource's id (instance id, bucket name, user or role name, access key id, DB
   * identifier, LB ARN, trail ARN…), or the account id for account-level kinds.
   */
  resourceId: string;
  account: string;
  /**
   * The region, or `global` for IAM and account-level kinds. Buckets carry their own region,
   * trails their home region.
   */
  region: string;
}

/** Untagged-resource, partially-tagged-resource and tag-invalid-value apply to these. */
export const TAGGABLE_RESOURCE_TYPES = [
  "instance",
  "volume",
  "snapshot",
  "bucket",
  "db-instance",
  "function",
  "load-balancer",
  "elastic-ip",
] as const;

/** The tags every fully tagged resource carries. */
export const STANDARD_TAG_KEYS = ["Name", "Owner", "Environment", "CostCenter", "Application"] as const;

/**
 * The Environment values a resource may carry: the demo policy's (config/demo.yaml) and the
 * built-in one's (`test`) together. The demo uses no `test`; generated estates tag their
 * management account's resources `production` (the built-in policy has no `management`).
 */
export const ALLOWED_ENVIRONMENT_TAG_VALUES = [
  "management",
  "sandbox",
  "development",
  "test",
  "staging",
  "production",
] as const;

/** The CostCenter pattern (the demo policy's; it also meets the built-in `^CC-[0-9]+$`). */
export const COST_CENTER_TAG_PATTERN = /^CC-[0-9]{4}$/;
