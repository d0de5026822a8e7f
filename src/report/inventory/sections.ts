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
};

const attr =
  (key: string, unit = "") =>
  (r: ResourceRecord): string =>
    formatAttribute(r.attributes[key], unit);

/** Sections in report order; resources of each type are shown in the result's order. */
export const DETAIL_SECTIONS: readonly DetailSection[] = [
  {
    type: "instance",
    title: "EC2 instances",
    columns: [
      { header: "Type", value: attr("instanceType") },
      { header: "AZ", value: attr("availabilityZone") },
      { header: "Private IP", value: attr("privateIpAddress") },
      { header: "Public IP", value: attr("publicIpAddress") },
    ],
  },
  {
    type: "volume",
    title: "EBS volumes",
    columns: [
      { header: "Size", value: attr("sizeGiB", " GiB") },
      { header: "Type", value: attr("volumeType") },
      { header: "Attached to", value: attr("attachedTo") },
      { header: "Encrypted", value: attr("isEncrypted") },
    ],
  },
  {
    type: "vpc",
    title: "VPCs",
    columns: [
      { header: "CIDR", value: attr("cidrBlock") },
      { header: "Default", value: attr("isDefault") },
    ],
  },
  {
    type: "subnet",
    title: "Subnets",
    columns: [
      { header: "VPC", value: attr("vpcId") },
      { header: "CIDR", value: attr("cidrBlock") },
      { header: "AZ", value: attr("availabilityZone") },
      { header: "Public IP on launch", value: attr("isPublicIpOnLaunch") },
    ],
  },
  {
    type: "bucket",
    title: "S3 buckets",
    columns: [{ header: "Created", value: attr("creationDate") }],
  },
  {
    type: "db-instance",
    title: "RDS DB instances",
    columns: [
      {
        header: "Engine",
        value: (r) =>
          [r.attributes["engine"], r.attributes["engineVersion"]].filter((v) => v != null).join(" ") || "-",
      },
      { header: "Class", value: attr("instanceClass") },
      { header: "Multi-AZ", value: attr("isMultiAz") },
      { header: "Public", value: attr("isPubliclyAccessible") },
      { header: "Encrypted", value: attr("isStorageEncrypted") },
    ],
  },
  {
    type: "function",
    title: "Lambda functions",
    columns: [
      { header: "Runtime", value: attr("runtime") },
      { header: "Memory", value: attr("memorySizeMiB", " MiB") },
      { header: "Last modified", value: attr("lastModified") },
    ],
  },
];

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
