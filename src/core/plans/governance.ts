/**
 * Governance: every plan is checked before it can be approved; each rule answers pass, warn
 * or block with its reason. A plan with a block cannot be approved. Pure.
 *
 * Built-in rules (their ids are stable):
 *   plan.required-tags        every resource a step creates or tags carries the tagging policy's tags
 *   plan.open-admin-ports     no 0.0.0.0/0 or ::/0 ingress on SSH, RDP, database ports (block), other ports (warn)
 *   plan.storage-encrypted    volumes and buckets are encrypted (block when a step turns it off)
 *   plan.allowed-regions      every step is in a region the profile allows
 *   plan.instance-types       instance types allowed for the environment (plans.instanceTypes)
 *   plan.cost-limit           the estimated monthly cost within the environment's limit
 *   plan.naming               new resources' names follow plans.naming
 *   plan.max-resources        a destructive plan touches at most plans.maxResources resources
 * plus the organisation's own rules (plans.rules): a step selector and conditions on its parameters.
 */
import type { Classification, Config, PlanRuleConfig, TagRule } from "../config/schema.js";
import { matchGlob } from "../context/glob.js";
import { CRITICAL_PORTS } from "../checks/ec2/rules.js";
import { ruleCovers, valueProblem } from "../checks/tags/rules.js";
import { isWorld } from "../net/cidr.js";
import type { BlastRadius, GovernanceResult, PlanStep } from "./plan.js";

export interface GovernanceInput {
  steps: readonly PlanStep[];
  classification: Classification;
  /** The regions the profile allows; undefined when it does not restrict them. */
  allowedRegions: readonly string[] | undefined;
  monthlyUsd: number;
  blastRadius: BlastRadius;
  config: Pick<Config, "tagging" | "plans">;
}

export function evaluateGovernance(input: GovernanceInput): GovernanceResult[] {
  return [
    ...requiredTags(input),
    ...openAdminPorts(input.steps),
    ...storageEncrypted(input.steps),
    ...allowedRegions(input),
    ...instanceTypes(input),
    ...costLimit(input),
    ...naming(input),
    ...maxResources(input),
    ...input.config.plans.rules.flatMap((rule) => customRule(rule, input)),
  ];
}

const pass = (rule: string, reason: string): GovernanceResult => ({ rule, outcome: "pass", reason });

/** `vpc/subnet` (inventory) → `vpc:subnet` (tagging rules). */
function tagType(type: string): string {
  return type.replace("/", ":");
}

function requiredTags({ steps, config }: GovernanceInput): GovernanceResult[] {
  const out: GovernanceResult[] = [];
  let checked = 0;
  for (const step of steps) {
    for (const r of step.resources) {
      if (r.tags === undefined || r.change === "delete") continue;
      checked += 1;
      const tags = r.tags;
      // A tagged (not created) resource is held only to the tags the step sets: tagging one key
      // never blocks because of another the resource already lacks.
      const setKeys = r.change === "modify" ? stepTagKeys(step) : undefined;
      const applicable = config.tagging.required.filter(
        (rule: TagRule) =>
          ruleCovers(rule, tagType(r.type)) &&
          (rule.when === undefined || tags[rule.when.tag] === rule.when.equals) &&
          (setKeys === undefined || setKeys.has(rule.key)),
      );
      const problems = applicable.flatMap((rule) => {
        const value = tags[rule.key];
        if (value === undefined) return [`${rule.key} is missing`];
        const problem = valueProblem(rule, value);
        return problem === undefined ? [] : [`${rule.key}="${value}" ${problem}`];
      });
      if (problems.length > 0) {
        out.push({
          rule: "plan.required-tags",
          outcome: "block",
          stepId: step.id,
          reason: `${r.type} ${r.name}: ${problems.join("; ")} (tagging.required); add them with --set tags.<Key>=<value>`,
        });
      }
    }
  }
  if (out.length === 0 && checked > 0) {
    out.push(pass("plan.required-tags", `all ${checked} new or tagged resources carry the required tags`));
  }
  return out;
}

/** The tag keys a tagging step sets (EC2 Tags, S3 TagSet). */
function stepTagKeys(step: PlanStep): Set<string> {
  const list = step.params["Tags"] ?? (step.params["Tagging"] as { TagSet?: unknown } | undefined)?.TagSet;
  return new Set(Array.isArray(list) ? list.map((t: { Key?: unknown }) => String(t.Key)) : []);
}

interface IngressRange {
  protocol: string;
  from: number;
  to: number;
  cidr: string;
}

function ingressRanges(step: PlanStep): IngressRange[] {
  if (step.service !== "ec2" || step.action !== "AuthorizeSecurityGroupIngress") return [];
  const params = step.params;
  // The call also takes a single rule as top-level IpProtocol, FromPort, ToPort and CidrIp.
  const single =
    typeof params["CidrIp"] === "string"
      ? [
          {
            IpProtocol: params["IpProtocol"],
            FromPort: params["FromPort"],
            ToPort: params["ToPort"],
            IpRanges: [{ CidrIp: params["CidrIp"] }],
          },
        ]
      : [];
  const listed = Array.isArray(params["IpPermissions"]) ? (params["IpPermissions"] as unknown[]) : [];
  const permissions = [...listed, ...single] as Record<string, unknown>[];
  return permissions.flatMap((p) => {
    const protocol = String(p["IpProtocol"] ?? "-1");
    const all = protocol === "-1" || p["FromPort"] === undefined;
    const from = all ? 0 : Number(p["FromPort"]);
    const to = all ? 65535 : Number(p["ToPort"] ?? p["FromPort"]);
    const v4 = Array.isArray(p["IpRanges"])
      ? (p["IpRanges"] as { CidrIp?: string }[]).map((r) => r.CidrIp)
      : [];
    const v6 = Array.isArray(p["Ipv6Ranges"])
      ? (p["Ipv6Ranges"] as { CidrIpv6?: string }[]).map((r) => r.CidrIpv6)
      : [];
    return [...v4, ...v6]
      .filter((c): c is string => typeof c === "string")
      .map((cidr) => ({ protocol, from, to, cidr }));
  });
}

function openAdminPorts(steps: readonly PlanStep[]): GovernanceResult[] {
  const out: GovernanceResult[] = [];
  let rules = 0;
  for (const step of steps) {
    for (const range of ingressRanges(step)) {
      rules += 1;
      if (!isWorld(range.cidr)) continue;
      // ICMP has types, not ports: none of it reaches an administration or database port.
      const isIcmp = range.protocol === "icmp" || range.protocol === "1";
      const ports = isIcmp
        ? "ICMP"
        : range.from === range.to
          ? `port ${range.from}`
          : `ports ${range.from}-${range.to}`;
      const critical = (isIcmp ? [] : Object.entries(CRITICAL_PORTS))
        .filter(([port]) => Number(port) >= range.from && Number(port) <= range.to)
        .map(([port, name]) => `${name} (${port})`);
      out.push(
        critical.length > 0
          ? {
              rule: "plan.open-admin-ports",
              outcome: "block",
              stepId: step.id,
              reason: `${range.cidr} may reach ${critical.slice(0, 4).join(", ")}${critical.length > 4 ? "…" : ""}: remote administration and database ports are never opened to the internet; allow a narrower CIDR or use SSM Session Manager`,
            }
          : {
              rule: "plan.open-admin-ports",
              outcome: "warn",
              stepId: step.id,
              reason: `${range.cidr} may reach ${ports}: open to the whole internet; make sure that is intended`,
            },
      );
    }
  }
  if (out.length === 0 && rules > 0)
    out.push(pass("plan.open-admin-ports", "no ingress rule opens a port to the internet"));
  return out;
}

function storageEncrypted(steps: readonly PlanStep[]): GovernanceResult[] {
  const out: GovernanceResult[] = [];
  let storage = 0;
  for (const step of steps) {
    if (step.service === "ec2" && (step.action === "CreateVolume" || step.action === "RunInstances")) {
      storage += 1;
      const mappings = Array.isArray(step.params["BlockDeviceMappings"])
        ? (step.params["BlockDeviceMappings"] as { Ebs?: { Encrypted?: boolean } }[])
        : [];
      const unencrypted =
        step.action === "CreateVolume"
          ? step.params["Encrypted"] !== true
          : mappings.some((m) => m.Ebs?.Encrypted !== true);
      if (unencrypted) {
        out.push({
          rule: "plan.storage-encrypted",
          outcome: "block",
          stepId: step.id,
          reason: "an EBS volume would be created unencrypted; set Encrypted: true",
        });
      }
    }
    if (step.service === "s3" && step.action === "CreateBucket") storage += 1;
    if (step.service === "s3" && step.action === "DeleteBucketEncryption") {
      out.push({
        rule: "plan.storage-encrypted",
        outcome: "block",
        stepId: step.id,
        reason: "the step removes a bucket's default encryption",
      });
    }
  }
  if (out.length === 0 && storage > 0)
    out.push(pass("plan.storage-encrypted", "all new storage is encrypted"));
  return out;
}

function allowedRegions({ steps, allowedRegions: allowed }: GovernanceInput): GovernanceResult[] {
  if (allowed === undefined) return [pass("plan.allowed-regions", "the profile does not restrict regions")];
  const outside = steps.filter((s) => !allowed.includes(s.region));
  if (outside.length === 0) return [pass("plan.allowed-regions", `every step is in ${allowed.join(", ")}`)];
  return outside.map((s) => ({
    rule: "plan.allowed-regions",
    outcome: "block",
    stepId: s.id,
    reason: `${s.region} is not one of the profile's regions (${allowed.join(", ")})`,
  }));
}

function instanceTypes({ steps, classification, config }: GovernanceInput): GovernanceResult[] {
  const launches = steps.filter((s) => s.service === "ec2" && s.action === "RunInstances");
  if (launches.length === 0) return [];
  const allowed = config.plans.instanceTypes[classification];
  if (allowed === undefined)
    return [pass("plan.instance-types", `${classification} allows any instance type`)];
  const out = launches
    .filter((s) => !allowed.some((glob) => matchGlob(glob, String(s.params["InstanceType"] ?? ""))))
    .map((s): GovernanceResult => ({
      rule: "plan.instance-types",
      outcome: "block",
      stepId: s.id,
      reason: `instance type ${String(s.params["InstanceType"])} is not allowed in ${classification} (plans.instanceTypes: ${allowed.join(", ")})`,
    }));
  return out.length > 0 ? out : [pass("plan.instance-types", `instance types allowed in ${classification}`)];
}

function costLimit({ monthlyUsd, classification, config }: GovernanceInput): GovernanceResult[] {
  const limit = config.plans.monthlyCostLimitUsd[classification];
  if (limit === undefined) return [];
  return monthlyUsd <= limit
    ? [
        pass(
          "plan.cost-limit",
          `$${monthlyUsd.toFixed(2)}/month is within ${classification}'s $${limit}/month`,
        ),
      ]
    : [
        {
          rule: "plan.cost-limit",
          outcome: "block",
          reason: `the plan adds about $${monthlyUsd.toFixed(2)}/month, over ${classification}'s limit of $${limit}/month (plans.monthlyCostLimitUsd)`,
        },
      ];
}

function naming({ steps, config }: GovernanceInput): GovernanceResult[] {
  const out: GovernanceResult[] = [];
  let named = 0;
  for (const convention of config.plans.naming) {
    const pattern = new RegExp(convention.pattern);
    for (const step of steps) {
      for (const r of step.resources) {
        if (r.change !== "create" || r.type !== convention.type) continue;
        named += 1;
        if (!pattern.test(r.name)) {
          out.push({
            rule: "plan.naming",
            outcome: "block",
            stepId: step.id,
            reason: `${r.type} name "${r.name}" does not match ${convention.pattern}${convention.description === undefined ? "" : ` (${convention.description})`}`,
          });
        }
      }
    }
  }
  if (out.length === 0 && named > 0)
    out.push(pass("plan.naming", "new resources follow the naming conventions"));
  return out;
}

function maxResources({ blastRadius, config }: GovernanceInput): GovernanceResult[] {
  if (!blastRadius.isDestructive) return [];
  const max = config.plans.maxResources;
  return blastRadius.resources <= max
    ? [pass("plan.max-resources", `${blastRadius.resources} resources, within plans.maxResources (${max})`)]
    : [
        {
          rule: "plan.max-resources",
          outcome: "block",
          reason: `a destructive plan may touch at most ${max} resources (plans.maxResources); this one touches ${blastRadius.resources}: split it`,
        },
      ];
}

/** Values at a dotted path where `*` matches every item of a list (or every member of an object). */
export function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const part of path.split(".")) {
    current = current.flatMap((v) => {
      if (v === null || typeof v !== "object") return [];
      if (part === "*") return Object.values(v);
      const next = (v as Record<string, unknown>)[part];
      return next === undefined ? [] : [next];
    });
  }
  return current;
}

function customRule(rule: PlanRuleConfig, input: GovernanceInput): GovernanceResult[] {
  const selected = input.steps.filter(
    (s) =>
      (rule.select.action === undefined || matchGlob(rule.select.action, `${s.service}:${s.action}`)) &&
      (rule.select.classifications === undefined ||
        rule.select.classifications.includes(input.classification)),
  );
  if (selected.length === 0) return [];
  const out: GovernanceResult[] = [];
  for (const step of selected) {
    const broken = rule.conditions.filter((c) => !conditionHolds(c, valuesAt(step.params, c.path)));
    if (broken.length > 0) {
      out.push({
        rule: rule.id,
        outcome: rule.effect,
        stepId: step.id,
        reason: `${rule.description} (${broken.map((c) => describeCondition(c)).join("; ")})`,
      });
    }
  }
  return out.length > 0 ? out : [pass(rule.id, rule.description)];
}

type Condition = PlanRuleConfig["conditions"][number];

function conditionHolds(c: Condition, values: readonly unknown[]): boolean {
  if (c.exists !== undefined) return c.exists === values.length > 0;
  if (values.length === 0) return false;
  return values.every((v) => {
    if (c.equals !== undefined) return v === c.equals || String(v) === String(c.equals);
    if (c.notEquals !== undefined) return !(v === c.notEquals || String(v) === String(c.notEquals));
    if (c.matches !== undefined) return new RegExp(c.matches).test(String(v));
    if (c.in !== undefined) return c.in.includes(String(v));
    return true;
  });
}

function describeCondition(c: Condition): string {
  if (c.exists !== undefined) return `${c.path} must ${c.exists ? "" : "not "}be set`;
  if (c.equals !== undefined) return `${c.path} must be ${String(c.equals)}`;
  if (c.notEquals !== undefined) return `${c.path} must not be ${String(c.notEquals)}`;
  if (c.matches !== undefined) return `${c.path} must match ${c.matches}`;
  if (c.in !== undefined) return `${c.path} must be one of ${c.in.join(", ")}`;
  return c.path;
}
