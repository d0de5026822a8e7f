/**
 * Deliberate problems built into the demo and generated estates, so every audit has
 * something to find and tests know exactly what it should find.
 *
 * Each kind has a precise definition (below): apart from the planted resources, nothing in
 * an estate built by demo.ts or generate.ts meets it.
 */
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
  /** A resource tagged with Name/Environment/Application but no Owner and no CostCenter. */
  "partially-tagged-resource",
  /** An IAM user with a console password and no MFA device. */
  "iam-user-no-mfa",
  /** An active access key created more than 90 days before the estate's capturedAt. */
  "iam-access-key-old",
  /** An active access key never used, or last used more than 90 days before capturedAt. */
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
] as const;

export type PlantedProblemKind = (typeof PLANTED_PROBLEM_KINDS)[number];

export interface PlantedProblem {
  problem: PlantedProblemKind;
  /** The resource's id (instance id, bucket name, user name, access key id, DB identifier, LB ARN, trail name…). */
  resourceId: string;
  account: string;
  /** The region, or `global` for IAM. Buckets carry their own region. */
  region: string;
}

/** Untagged-resource / partially-tagged-resource apply to these. */
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
