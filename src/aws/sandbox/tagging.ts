/**
 * The builders' last step: every resource an owner would tag carries the standard tags
 * (STANDARD_TAG_KEYS), and every production data store a DataClassification, except the
 * resources planted untagged or partially tagged. Builders tag workloads themselves; this
 * pass completes the rest (network plumbing, IAM, trails, keys, target groups, interfaces…)
 * without overwriting a tag a builder set: a resource left without a key takes it from its
 * parent (an interface or a volume from its instance, a snapshot from its volume, a target
 * group from its load balancer, a cluster from its first member), else from the account's
 * defaults. What AWS itself creates and manages (AWS managed KMS keys, requester-managed
 * interfaces, each VPC's `default` security group, main route table and default network
 * ACL) is left as AWS leaves it: untagged.
 */
import type { Estate, EstateAccount, EstateRegion, Tags } from "./estate.js";
import type { PlantedProblem } from "./planted.js";

/** The tags a resource with no better source takes, by account and resource category. */
export type DefaultTags = (account: EstateAccount, category: TagCategory) => Tags;

/** What kind of thing a resource is, for its defaults' Application and Name. */
export type TagCategory = "network" | "identity" | "audit-logging" | "encryption" | "workload";

/** The DataClassification of a production data store that has none. */
export const DEFAULT_DATA_CLASSIFICATION = {
  bucket: "internal",
  "db-instance": "confidential",
  "db-cluster": "confidential",
  volume: "confidential",
  snapshot: "confidential",
} as const;

/** The keys inherited from a parent resource. */
const INHERITED = ["Owner", "Environment", "CostCenter", "Application"] as const;

/**
 * Complete the tags of every resource of the estate (see the module comment). `planted`:
 * the estate's planted problems; resources planted untagged, partially tagged or with an
 * invalid tag value are neither completed (the first two) nor used as parents (all three).
 */
export function completeStandardTags(
  estate: Estate,
  planted: readonly PlantedProblem[],
  defaults: DefaultTags,
): void {
  const key = (account: string, id: string) => `${account} ${id}`;
  const exempt = new Set(
    planted
      .filter((p) => p.problem === "untagged-resource" || p.problem === "partially-tagged-resource")
      .map((p) => key(p.account, p.resourceId)),
  );
  const noParent = new Set(
    planted
      .filter(
        (p) =>
          p.problem === "untagged-resource" ||
          p.problem === "partially-tagged-resource" ||
          p.problem === "tag-invalid-value",
      )
      .map((p) => key(p.account, p.resourceId)),
  );
  for (const account of estate.accounts) {
    const fill = (
      id: string,
      tags: Tags,
      category: TagCategory,
      name: string | undefined,
      parent?: { id: string; tags: Tags },
    ): void => {
      if (exempt.has(key(account.id, id))) return;
      if (name !== undefined && tags.Name === undefined) tags.Name = name;
      const usable = parent !== undefined && !noParent.has(key(account.id, parent.id));
      for (const k of INHERITED) {
        if (tags[k] !== undefined) continue;
        const inherited = usable ? parent.tags[k] : undefined;
        const value = inherited ?? defaults(account, category)[k];
        if (value !== undefined) tags[k] = value;
      }
    };
    const classify = (id: string, tags: Tags, type: keyof typeof DEFAULT_DATA_CLASSIFICATION): void => {
      if (exempt.has(key(account.id, id))) return;
      if (tags.Environment === "production" && tags.DataClassification === undefined) {
        tags.DataClassification = DEFAULT_DATA_CLASSIFICATION[type];
      }
    };

    for (const u of account.iam.users) fill(u.userName, u.tags, "identity", u.userName);
    for (const r of account.iam.roles) fill(r.roleName, r.tags, "identity", r.roleName);
    for (const p of account.iam.policies) fill(p.policyName, p.tags, "identity", p.policyName);
    for (const b of account.buckets) {
      fill(b.name, b.tags, "workload", b.name);
      classify(b.name, b.tags, "bucket");
    }
    for (const region of Object.values(account.regions)) completeRegion(region, fill, classify);
  }
}

type Fill = (
  id: string,
  tags: Tags,
  category: TagCategory,
  name: string | undefined,
  parent?: { id: string; tags: Tags },
) => void;
type Classify = (id: string, tags: Tags, type: keyof typeof DEFAULT_DATA_CLASSIFICATION) => void;

function completeRegion(r: EstateRegion, fill: Fill, classify: Classify): void {
  const instances = new Map(r.instances.map((i) => [i.id, i]));
  const volumes = new Map(r.volumes.map((v) => [v.id, v]));
  const loadBalancers = new Map(r.loadBalancers.map((lb) => [lb.arn, lb]));
  const dbInstances = new Map(r.dbInstances.map((d) => [d.id, d]));

  for (const v of r.vpcs) fill(v.id, v.tags, "network", undefined);
  for (const s of r.subnets) fill(s.id, s.tags, "network", undefined);
  for (const g of r.securityGroups) if (g.name !== "default") fill(g.id, g.tags, "network", g.name);
  for (const t of r.routeTables) if (!t.isMain) fill(t.id, t.tags, "network", undefined);
  for (const a of r.networkAcls) if (!a.isDefault) fill(a.id, a.tags, "network", undefined);
  for (const g of r.internetGateways) fill(g.id, g.tags, "network", undefined);
  for (const g of r.natGateways) fill(g.id, g.tags, "network", undefined);
  for (const f of r.flowLogs) fill(f.id, f.tags, "network", undefined);
  for (const a of r.addresses) fill(a.allocationId, a.tags, "network", undefined);
  for (const i of r.instances) fill(i.id, i.tags, "workload", undefined);
  for (const n of r.networkInterfaces) {
    if (n.requesterManaged) continue;
    const instance =
      n.attachment?.instanceId === undefined ? undefined : instances.get(n.attachment.instanceId);
    fill(n.id, n.tags, "network", undefined, instance);
  }
  for (const v of r.volumes) {
    const attached = v.attachments[0]?.instanceId;
    fill(v.id, v.tags, "workload", undefined, attached === undefined ? undefined : instances.get(attached));
    classify(v.id, v.tags, "volume");
  }
  for (const s of r.snapshots) {
    fill(s.id, s.tags, "workload", undefined, volumes.get(s.volumeId));
    classify(s.id, s.tags, "snapshot");
  }
  for (const i of r.images) fill(i.id, i.tags, "workload", i.name);
  for (const d of r.dbInstances) {
    fill(d.id, d.tags, "workload", d.id);
    classify(d.id, d.tags, "db-instance");
  }
  for (const c of r.dbClusters) {
    const member = c.memberIds.map((id) => dbInstances.get(id)).find((d) => d !== undefined);
    fill(c.id, c.tags, "workload", c.id, member);
    classify(c.id, c.tags, "db-cluster");
  }
  for (const s of r.dbSnapshots) {
    fill(s.identifier, s.tags, "workload", undefined, dbInstances.get(s.dbInstanceId));
  }
  for (const f of r.functions) fill(f.name, f.tags, "workload", f.name);
  for (const lb of r.loadBalancers) fill(lb.arn, lb.tags, "workload", lb.name);
  for (const lb of r.classicLoadBalancers) fill(lb.name, lb.tags, "workload", lb.name);
  for (const t of r.targetGroups) {
    const lbArn = t.loadBalancerArns[0];
    const lb = lbArn === undefined ? undefined : loadBalancers.get(lbArn);
    fill(t.arn, t.tags, "workload", t.name, lb === undefined ? undefined : { id: lb.arn, tags: lb.tags });
  }
  for (const t of r.trails) fill(t.arn, t.tags, "audit-logging", t.name);
  for (const k of r.kmsKeys) {
    if (k.keyManager === "AWS") continue;
    fill(k.id, k.tags, "encryption", k.aliases[0]?.replace(/^alias\//, ""));
  }
}
