/**
 * What the human-readable renderers (table, Markdown) show: one details section per resource
 * type, with the attributes worth a column, and the labels they share.
 */
import type {
  AttributeValue,
  InventoryService,
  ResourceRecord,
  ResourceType,
} from "../../core/inventory/resource-record.js";
import type { InventoryResult } from "../../core/inventory/inventory-result.js";

export interface DetailColumn {
  header: string;
  value: (record: ResourceRecord) => string;
}

export interface DetailSection {
  type: ResourceType;
  title: string;
  columns: DetailColumn[];
}

export const SERVICE_LABELS: Record<InventoryService, string> = {
  ec2: "EC2",
  ebs: "EBS",
  vpc: "VPC",
  s3: "S3",
  rds: "RDS",
  lambda: "Lambda",
  elb: "ELB",
  iam: "IAM",
  cloudtrail: "CloudTrail",
  kms: "KMS",
};

const attr =
  (key: string, unit = "") =>
  (r: ResourceRecord): string =>
    formatAttribute(r.attributes[key], unit);

/** A byte count as people read it (1024-based units), or "-" when unknown. */
export function formatBytes(value: AttributeValue | undefined): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return formatAttribute(value);
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let n = value;
  let unit = 0;
  while (Math.abs(n) >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${n.toFixed(1)} ${units[unit]}`;
}

const bytes =
  (key: string) =>
  (r: ResourceRecord): string =>
    formatBytes(r.attributes[key]);

const engine = (r: ResourceRecord): string =>
  [r.attributes["engine"], r.attributes["engineVersion"]].filter((v) => v != null).join(" ") || "-";

/**
 * Each resource type's section, in report order (by service, as INVENTORY_SERVICES lists them).
 * A Record, so a resource type without a section does not compile.
 */
const SECTIONS: Readonly<Record<ResourceType, Omit<DetailSection, "type">>> = {
  instance: {
    title: "EC2 instances",
    columns: [
      { header: "Type", value: attr("instanceType") },
      { header: "AZ", value: attr("availabilityZone") },
      { header: "Private IP", value: attr("privateIpAddress") },
      { header: "Public IP", value: attr("publicIpAddress") },
    ],
  },
  "elastic-ip": {
    title: "Elastic IPs",
    columns: [
      { header: "Public IP", value: attr("publicIp") },
      { header: "Associated", value: attr("isAssociated") },
      { header: "Instance", value: attr("instanceId") },
      { header: "Interface", value: attr("networkInterfaceId") },
    ],
  },
  image: {
    title: "AMIs (owned)",
    columns: [
      { header: "Image name", value: attr("imageName") },
      { header: "Created", value: attr("creationDate") },
      { header: "Architecture", value: attr("architecture") },
      { header: "Public", value: attr("isPublic") },
    ],
  },
  volume: {
    title: "EBS volumes",
    columns: [
      { header: "Size", value: attr("sizeGiB", " GiB") },
      { header: "Type", value: attr("volumeType") },
      { header: "Attached to", value: attr("attachedTo") },
      { header: "Encrypted", value: attr("isEncrypted") },
    ],
  },
  snapshot: {
    title: "EBS snapshots",
    columns: [
      { header: "Volume", value: attr("volumeId") },
      { header: "Size", value: attr("volumeSizeGiB", " GiB") },
      { header: "Started", value: attr("startTime") },
      { header: "Encrypted", value: attr("isEncrypted") },
    ],
  },
  vpc: {
    title: "VPCs",
    columns: [
      { header: "CIDR", value: attr("cidrBlock") },
      { header: "Default", value: attr("isDefault") },
    ],
  },
  subnet: {
    title: "Subnets",
    columns: [
      { header: "VPC", value: attr("vpcId") },
      { header: "CIDR", value: attr("cidrBlock") },
      { header: "AZ", value: attr("availabilityZone") },
      { header: "Public IP on launch", value: attr("isPublicIpOnLaunch") },
    ],
  },
  "route-table": {
    title: "Route tables",
    columns: [
      { header: "VPC", value: attr("vpcId") },
      { header: "Main", value: attr("isMain") },
      { header: "Subnets", value: attr("subnetAssociationCount") },
      { header: "Routes", value: attr("routeCount") },
      { header: "Default route", value: attr("defaultRouteTarget") },
    ],
  },
  "internet-gateway": {
    title: "Internet gateways",
    columns: [{ header: "VPC", value: attr("vpcId") }],
  },
  "nat-gateway": {
    title: "NAT gateways",
    columns: [
      { header: "VPC", value: attr("vpcId") },
      { header: "Subnet", value: attr("subnetId") },
      { header: "Connectivity", value: attr("connectivityType") },
      { header: "Public IP", value: attr("publicIp") },
    ],
  },
  "network-acl": {
    title: "Network ACLs",
    columns: [
      { header: "VPC", value: attr("vpcId") },
      { header: "Default", value: attr("isDefault") },
      { header: "Inbound rules", value: attr("inboundRuleCount") },
      { header: "Outbound rules", value: attr("outboundRuleCount") },
      { header: "Subnets", value: attr("subnetAssociationCount") },
    ],
  },
  "security-group": {
    title: "Security groups",
    columns: [
      { header: "Group name", value: attr("groupName") },
      { header: "VPC", value: attr("vpcId") },
      { header: "Inbound rules", value: attr("inboundRuleCount") },
      { header: "Outbound rules", value: attr("outboundRuleCount") },
    ],
  },
  "network-interface": {
    title: "Network interfaces",
    columns: [
      { header: "Type", value: attr("interfaceType") },
      { header: "Subnet", value: attr("subnetId") },
      { header: "Private IP", value: attr("privateIpAddress") },
      { header: "Attached to", value: attr("attachedTo") },
      { header: "AWS managed", value: attr("isRequesterManaged") },
    ],
  },
  bucket: {
    title: "S3 buckets",
    columns: [
      { header: "Created", value: attr("creationDate") },
      { header: "Size (Standard)", value: bytes("sizeBytes") },
      { header: "Objects", value: attr("objectCount") },
    ],
  },
  "db-instance": {
    title: "RDS DB instances",
    columns: [
      { header: "Engine", value: engine },
      { header: "Class", value: attr("instanceClass") },
      { header: "Multi-AZ", value: attr("isMultiAz") },
      { header: "Public", value: attr("isPubliclyAccessible") },
      { header: "Encrypted", value: attr("isStorageEncrypted") },
    ],
  },
  "db-cluster": {
    title: "RDS DB clusters",
    columns: [
      { header: "Engine", value: engine },
      { header: "Members", value: attr("memberCount") },
      { header: "Writer", value: attr("writerInstanceId") },
      { header: "Encrypted", value: attr("isStorageEncrypted") },
      { header: "Deletion protection", value: attr("isDeletionProtected") },
    ],
  },
  function: {
    title: "Lambda functions",
    columns: [
      { header: "Runtime", value: attr("runtime") },
      { header: "Memory", value: attr("memorySizeMiB", " MiB") },
      { header: "Last modified", value: attr("lastModified") },
    ],
  },
  "load-balancer": {
    title: "Load balancers",
    columns: [
      { header: "Type", value: attr("loadBalancerType") },
      { header: "Scheme", value: attr("scheme") },
      { header: "VPC", value: attr("vpcId") },
      { header: "DNS name", value: attr("dnsName") },
    ],
  },
  "target-group": {
    title: "Target groups",
    columns: [
      { header: "Protocol", value: attr("protocol") },
      { header: "Port", value: attr("port") },
      { header: "Target type", value: attr("targetType") },
      { header: "Healthy", value: attr("healthyCount") },
      { header: "Unhealthy", value: attr("unhealthyCount") },
      { header: "Load balancers", value: attr("loadBalancerCount") },
    ],
  },
  user: {
    title: "IAM users",
    columns: [
      { header: "Path", value: attr("path") },
      { header: "Created", value: attr("createDate") },
      { header: "Password last used", value: attr("passwordLastUsed") },
    ],
  },
  role: {
    title: "IAM roles",
    columns: [
      { header: "Path", value: attr("path") },
      { header: "Service-linked", value: attr("isServiceLinked") },
      { header: "Created", value: attr("createDate") },
    ],
  },
  policy: {
    title: "IAM customer managed policies",
    columns: [
      { header: "Path", value: attr("path") },
      { header: "Attachments", value: attr("attachmentCount") },
      { header: "Default version", value: attr("defaultVersionId") },
      { header: "Updated", value: attr("updateDate") },
    ],
  },
  trail: {
    title: "CloudTrail trails",
    columns: [
      { header: "Logging", value: attr("isLogging") },
      { header: "Multi-region", value: attr("isMultiRegion") },
      { header: "Organization", value: attr("isOrganizationTrail") },
      { header: "S3 bucket", value: attr("s3BucketName") },
      { header: "Log validation", value: attr("hasLogFileValidation") },
    ],
  },
  key: {
    title: "KMS keys",
    columns: [
      { header: "Managed by", value: attr("keyManager") },
      { header: "Aliases", value: attr("aliases") },
      { header: "Spec", value: attr("keySpec") },
      { header: "Usage", value: attr("keyUsage") },
    ],
  },
};

/** Sections in report order; resources of each type are shown in the result's order. */
export const DETAIL_SECTIONS: readonly DetailSection[] = (
  Object.entries(SECTIONS) as [ResourceType, Omit<DetailSection, "type">][]
).map(([type, section]) => ({ type, ...section }));

/** The header of a section's details table: the common columns, the section's own, the tag count. */
export function detailHeaders(section: DetailSection): string[] {
  return ["ID", "Name", "Region", "State", ...section.columns.map((col) => col.header), "Tags"];
}

/** One resource's row in its section's details table (unescaped text). */
export function detailRow(section: DetailSection, r: ResourceRecord): string[] {
  return [
    r.id,
    r.name ?? "-",
    r.region,
    r.state ?? "-",
    ...section.columns.map((col) => col.value(r)),
    String(Object.keys(r.tags).length),
  ];
}

export function formatAttribute(value: AttributeValue | undefined, unit = ""): string {
  if (value === undefined || value === null || value === "") return "-";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return `${String(value)}${unit}`;
}

/** The headline facts every human-readable format starts with. */
export function partialNote(result: InventoryResult): string | undefined {
  const n = result.failures.length;
  if (n === 0) return undefined;
  const partitions = result.services.length * result.regions.length;
  return `PARTIAL RESULT: ${n} of ${partitions} partitions failed; the resources they hold are missing from this inventory (see Failures).`;
}

/** Remove terminal control sequences and line breaks from text that came from AWS (names, tags). */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ");
}
