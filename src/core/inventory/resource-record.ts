/**
 * The normalised shape of one inventoried AWS resource. Collectors (src/aws/collectors)
 * turn SDK responses into these; reports render them. No SDK types leak past this point.
 */

/** The inventory's services: the names `--services` takes (stable: scripts and docs use them). */
export type InventoryService =
  "ec2" | "ebs" | "vpc" | "s3" | "rds" | "lambda" | "elb" | "iam" | "cloudtrail" | "kms";

/**
 * The kinds of resource, each belonging to one service:
 * ec2: instance, elastic-ip, image · ebs: volume, snapshot · vpc: vpc, subnet, route-table,
 * internet-gateway, nat-gateway, network-acl, security-group, network-interface · s3: bucket ·
 * rds: db-instance, db-cluster · lambda: function · elb: load-balancer, target-group ·
 * iam: user, role, policy · cloudtrail: trail · kms: key.
 */
export type ResourceType =
  | "instance"
  | "elastic-ip"
  | "image"
  | "volume"
  | "snapshot"
  | "vpc"
  | "subnet"
  | "route-table"
  | "internet-gateway"
  | "nat-gateway"
  | "network-acl"
  | "security-group"
  | "network-interface"
  | "bucket"
  | "db-instance"
  | "db-cluster"
  | "function"
  | "load-balancer"
  | "target-group"
  | "user"
  | "role"
  | "policy"
  | "trail"
  | "key";

/** Each service's resource types, as `service:type` names them (tag rules, `--types`). */
export const RESOURCE_TYPES_BY_SERVICE: Readonly<Record<InventoryService, readonly ResourceType[]>> = {
  ec2: ["instance", "elastic-ip", "image"],
  ebs: ["volume", "snapshot"],
  vpc: [
    "vpc",
    "subnet",
    "route-table",
    "internet-gateway",
    "nat-gateway",
    "network-acl",
    "security-group",
    "network-interface",
  ],
  s3: ["bucket"],
  rds: ["db-instance", "db-cluster"],
  lambda: ["function"],
  elb: ["load-balancer", "target-group"],
  iam: ["user", "role", "policy"],
  cloudtrail: ["trail"],
  kms: ["key"],
};

/** Every `service:type` name. */
export const RESOURCE_TYPE_NAMES: readonly string[] = Object.entries(RESOURCE_TYPES_BY_SERVICE).flatMap(
  ([service, types]) => types.map((t) => `${service}:${t}`),
);

/** The `service:type` names given that are not resource types (empty when all are). */
export function unknownResourceTypes(types: readonly string[]): string[] {
  return types.filter((t) => !RESOURCE_TYPE_NAMES.includes(t));
}

export type AttributeValue = string | number | boolean | null;

/** The region of resources that belong to the account, not to a region (IAM). */
export const GLOBAL_REGION = "global";

export interface ResourceRecord {
  service: InventoryService;
  type: ResourceType;
  /**
   * The AWS id: instance/volume/snapshot/VPC… id, the allocation id of an Elastic IP, the
   * image id, bucket name, DB instance/cluster identifier, function name, load balancer ARN
   * (a classic load balancer's name), target group ARN, IAM user/role name, IAM policy ARN,
   * trail ARN, KMS key id.
   */
  id: string;
  arn: string;
  /** The Name tag, or the resource's own name where it has one. */
  name: string | undefined;
  account: string;
  /** The region the resource lives in; `global` for IAM. */
  region: string;
  /** Lifecycle state as AWS reports it (running, available, in-use, Active…), when the resource has one. */
  state: string | undefined;
  tags: Record<string, string>;
  /** A few service-specific facts worth showing (instance type, size, engine, runtime, CIDR…). */
  attributes: Record<string, AttributeValue>;
}

/** How each service's resources are named to people (progress, announcements, reports). */
export const INVENTORY_SERVICE_LABELS: Readonly<Record<InventoryService, string>> = {
  ec2: "EC2 instances, Elastic IPs and AMIs",
  ebs: "EBS volumes and snapshots",
  vpc: "VPC networking",
  s3: "S3 buckets",
  rds: "RDS DB instances and clusters",
  lambda: "Lambda functions",
  elb: "Load balancers and target groups",
  iam: "IAM users, roles and policies",
  cloudtrail: "CloudTrail trails",
  kms: "KMS keys",
};
