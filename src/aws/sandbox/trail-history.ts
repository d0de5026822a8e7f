/**
 * A realistic CloudTrail history for an estate's region: routine management events over the
 * last days, hour by hour. People work on weekdays between 09:00 and 17:00 UTC; automation
 * (CI, deployers) works any day at any hour; AWS services assume roles (read events). Routine
 * events never meet an unusual-activity definition (core/changes/unusual.ts): no root, no
 * failures in bursts, no mass deletions, no security-relevant change, people only in working
 * hours, every principal active in the region every few days.
 *
 * It draws from its own seeded generator and gives literal event ids, so adding a history
 * changes nothing else the builder makes.
 */
import type { UnusualKind } from "../../core/changes/unusual.js";
import type { EstateBuilder } from "./estate-builder.js";
import type { EstateAccount, EstateTrailEvent } from "./estate.js";
import { createRng, hashString, type Rng } from "./prng.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface TrailActor {
  principalArn: string;
  /** LookupEvents' Username: the user name, the session name, the service. */
  username: string;
  kind: "person" | "automation" | "service";
  sourceIp?: string;
  userAgent?: string;
  accessKeyId?: string;
}

export interface TrailHistoryOptions {
  /** How many days back from the estate's capturedAt. */
  days: number;
  actors: readonly TrailActor[];
  /** Seeds the history's own generator (with the account and region). */
  seed: number;
  /** Multiplies every actor's rate of events (default 1: a few dozen a day per region). */
  intensity?: number;
}

interface RoutineAction {
  eventName: string;
  eventSource: string;
  readOnly?: boolean;
  resource?: (ctx: RegionResources, rng: Rng) => { type: string; name: string } | undefined;
  requestParameters?: (resource: string | undefined) => EstateTrailEvent["requestParameters"];
}

interface RegionResources {
  instances: string[];
  functions: string[];
  databases: string[];
  groups: string[];
}

const pickFrom =
  (list: keyof RegionResources, type: string) =>
  (ctx: RegionResources, rng: Rng): { type: string; name: string } | undefined =>
    ctx[list].length === 0 ? undefined : { type, name: rng.pick(ctx[list]) };

const instance = pickFrom("instances", "AWS::EC2::Instance");
const fn = pickFrom("functions", "AWS::Lambda::Function");
const db = pickFrom("databases", "AWS::RDS::DBInstance");
const group = pickFrom("groups", "AWS::EC2::SecurityGroup");

const PERSON_ACTIONS: readonly RoutineAction[] = [
  { eventName: "DescribeInstances", eventSource: "ec2.amazonaws.com", readOnly: true },
  { eventName: "DescribeSecurityGroups", eventSource: "ec2.amazonaws.com", readOnly: true },
  { eventName: "GetParameter", eventSource: "ssm.amazonaws.com", readOnly: true },
  { eventName: "CreateTags", eventSource: "ec2.amazonaws.com", resource: instance },
  { eventName: "ModifyInstanceAttribute", eventSource: "ec2.amazonaws.com", resource: instance },
  { eventName: "RebootInstances", eventSource: "ec2.amazonaws.com", resource: instance },
  { eventName: "UpdateFunctionConfiguration20150331v2", eventSource: "lambda.amazonaws.com", resource: fn },
  { eventName: "ModifyDBInstance", eventSource: "rds.amazonaws.com", resource: db },
  { eventName: "PutMetricAlarm", eventSource: "monitoring.amazonaws.com" },
  { eventName: "PutParameter", eventSource: "ssm.amazonaws.com" },
  { eventName: "CreateChangeSet", eventSource: "cloudformation.amazonaws.com" },
  { eventName: "ExecuteChangeSet", eventSource: "cloudformation.amazonaws.com" },
  {
    eventName: "AuthorizeSecurityGroupIngress",
    eventSource: "ec2.amazonaws.com",
    resource: group,
    requestParameters: (id) => ({
      groupId: id ?? "",
      ipPermissions: {
        items: [
          {
            ipProtocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            ipRanges: { items: [{ cidrIp: "10.0.0.0/16" }] },
          },
        ],
      },
    }),
  },
];

const AUTOMATION_ACTIONS: readonly RoutineAction[] = [
  { eventName: "DescribeStacks", eventSource: "cloudformation.amazonaws.com", readOnly: true },
  { eventName: "DescribeInstances", eventSource: "ec2.amazonaws.com", readOnly: true },
  { eventName: "RunInstances", eventSource: "ec2.amazonaws.com", resource: instance },
  { eventName: "TerminateInstances", eventSource: "ec2.amazonaws.com", resource: instance },
  { eventName: "CreateTags", eventSource: "ec2.amazonaws.com", resource: instance },
  { eventName: "UpdateFunctionCode20150331v2", eventSource: "lambda.amazonaws.com", resource: fn },
  { eventName: "UpdateService", eventSource: "ecs.amazonaws.com" },
  { eventName: "RegisterTargets", eventSource: "elasticloadbalancing.amazonaws.com" },
  { eventName: "DeregisterTargets", eventSource: "elasticloadbalancing.amazonaws.com" },
  { eventName: "UpdateStack", eventSource: "cloudformation.amazonaws.com" },
  { eventName: "CreateDBSnapshot", eventSource: "rds.amazonaws.com", resource: db },
];

const SERVICE_ACTIONS: readonly RoutineAction[] = [
  { eventName: "AssumeRole", eventSource: "sts.amazonaws.com", readOnly: true },
];

/** Events per hour, on average, of one actor when it works. */
const RATE: Readonly<Record<TrailActor["kind"], number>> = { person: 1, automation: 0.3, service: 0.2 };

function resourcesOf(account: EstateAccount, region: string): RegionResources {
  const r = account.regions[region];
  return {
    instances: r?.instances.map((i) => i.id) ?? [],
    functions: r?.functions.map((f) => f.name) ?? [],
    databases: r?.dbInstances.map((d) => d.id) ?? [],
    groups: r?.securityGroups.filter((g) => g.name !== "default").map((g) => g.id) ?? [],
  };
}

function uuidOf(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Whether people work at this moment (weekdays, 09:00–17:00 UTC). */
function isWorkingHour(t: number): boolean {
  const d = new Date(t);
  const day = d.getUTCDay();
  const hour = d.getUTCHours();
  return day >= 1 && day <= 5 && hour >= 9 && hour < 17;
}

/** Add the routine history of one region; returns how many events it added. */
export function addTrailHistory(
  b: EstateBuilder,
  account: EstateAccount,
  region: string,
  options: TrailHistoryOptions,
): number {
  const rng = createRng(hashString(`${options.seed}:${account.id}:${region}`));
  const resources = resourcesOf(account, region);
  const now = Date.parse(b.estate.capturedAt);
  let added = 0;
  for (let t = now - options.days * DAY_MS; t < now; t += HOUR_MS) {
    for (const actor of options.actors) {
      if (actor.kind === "person" && !isWorkingHour(t)) continue;
      // At most a few events an hour: a Poisson-like count with the actor's mean.
      const mean = RATE[actor.kind] * (options.intensity ?? 1);
      let n = 0;
      while (n < 4 * Math.ceil(options.intensity ?? 1) && rng.next() < mean / (n + 1)) n++;
      for (let i = 0; i < n; i++) {
        const actions =
          actor.kind === "person"
            ? PERSON_ACTIONS
            : actor.kind === "automation"
              ? AUTOMATION_ACTIONS
              : SERVICE_ACTIONS;
        const action = rng.pick(actions);
        const at = t + rng.int(0, HOUR_MS - 1000);
        if (at >= now) continue;
        const resource = action.resource?.(resources, rng);
        const params = action.requestParameters?.(resource?.name);
        b.addEvent(account, region, {
          eventId: uuidOf(rng),
          daysAgo: (now - at) / DAY_MS,
          eventName: action.eventName,
          eventSource: action.eventSource,
          username: actor.username,
          principalArn: actor.principalArn,
          readOnly: action.readOnly ?? false,
          resources: resource === undefined ? [] : [resource],
          sourceIp: actor.sourceIp ?? "10.20.4.17",
          userAgent: actor.userAgent ?? "aws-cli/2.17.20 Python/3.11.9 Linux/6.5.0",
          ...(actor.accessKeyId !== undefined && { accessKeyId: actor.accessKeyId }),
          ...(params !== undefined && { requestParameters: params }),
        });
        added++;
      }
    }
  }
  return added;
}

/** The regions of an account where it runs workloads (instances, functions or databases). */
export function workloadRegions(account: EstateAccount): string[] {
  return Object.entries(account.regions)
    .filter(([, r]) => r.instances.length + r.functions.length + r.dbInstances.length > 0)
    .map(([name]) => name);
}

/** One unusual activity planted in an estate: what `changes` must report, by kind, account and subject. */
export interface PlantedActivity {
  kind: UnusualKind;
  account: string;
  /** The activity's subject (see UnusualActivity.subject). */
  subject: string;
}

export interface PlantUnusualOptions {
  /** Where the account works (its trail's home): root sign-in, trail stop, deletions. */
  region: string;
  /** A region the account has no history in (none: no unusual-region activity is planted). */
  unusedRegion?: string;
  /** The trail to stop (and restart). */
  trailArn: string;
  /** A person of the account's history (known, so not a new principal). */
  person: TrailActor;
  /** An automation principal of its history (not judged by the clock). */
  automation: TrailActor;
}

/**
 * Plant, in the last 24 hours before capturedAt, within 45 minutes from 01:00 or 04:00 UTC
 * (outside the default configuration's working hours), a root console sign-in, a trail stopped and restarted,
 * a burst of 25 deletions by automation and activity in an unused region; returns what they
 * make `changes --since 24h` report.
 */
export function plantUnusualActivity(
  b: EstateBuilder,
  account: EstateAccount,
  options: PlantUnusualOptions,
): PlantedActivity[] {
  const now = Date.parse(b.estate.capturedAt);
  // The latest 01:00 or 04:00 UTC whose 45 minutes end by now: always within the last 24 hours.
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const at = Math.max(
    ...[today - DAY_MS, today]
      .flatMap((d) => [d + HOUR_MS, d + 4 * HOUR_MS])
      .filter((t) => t + 45 * 60_000 <= now),
  );
  const daysAgo = (offsetMinutes: number) => (now - (at + offsetMinutes * 60_000)) / DAY_MS;
  const literal = (n: number) =>
    `0e1a0000-${account.id.slice(0, 4)}-4${account.id.slice(4, 7)}-8000-${String(n).padStart(12, "0")}`;
  const { person, automation } = options;
  b.addEvent(account, options.region, {
    eventId: literal(1),
    daysAgo: daysAgo(0),
    eventName: "ConsoleLogin",
    eventSource: "signin.amazonaws.com",
    username: "root",
    principalArn: `arn:aws:iam::${account.id}:root`,
    sourceIp: "203.0.113.199",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/132.0",
    responseElements: { ConsoleLogin: "Success" },
    additionalEventData: { MFAUsed: "Yes" },
  });
  const planted: PlantedActivity[] = [
    { kind: "root-activity", account: account.id, subject: "root" },
    { kind: "trail-stopped", account: account.id, subject: options.trailArn },
    { kind: "mass-deletion", account: account.id, subject: automation.principalArn },
    { kind: "unusual-region", account: account.id, subject: options.unusedRegion ?? "" },
    { kind: "outside-working-hours", account: account.id, subject: person.principalArn },
  ];
  const trail = [{ type: "AWS::CloudTrail::Trail", name: options.trailArn }];
  const personSpec = {
    username: person.username,
    principalArn: person.principalArn,
    sourceIp: person.sourceIp ?? "198.51.100.10",
  };
  ["StopLogging", "StartLogging"].forEach((eventName, i) =>
    b.addEvent(account, options.region, {
      ...personSpec,
      eventId: literal(2 + i),
      daysAgo: daysAgo(5 + i * 20),
      eventName,
      eventSource: "cloudtrail.amazonaws.com",
      resources: trail,
      requestParameters: { name: options.trailArn },
    }),
  );
  for (let i = 0; i < 25; i++) {
    const snapshotId = `snap-0de1${account.id.slice(-4)}${String(i).padStart(9, "0")}`;
    b.addEvent(account, options.region, {
      eventId: literal(10 + i),
      daysAgo: daysAgo(30 + i * 0.5),
      eventName: "DeleteSnapshot",
      eventSource: "ec2.amazonaws.com",
      username: automation.username,
      principalArn: automation.principalArn,
      sourceIp: automation.sourceIp ?? "10.40.0.12",
      resources: [{ type: "AWS::EC2::Snapshot", name: snapshotId }],
      requestParameters: { snapshotId },
    });
  }
  if (options.unusedRegion === undefined) return planted.filter((p) => p.kind !== "unusual-region");
  b.addEvent(account, options.unusedRegion, {
    ...personSpec,
    eventId: literal(40),
    daysAgo: daysAgo(10),
    eventName: "RunInstances",
    eventSource: "ec2.amazonaws.com",
    resources: [{ type: "AWS::EC2::Instance", name: `i-0e1a${account.id.slice(-4)}000000001` }],
    requestParameters: { instanceType: "p3.8xlarge", minCount: 1, maxCount: 1 },
  });
  return planted;
}
