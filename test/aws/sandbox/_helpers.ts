/**
 * Shared helpers for the sandbox conformance tests: calling the transport as a profile,
 * asserting AWS error names, walking pages, and an independent detector of every planted
 * problem kind (written from the definitions in planted.ts, not from the builders).
 */
import { expect } from "vitest";
import type { Estate, EstateAccount } from "../../../src/aws/sandbox/estate.js";
import {
  PREVIOUS_GENERATION_INSTANCE_FAMILIES,
  type PlantedProblem,
  type PlantedProblemKind,
} from "../../../src/aws/sandbox/planted.js";
import { createSandbox, type Sandbox, type SandboxOptions } from "../../../src/aws/sandbox/transport.js";
import type { SandboxService } from "../../../src/aws/sandbox/types.js";
import { SandboxServiceError } from "../../../src/aws/sandbox/types.js";

export const NOW = new Date("2026-11-01T00:00:00.000Z");

/** A fake clock and sleep: sleeping advances the clock, nothing waits for real. */
export function fakeTime(startMs = NOW.getTime()): {
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  advance: (ms: number) => void;
  slept: number[];
} {
  let now = startMs;
  const slept: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
    slept,
  };
}

export function sandboxOf(estate: Estate, options: SandboxOptions = {}): Sandbox {
  const time = fakeTime();
  return createSandbox(estate, { clock: time.clock, sleep: time.sleep, ...options });
}

export type Caller = (
  service: SandboxService,
  action: string,
  input?: Record<string, unknown>,
  region?: string,
) => Promise<Record<string, unknown>>;

/** Call the sandbox as a profile, in us-east-1 unless told otherwise. */
export function callerFor(sandbox: Sandbox, profile: string): Caller {
  const identity = sandbox.identityFor(profile);
  return (service, action, input = {}, region = "us-east-1") =>
    sandbox.call({ service, action, input, region, identity });
}

/** Assert the promise rejects with the AWS error `name` (and HTTP status when given). */
export async function expectAwsError(
  promise: Promise<unknown>,
  name: string,
  status?: number,
): Promise<SandboxServiceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxServiceError);
    const e = error as SandboxServiceError;
    expect(e.name).toBe(name);
    if (status !== undefined) expect(e.httpStatusCode).toBe(status);
    return e;
  }
  throw new Error(`expected the call to fail with ${name}, but it succeeded`);
}

/** Follow a paginated operation to the end, collecting every item. */
export async function collectPages<T>(
  fetchPage: (token: string | undefined) => Promise<{ items: T[]; next: string | undefined }>,
  maxPages = 1000,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await fetchPage(token);
    items.push(...page.items);
    token = page.next;
    pages += 1;
    if (pages > maxPages) throw new Error("pagination does not end");
  } while (token !== undefined);
  return { items, pages };
}

const DAY = 86_400_000;

export function problemKey(p: PlantedProblem): string {
  return `${p.problem} | ${p.account} | ${p.region} | ${p.resourceId}`;
}

const ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** A policy document (JSON text) with an Allow statement whose Action and Resource include `*`. */
function allowsEverything(document: string): boolean {
  const parsed = JSON.parse(document) as { Statement?: unknown };
  return asList(parsed.Statement).some((raw) => {
    const st = raw as { Effect?: string; Action?: unknown; Resource?: unknown };
    return st.Effect === "Allow" && asList(st.Action).includes("*") && asList(st.Resource).includes("*");
  });
}

/** Whether a managed policy (by ARN) allows everything: AdministratorAccess, or a customer policy doing so. */
function managedAllowsEverything(account: EstateAccount, arn: string): boolean {
  if (arn === ADMINISTRATOR_ACCESS) return true;
  const local = account.iam.policies.find(
    (p) => `arn:aws:iam::${account.id}:policy${p.path}${p.policyName}` === arn,
  );
  return local !== undefined && allowsEverything(local.document);
}

function principalIsAdmin(
  account: EstateAccount,
  p: { attachedPolicyArns: string[]; inlinePolicies?: { document: string }[] },
): boolean {
  return (
    p.attachedPolicyArns.some((arn) => managedAllowsEverything(account, arn)) ||
    (p.inlinePolicies ?? []).some((i) => allowsEverything(i.document))
  );
}

/** The account a trusted principal belongs to (`*` and services: undefined). */
function principalAccount(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** The Environment values tag-invalid-value allows (the demo policy's and the built-in one's). */
const ALLOWED_ENVIRONMENTS = ["management", "sandbox", "development", "test", "staging", "production"];

/** Every resource meeting a planted-problem definition, found by reading the estate. */
export function detectProblems(estate: Estate): PlantedProblem[] {
  const now = Date.parse(estate.capturedAt);
  const out: PlantedProblem[] = [];
  const add = (problem: PlantedProblemKind, resourceId: string, account: string, region: string): void => {
    out.push({ problem, resourceId, account, region });
  };
  const tagProblems = (tags: Record<string, string>, id: string, account: string, region: string): void => {
    if (Object.keys(tags).length === 0) add("untagged-resource", id, account, region);
    else if (tags.Owner === undefined && tags.CostCenter === undefined)
      add("partially-tagged-resource", id, account, region);
    const environment = tags.Environment;
    const costCenter = tags.CostCenter;
    if (
      (environment !== undefined && !ALLOWED_ENVIRONMENTS.includes(environment)) ||
      (costCenter !== undefined && !/^CC-[0-9]{4}$/.test(costCenter))
    )
      add("tag-invalid-value", id, account, region);
  };
  const organizationAccounts = new Set(
    estate.organization === undefined ? [] : estate.accounts.map((a) => a.id),
  );
  const fullBlock = (b: EstateAccount["accountPublicAccessBlock"]): boolean =>
    b !== undefined &&
    b.blockPublicAcls &&
    b.ignorePublicAcls &&
    b.blockPublicPolicy &&
    b.restrictPublicBuckets;
  for (const account of estate.accounts) {
    const global = "global";
    if (!account.rootMfaEnabled) add("iam-root-mfa-off", account.id, account.id, global);
    if (account.rootAccessKeysPresent) add("iam-root-access-keys", account.id, account.id, global);
    if (!fullBlock(account.accountPublicAccessBlock))
      add("s3-account-public-access-block-off", account.id, account.id, global);
    const pp = account.passwordPolicy;
    if (
      pp === undefined ||
      pp.minimumPasswordLength < 14 ||
      !pp.requireSymbols ||
      !pp.requireNumbers ||
      !pp.requireUppercaseCharacters ||
      !pp.requireLowercaseCharacters ||
      pp.passwordReusePrevention === undefined ||
      pp.passwordReusePrevention < 24
    ) {
      add("iam-password-policy-weak", account.id, account.id, global);
    }
    for (const user of account.iam.users) {
      const viaGroup = account.iam.groups
        .filter((g) => user.groups.includes(g.groupName))
        .some((g) => principalIsAdmin(account, g));
      if (principalIsAdmin(account, user) || viaGroup)
        add("iam-admin-access", user.userName, account.id, global);
    }
    for (const role of account.iam.roles) {
      if (principalIsAdmin(account, role)) add("iam-admin-access", role.roleName, account.id, global);
      const conditioned = role.trustCondition !== undefined && Object.keys(role.trustCondition).length > 0;
      const open = role.trustedPrincipals.some((p) => {
        if (p === "*") return true;
        const owner = principalAccount(p);
        return owner !== undefined && owner !== account.id && !organizationAccounts.has(owner);
      });
      if (open && !conditioned) add("iam-role-trust-open", role.roleName, account.id, global);
    }
    for (const user of account.iam.users) {
      if (user.hasConsolePassword && user.mfaDevices.length === 0)
        add("iam-user-no-mfa", user.userName, account.id, "global");
      for (const key of user.accessKeys) {
        if (key.status !== "Active") continue;
        if (Date.parse(key.createdAt) < now - 90 * DAY)
          add("iam-access-key-old", key.accessKeyId, account.id, "global");
        if (Date.parse(key.lastUsedAt ?? key.createdAt) < now - 90 * DAY) {
          add("iam-access-key-unused", key.accessKeyId, account.id, "global");
        }
      }
    }
    for (const bucket of account.buckets) {
      if (
        (bucket.policy?.isPublic === true || bucket.aclIsPublic) &&
        bucket.publicAccessBlock === undefined
      ) {
        add("s3-public-bucket", bucket.name, account.id, bucket.region);
      }
      if (bucket.aclIsPublic) add("s3-public-acl", bucket.name, account.id, bucket.region);
      if (!fullBlock(bucket.publicAccessBlock))
        add("s3-bucket-public-access-block-off", bucket.name, account.id, bucket.region);
      if (bucket.versioning !== "Enabled") add("s3-versioning-off", bucket.name, account.id, bucket.region);
      const tls =
        bucket.policy !== undefined &&
        asList((JSON.parse(bucket.policy.document) as { Statement?: unknown }).Statement).some((raw) => {
          const st = raw as { Effect?: string; Condition?: Record<string, Record<string, unknown>> };
          const secure = st.Condition?.["Bool"]?.["aws:SecureTransport"];
          return st.Effect === "Deny" && (secure === "false" || secure === false);
        });
      if (!tls) add("s3-no-tls-policy", bucket.name, account.id, bucket.region);
      tagProblems(bucket.tags, bucket.name, account.id, bucket.region);
    }
    for (const [region, r] of Object.entries(account.regions)) {
      for (const g of r.securityGroups) {
        const covers = (rule: (typeof g.ingress)[number], port: number): boolean =>
          rule.protocol === "-1" ||
          (rule.protocol === "tcp" && (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? -1));
        if (g.ingress.some((rule) => rule.ipv4.some((p) => p.cidr === "0.0.0.0/0") && covers(rule, 22))) {
          add("sg-open-ssh-ipv4", g.id, account.id, region);
        }
        if (g.ingress.some((rule) => rule.ipv6.some((p) => p.cidr === "::/0") && covers(rule, 3389))) {
          add("sg-open-rdp-ipv6", g.id, account.id, region);
        }
        const wide = g.ingress.some(
          (rule) =>
            rule.ipv4.length + rule.ipv6.length > 0 &&
            (rule.protocol === "-1" || (rule.toPort ?? 0) - (rule.fromPort ?? 0) + 1 > 1000),
        );
        if (wide) add("sg-wide-port-range", g.id, account.id, region);
        if (g.name !== "default" && !r.networkInterfaces.some((n) => n.securityGroupIds.includes(g.id))) {
          add("sg-unused", g.id, account.id, region);
        }
      }
      for (const v of r.volumes) {
        if (v.attachments.length === 0) add("ebs-unattached-volume", v.id, account.id, region);
        tagProblems(v.tags, v.id, account.id, region);
      }
      for (const a of r.addresses) {
        if (a.associationId === undefined) add("eip-unassociated", a.allocationId, account.id, region);
        tagProblems(a.tags, a.allocationId, account.id, region);
      }
      for (const i of r.instances) tagProblems(i.tags, i.id, account.id, region);
      for (const s of r.snapshots) {
        if (s.state === "completed" && Date.parse(s.startedAt) < now - 365 * DAY)
          add("ebs-snapshot-old", s.id, account.id, region);
        tagProblems(s.tags, s.id, account.id, region);
      }
      for (const d of r.dbInstances) {
        if (!d.storageEncrypted) add("rds-unencrypted", d.id, account.id, region);
        if (d.publiclyAccessible) add("rds-public", d.id, account.id, region);
        tagProblems(d.tags, d.id, account.id, region);
      }
      for (const f of r.functions) tagProblems(f.tags, f.name, account.id, region);
      for (const lb of r.loadBalancers) {
        const healthy = r.targetGroups
          .filter((tg) => tg.loadBalancerArns.includes(lb.arn))
          .some((tg) => tg.targets.some((t) => t.health === "healthy"));
        if (!healthy && lb.requestCountLast7Days === 0) add("elb-idle", lb.arn, account.id, region);
        tagProblems(lb.tags, lb.arn, account.id, region);
      }
      for (const n of r.networkInterfaces) {
        if (n.attachment === undefined && !n.requesterManaged) add("eni-orphaned", n.id, account.id, region);
      }
      for (const t of r.trails)
        if (!t.isLogging) add("cloudtrail-logging-stopped", t.arn, account.id, region);
      detectRegional(account, region, r, now, add);
    }
    detectNoMultiRegionTrail(estate, account, add);
  }
  return out;
}

type Add = (problem: PlantedProblemKind, resourceId: string, account: string, region: string) => void;
type Account = Estate["accounts"][number];
type Region = Account["regions"][string];
type Rule = Region["securityGroups"][number]["ingress"][number];

/** The kinds added for the security, security-group, cleanup and Well-Architected audits. */
function detectRegional(account: Account, region: string, r: Region, now: number, add: Add): void {
  const a = account.id;
  if (r.ebsEncryptionByDefault !== true) add("ebs-encryption-by-default-off", region, a, region);
  for (const v of r.volumes) {
    if (!v.encrypted) add("ebs-volume-unencrypted", v.id, a, region);
    if (v.type === "gp2") add("ebs-gp2-volume", v.id, a, region);
  }
  for (const s of r.snapshots) {
    if (s.state === "completed" && !s.encrypted) add("ebs-snapshot-unencrypted", s.id, a, region);
    if (s.isPublic === true) add("ebs-snapshot-public", s.id, a, region);
  }
  for (const s of r.dbSnapshots) if (s.isPublic === true) add("rds-snapshot-public", s.identifier, a, region);
  for (const vpc of r.vpcs) {
    if (!r.flowLogs.some((f) => f.resourceId === vpc.id && f.status === "ACTIVE"))
      add("vpc-flow-logs-off", vpc.id, a, region);
    const zones = new Set(r.subnets.filter((s) => s.vpcId === vpc.id).map((s) => s.availabilityZone));
    if (!vpc.isDefault && zones.size === 1) add("vpc-single-az", vpc.id, a, region);
  }
  const lbGroups = new Set([
    ...r.loadBalancers.flatMap((lb) => lb.securityGroupIds),
    ...r.classicLoadBalancers.flatMap((lb) => lb.securityGroupIds),
  ]);
  for (const g of r.securityGroups) {
    if (g.name === "default" && g.ingress.length + g.egress.length > 0)
      add("sg-default-allows-traffic", g.id, a, region);
    const onlyLbs =
      lbGroups.has(g.id) &&
      !r.instances.some((i) => i.securityGroupIds.includes(g.id)) &&
      !r.networkInterfaces.some((n) => n.requesterId !== "amazon-elb" && n.securityGroupIds.includes(g.id));
    const openWeb = g.ingress.some(
      (rule) =>
        rule.protocol === "tcp" &&
        rule.fromPort === rule.toPort &&
        (rule.fromPort === 80 || rule.fromPort === 443) &&
        [...rule.ipv4, ...rule.ipv6].some((p) => p.cidr === "0.0.0.0/0" || p.cidr === "::/0"),
    );
    if (onlyLbs && openWeb) add("sg-open-ingress-web-lb", g.id, a, region);
    if (hasRedundantPermission(g.ingress)) add("sg-redundant-rule", g.id, a, region);
  }
  for (const i of r.instances) {
    if (i.state === "stopped") {
      const at = /^User initiated \((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)$/.exec(
        i.stateTransitionReason ?? "",
      );
      if (at === null)
        throw new Error(`stopped instance ${i.id} has no stop time: ${i.stateTransitionReason}`);
      if (Date.parse(`${at[1]}T${at[2]}Z`) < now - 30 * DAY)
        add("ec2-instance-stopped-long", i.id, a, region);
    }
    if (
      i.state !== "terminated" &&
      PREVIOUS_GENERATION_INSTANCE_FAMILIES.includes(i.type.split(".")[0] ?? "")
    )
      add("ec2-previous-generation", i.id, a, region);
  }
  for (const d of r.dbInstances) {
    if (!d.multiAz && d.clusterId === undefined) add("rds-single-az", d.id, a, region);
    if (d.backupRetentionDays === 0) add("rds-backups-off", d.id, a, region);
  }
  for (const t of r.trails) {
    // Trails are listed in their home region by the owning account (the ARN says both).
    if (!t.arn.startsWith(`arn:aws:cloudtrail:${region}:${a}:`)) continue;
    if (!t.logFileValidation) add("cloudtrail-log-validation-off", t.arn, a, region);
    if (t.kmsKeyId === undefined) add("cloudtrail-not-kms-encrypted", t.arn, a, region);
  }
}

/** No logging multi-region trail among the account's own and, for a member, the organization's. */
function detectNoMultiRegionTrail(estate: Estate, account: Account, add: Add): void {
  const management = estate.accounts.find((x) => x.id === estate.organization?.managementAccountId);
  const own = Object.values(account.regions).flatMap((r) => r.trails);
  const organization =
    management === undefined || management === account
      ? []
      : Object.values(management.regions).flatMap((r) => r.trails.filter((t) => t.isOrganizationTrail));
  if (![...own, ...organization].some((t) => t.isMultiRegion && t.isLogging))
    add("cloudtrail-no-multi-region", account.id, account.id, "global");
}

/** One peer of an ingress permission: protocol, ports, and a CIDR range or a group. */
interface Peer {
  protocol: string;
  from: number;
  to: number;
  cidr?: { v6: boolean; start: bigint; end: bigint };
  group?: string;
}

function cidrRange(cidr: string): { v6: boolean; start: bigint; end: bigint } {
  const [address = "", bits = "0"] = cidr.split("/");
  const v6 = address.includes(":");
  const width = v6 ? 128 : 32;
  let value = 0n;
  if (v6) {
    const [head = "", tail = ""] = address.split("::");
    const h = head === "" ? [] : head.split(":");
    const t = tail === "" ? [] : tail.split(":");
    const groups = address.includes("::")
      ? [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t]
      : h;
    for (const g of groups) value = (value << 16n) + BigInt(parseInt(g, 16));
  } else {
    for (const o of address.split(".")) value = (value << 8n) + BigInt(Number(o));
  }
  const hostBits = BigInt(width - Number(bits));
  const start = (value >> hostBits) << hostBits;
  return { v6, start, end: start + (1n << hostBits) - 1n };
}

function peersOf(rules: readonly Rule[]): Peer[] {
  return rules.flatMap((rule) => {
    const base = {
      protocol: rule.protocol,
      from: rule.protocol === "-1" ? 0 : (rule.fromPort ?? 0),
      to: rule.protocol === "-1" ? 65535 : (rule.toPort ?? 65535),
    };
    return [
      ...[...rule.ipv4, ...rule.ipv6].map((p) => ({ ...base, cidr: cidrRange(p.cidr) })),
      ...rule.groups.map((g) => ({ ...base, group: g.groupId })),
    ];
  });
}

function hasRedundantPermission(rules: readonly Rule[]): boolean {
  const peers = peersOf(rules);
  return peers.some((p, i) =>
    peers.some((q, j) => {
      if (i === j || p.protocol !== q.protocol || p.from < q.from || p.to > q.to) return false;
      if (p.group !== undefined) return p.group === q.group;
      return (
        p.cidr !== undefined &&
        q.cidr !== undefined &&
        p.cidr.v6 === q.cidr.v6 &&
        q.cidr.start <= p.cidr.start &&
        p.cidr.end <= q.cidr.end
      );
    }),
  );
}

export function sortedKeys(problems: readonly PlantedProblem[]): string[] {
  return problems.map(problemKey).sort();
}

/** A resource of the estate an owner would tag: every one but what AWS creates and manages. */
export interface OwnedResource {
  account: string;
  region: string;
  /** `service:type`, as the inventory names it (and `ec2:flow-log`, `rds:db-snapshot`). */
  type: string;
  id: string;
  tags: Record<string, string>;
  /** A DB snapshot's DB instance, whose tags it copies (CopyTagsToSnapshot). */
  copiesTagsOf?: string;
}

/**
 * Every resource an owner would tag, read from the estate: all but AWS managed KMS keys,
 * requester-managed interfaces, `default` security groups, main route tables and default ACLs.
 */
export function ownedResources(estate: Estate): OwnedResource[] {
  const out: OwnedResource[] = [];
  for (const a of estate.accounts) {
    const add = (
      type: string,
      region: string,
      id: string,
      tags: Record<string, string>,
      copiesTagsOf?: string,
    ): void => {
      out.push({
        account: a.id,
        region,
        type,
        id,
        tags,
        ...(copiesTagsOf === undefined ? {} : { copiesTagsOf }),
      });
    };
    for (const u of a.iam.users) add("iam:user", "global", u.userName, u.tags);
    for (const r of a.iam.roles) add("iam:role", "global", r.roleName, r.tags);
    for (const p of a.iam.policies) add("iam:policy", "global", p.policyName, p.tags);
    for (const b of a.buckets) add("s3:bucket", b.region, b.name, b.tags);
    for (const [region, r] of Object.entries(a.regions)) {
      const each = <T extends { tags: Record<string, string> }>(
        type: string,
        items: readonly T[],
        id: (x: T) => string,
        keep: (x: T) => boolean = () => true,
      ): void => {
        for (const x of items) if (keep(x)) add(type, region, id(x), x.tags);
      };
      each("vpc:vpc", r.vpcs, (x) => x.id);
      each("vpc:subnet", r.subnets, (x) => x.id);
      each(
        "vpc:security-group",
        r.securityGroups,
        (x) => x.id,
        (x) => x.name !== "default",
      );
      each(
        "vpc:route-table",
        r.routeTables,
        (x) => x.id,
        (x) => !x.isMain,
      );
      each(
        "vpc:network-acl",
        r.networkAcls,
        (x) => x.id,
        (x) => !x.isDefault,
      );
      each("vpc:internet-gateway", r.internetGateways, (x) => x.id);
      each("vpc:nat-gateway", r.natGateways, (x) => x.id);
      each(
        "vpc:network-interface",
        r.networkInterfaces,
        (x) => x.id,
        (x) => !x.requesterManaged,
      );
      each("ec2:flow-log", r.flowLogs, (x) => x.id);
      each("ec2:elastic-ip", r.addresses, (x) => x.allocationId);
      each("ec2:instance", r.instances, (x) => x.id);
      each("ec2:image", r.images, (x) => x.id);
      each("ebs:volume", r.volumes, (x) => x.id);
      each("ebs:snapshot", r.snapshots, (x) => x.id);
      each("rds:db-instance", r.dbInstances, (x) => x.id);
      each("rds:db-cluster", r.dbClusters, (x) => x.id);
      for (const x of r.dbSnapshots) add("rds:db-snapshot", region, x.identifier, x.tags, x.dbInstanceId);
      each("lambda:function", r.functions, (x) => x.name);
      each("elb:load-balancer", r.loadBalancers, (x) => x.arn);
      each("elb:load-balancer", r.classicLoadBalancers, (x) => x.name);
      each("elb:target-group", r.targetGroups, (x) => x.arn);
      each("cloudtrail:trail", r.trails, (x) => x.arn);
      each(
        "kms:key",
        r.kmsKeys,
        (x) => x.id,
        (x) => x.keyManager !== "AWS",
      );
    }
  }
  return out;
}

/**
 * What breaks a tagging policy among the owned resources that are not planted tag problems:
 * a missing Owner, Environment or CostCenter, an Environment outside `environments`, a
 * CostCenter not `CC-` and four digits, or a production data store (bucket, DB instance or
 * cluster, volume, snapshot) without a DataClassification of the demo policy.
 */
export function tagPolicyBreaches(
  estate: Estate,
  planted: readonly PlantedProblem[],
  environments: readonly string[],
): string[] {
  const tagKinds = new Set(["untagged-resource", "partially-tagged-resource", "tag-invalid-value"]);
  const plantedIds = new Set(
    planted.filter((p) => tagKinds.has(p.problem)).map((p) => `${p.account} ${p.resourceId}`),
  );
  const dataStores = new Set([
    "s3:bucket",
    "rds:db-instance",
    "rds:db-cluster",
    "ebs:volume",
    "ebs:snapshot",
  ]);
  const classifications = ["public", "internal", "confidential", "restricted"];
  return ownedResources(estate).flatMap((r) => {
    if (plantedIds.has(`${r.account} ${r.id}`)) return [];
    // A DB snapshot copies its instance's tags, planted values included (not in the inventory).
    if (r.copiesTagsOf !== undefined && plantedIds.has(`${r.account} ${r.copiesTagsOf}`)) return [];
    const where = `${r.type} ${r.id}`;
    const out: string[] = [];
    for (const k of ["Owner", "Environment", "CostCenter"]) {
      if (r.tags[k] === undefined) out.push(`${where} lacks ${k}`);
    }
    const env = r.tags.Environment;
    if (env !== undefined && !environments.includes(env)) out.push(`${where} Environment=${env}`);
    const cc = r.tags.CostCenter;
    if (cc !== undefined && !/^CC-[0-9]{4}$/.test(cc)) out.push(`${where} CostCenter=${cc}`);
    if (env === "production" && dataStores.has(r.type)) {
      const dc = r.tags.DataClassification;
      if (dc === undefined || !classifications.includes(dc)) out.push(`${where} DataClassification=${dc}`);
    }
    return out;
  });
}
