/**
 * The normalised shape of one inventoried AWS resource. Collectors (src/aws/collectors)
 * turn SDK responses into these; reports render them. No SDK types leak past this point.
 */
export type InventoryService = "ec2" | "ebs" | "s3" | "rds" | "lambda" | "vpc";

export type ResourceType = "instance" | "volume" | "bucket" | "db-instance" | "function" | "vpc" | "subnet";

export type AttributeValue = string | number | boolean | null;

export interface ResourceRecord {
  service: InventoryService;
  type: ResourceType;
  /** The AWS id: instance id, volume id, bucket name, DB instance identifier, function name, vpc/subnet id. */
  id: string;
  arn: string;
  /** The Name tag, or the resource's own name where it has one. */
  name: string | undefined;
  account: string;
  region: string;
  /** Lifecycle state as AWS reports it (running, available, in-use, Active…), when the resource has one. */
  state: string | undefined;
  tags: Record<string, string>;
  /** A few service-specific facts worth showing (instance type, size, engine, runtime, CIDR…). */
  attributes: Record<string, AttributeValue>;
}

/** How each service's resources are named to people (progress, announcements, reports). */
export const INVENTORY_SERVICE_LABELS: Readonly<Record<InventoryService, string>> = {
  ec2: "EC2 instances",
  ebs: "EBS volumes",
  vpc: "VPCs and subnets",
  s3: "S3 buckets",
  rds: "RDS DB instances",
  lambda: "Lambda functions",
};
