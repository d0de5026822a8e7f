/**
 * The configuration schema: one zod schema that is the validator, the documentation
 * (every field is described; docs/configuration.md follows it) and the JSON Schema source.
 * Objects are strict, so a misspelt key is an error, not a silently ignored setting.
 *
 * The schema describes the EFFECTIVE configuration (all layers merged). A single layer is a
 * deep-partial of it: see `configLayerSchema` below and `mergeLayers` in layers.ts.
 */
import { z } from "zod";
import { describeUnknownRegion, isAwsRegion } from "../regions.js";

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

/** Environment classifications, from the least to the most strict (see context/resolve.ts). */
export const CLASSIFICATIONS = [
  "sandbox",
  "development",
  "test",
  "staging",
  "production",
  "unknown",
] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const PERMISSIONS = ["read-only", "read-write"] as const;
export type Permissions = (typeof PERMISSIONS)[number];

/** Approval modes, from the least to the most strict. */
export const APPROVAL_MODES = ["none", "destructive-only", "all-mutations", "always"] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

export const classificationSchema = z
  .enum(CLASSIFICATIONS)
  .describe(
    "Environment classification: sandbox, development, test, staging, production, or unknown (read-only, nothing executes).",
  );

export const permissionsSchema = z
  .enum(PERMISSIONS)
  .describe("read-only (never mutates) or read-write (may mutate through an approved plan).");

export const approvalModeSchema = z
  .enum(APPROVAL_MODES)
  .describe(
    "Which operations need explicit human approval: none, destructive-only, all-mutations, or always (every operation, reads included).",
  );

export const regionSchema = z
  .string()
  .refine(isAwsRegion, { error: (issue) => describeUnknownRegion(String(issue.input)) })
  .describe("An AWS region code, e.g. us-east-1.");

const ACCOUNT_ID = /^\d{12}$/;

export const accountIdSchema = z
  .string({
    error: (issue) =>
      typeof issue.input === "number"
        ? `account id ${issue.input} must be a quoted string of 12 digits, e.g. "012345678901" (YAML reads unquoted digits as a number and drops leading zeros)`
        : undefined,
  })
  .regex(ACCOUNT_ID, {
    error: (issue) =>
      /^\d{1,11}$/.test(String(issue.input))
        ? `"${String(issue.input)}" is not an AWS account id (it has ${String(issue.input).length} digits, not 12); if the id starts with 0, quote it: YAML reads unquoted digits as a number and drops leading zeros`
        : `"${String(issue.input)}" is not an AWS account id; write the 12 digits, quoted`,
  })
  .describe('A 12-digit AWS account id, quoted: "123456789012".');

const globSchema = z
  .string()
  .min(1, { error: "a pattern must not be empty" })
  .describe("A glob matched case-insensitively against the whole name: * is any run of characters, ? one.");

const tagKeySchema = z
  .string()
  .min(1, { error: "a tag key must not be empty" })
  .max(128, { error: "a tag key is at most 128 characters" })
  .refine((key) => !key.toLowerCase().startsWith("aws:"), {
    error: "tag keys starting with aws: are reserved by AWS; choose another key",
  })
  .describe("A tag key (1-128 characters, not starting with aws:).");

const regexSchema = z
  .string()
  .min(1, { error: "a pattern must not be empty" })
  .superRefine((source, ctx) => {
    const problem = regexProblem(source);
    if (problem !== undefined) {
      ctx.addIssue({
        code: "custom",
        input: source,
        message: `"${source}" is not a valid regular expression (${problem}); write a JavaScript regular expression such as ^CC-[0-9]{4}$`,
      });
    }
  });

function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const positiveInt = z.int().min(1, { error: "must be a whole number of at least 1" });

// ---------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------

export const profileSchema = z
  .strictObject({
    description: z.string().optional().describe("Free text for humans."),
    classification: classificationSchema.describe(
      "The environment this profile operates in; decides what may execute and the minimum approval mode.",
    ),
    permissions: permissionsSchema.describe(
      "read-only: the tool never mutates with this profile. read-write: mutations are possible through an approved plan.",
    ),
    approvalMode: approvalModeSchema
      .optional()
      .describe(
        "Which operations need approval with this profile. The effective mode is the stricter of this and the environment's approvalMode; when absent, the environment's.",
      ),
    regions: z
      .array(regionSchema)
      .min(1, { error: "list at least one region" })
      .describe("The regions this profile may operate in; a request for any other region is refused."),
    defaultRegion: regionSchema
      .optional()
      .describe(
        "The region used when none is asked for; must be one of regions. Default: the first of regions.",
      ),
    emergencyOnly: z
      .boolean()
      .optional()
      .describe("A break-glass profile, for emergencies only; announced with a warning. Default: false."),
    account: accountIdSchema
      .optional()
      .describe(
        "The account this profile's credentials belong to. When set, a caller in another account is treated as unknown (read-only).",
      ),
  })
  .superRefine((profile, ctx) => {
    if (profile.defaultRegion !== undefined && !profile.regions.includes(profile.defaultRegion)) {
      ctx.addIssue({
        code: "custom",
        path: ["defaultRegion"],
        input: profile.defaultRegion,
        message: `defaultRegion "${profile.defaultRegion}" is not one of this profile's regions (${profile.regions.join(", ")}); add it to regions or pick one of them`,
      });
    }
  })
  .describe("A named AWS profile (as in ~/.aws/config) and what the tool may do with it.");

export const profilePatternSchema = z
  .strictObject({
    match: globSchema.describe('A glob on the profile name, e.g. "*-prod-*".'),
    classification: classificationSchema.describe("The classification of profiles whose name matches."),
    permissions: permissionsSchema
      .optional()
      .describe("Permissions for matching profiles. Default: read-only."),
    approvalMode: approvalModeSchema
      .optional()
      .describe("Approval mode for matching profiles. Default: the environment's approvalMode."),
  })
  .describe("Classifies a profile that is not listed under profiles by its name.");

export const accountPatternSchema = z
  .strictObject({
    match: globSchema.describe('A glob on the account alias, or on the account id, e.g. "*-prod*".'),
    classification: classificationSchema.describe("The classification of accounts that match."),
  })
  .describe("Classifies an account that is not listed under accounts by its alias or id.");

export const patternsSchema = z
  .strictObject({
    profiles: z
      .array(profilePatternSchema)
      .describe("Profile name patterns, tried in order; the first match wins."),
    accounts: z
      .array(accountPatternSchema)
      .describe("Account alias/id patterns, tried in order; the first match wins."),
  })
  .describe("Name patterns that classify profiles and accounts the configuration does not list.");

export const accountSchema = z
  .strictObject({
    name: z.string().optional().describe("A readable name for the account, shown next to its id."),
    classification: classificationSchema.describe("The account's environment classification."),
  })
  .describe("An AWS account the organisation knows.");

export const environmentSchema = z
  .strictObject({
    directExecution: z
      .boolean()
      .describe("Whether approved plans may be executed directly against accounts of this classification."),
    iacOnly: z
      .boolean()
      .describe(
        "Whether changes must be delivered as infrastructure as code on a branch with a pull request, never executed directly.",
      ),
    approvalMode: approvalModeSchema.describe(
      "The minimum approval mode in this environment; a profile may ask for a stricter one, never a looser one.",
    ),
  })
  .superRefine((environment, ctx) => {
    if (environment.directExecution && environment.iacOnly) {
      ctx.addIssue({
        code: "custom",
        path: ["iacOnly"],
        input: environment.iacOnly,
        message:
          "directExecution and iacOnly cannot both be true; set iacOnly: false to allow direct execution, or directExecution: false for IaC only",
      });
    }
  })
  .describe("What an environment classification allows.");

export const tagRuleSchema = z
  .strictObject({
    key: tagKeySchema.describe("The tag key that must be present."),
    description: z.string().optional().describe("Why the tag is required; shown in findings."),
    allowedValues: z
      .array(z.string())
      .min(1, { error: "list at least one allowed value, or remove allowedValues" })
      .optional()
      .describe(
        "The only values the tag may have. When absent, any value (that matches pattern) is allowed.",
      ),
    pattern: regexSchema
      .optional()
      .describe(
        "A JavaScript regular expression the tag value must match; anchor it with ^ and $ to match the whole value.",
      ),
    appliesTo: z
      .array(
        z.string().regex(/^[a-z0-9-]+(:[a-z0-9-]+)?$/, {
          error: (issue) =>
            `"${String(issue.input)}" is not a resource type; write service:type in lower case, e.g. ec2:instance, ebs:volume, s3:bucket, or just a service, e.g. rds`,
        }),
      )
      .min(1, { error: "list at least one resource type, or remove appliesTo" })
      .optional()
      .describe(
        "Resource types the rule applies to, as service:type (ec2:instance, ebs:volume, s3:bucket, rds:db-instance, lambda:function) or a whole service (rds). Default: every taggable resource.",
      ),
    when: z
      .strictObject({
        tag: tagKeySchema.describe("The other tag."),
        equals: z.string().describe("The value of the other tag that makes this tag required."),
      })
      .optional()
      .describe("Makes the rule conditional: the tag is required only when another tag has a given value."),
  })
  .superRefine((rule, ctx) => {
    if (rule.when !== undefined && rule.when.tag === rule.key) {
      ctx.addIssue({
        code: "custom",
        path: ["when", "tag"],
        input: rule.when.tag,
        message: `a rule cannot depend on its own tag "${rule.key}"; name another tag in when.tag`,
      });
    }
  })
  .describe("A required tag.");

export const taggingSchema = z
  .strictObject({
    required: z
      .array(tagRuleSchema)
      .superRefine((rules, ctx) => {
        const seen = new Set<string>();
        rules.forEach((rule, index) => {
          if (seen.has(rule.key)) {
            ctx.addIssue({
              code: "custom",
              path: [index, "key"],
              input: rule.key,
              message: `tag "${rule.key}" is listed twice; keep one rule per tag key`,
            });
          }
          seen.add(rule.key);
        });
      })
      .describe("The tags every resource must carry, one rule per tag key."),
  })
  .describe("The tagging policy checked by tag compliance and applied to planned resources.");

function threshold<A extends string, B extends string>(
  advise: A,
  upper: B,
  text: { advise: string; upper: string },
) {
  return z
    .strictObject({
      [advise]: positiveInt.describe(text.advise),
      [upper]: positiveInt.describe(text.upper),
    } as Record<A | B, typeof positiveInt>)
    .superRefine((value, ctx) => {
      const limits = value as Record<string, number>;
      const low = limits[advise] ?? 0;
      const high = limits[upper] ?? 0;
      if (low > high) {
        ctx.addIssue({
          code: "custom",
          path: [advise],
          input: low,
          message: `${advise} (${low}) must not be above ${upper} (${high})`,
        });
      }
    });
}

const countThreshold = (what: string) =>
  threshold("advise", "partition", {
    advise: `At this many ${what} or more, the tool advises partitioning the work.`,
    upper: `At this many ${what} or more, the work is partitioned and the partitions run in parallel.`,
  });

export const orchestrationSchema = z
  .strictObject({
    thresholds: z
      .strictObject({
        resources: countThreshold("resources").describe("Resource count thresholds."),
        regions: countThreshold("regions").describe("Region count thresholds."),
        accounts: countThreshold("accounts").describe("Account count thresholds."),
        estimatedSeconds: threshold("advise", "requireApproval", {
          advise:
            "When the work is estimated to take this many seconds or more, the tool says so before starting.",
          upper:
            "When the work is estimated to take this many seconds or more, the tool asks for approval before starting.",
        }).describe("Estimated run time thresholds, in seconds."),
      })
      .describe("When to advise partitioning, partition, or ask before long work."),
    maxParallelWorkers: positiveInt
      .max(100, { error: "at most 100 parallel workers" })
      .describe("The most partitions run at once."),
    batchSize: positiveInt
      .max(1000, { error: "at most 1000 per batch" })
      .describe("The most resources handled in one batch (e.g. one tagging call)."),
    assumeRoleName: z
      .string()
      .regex(/^[\w+=,.@-]{1,64}$/, {
        error: (issue) =>
          `"${String(issue.input)}" is not an IAM role name (1-64 letters, digits and + = , . @ _ -)`,
      })
      .describe(
        "The role assumed (sts:AssumeRole) in each account other than the profile's own when work spans accounts (--accounts); --role overrides it.",
      ),
  })
  .describe("How large work is partitioned and run in parallel.");

export const workspaceSchema = z
  .strictObject({
    dir: z
      .string()
      .min(1, { error: "the workspace directory must not be empty" })
      .describe(
        "The workspace folder for plans, approvals, journals, the audit log and reports; a relative path is taken from the current directory.",
      ),
  })
  .describe("Where the tool keeps its state.");

export const costSchema = z
  .strictObject({
    cacheTtlMinutes: positiveInt.describe(
      "How long Cost Explorer answers are kept in the workspace and reused (every Cost Explorer request costs $0.01; its data refreshes at most a few times a day). `cost --refresh` bypasses the cache.",
    ),
  })
  .describe("The cost overview (aws-coworker cost).");

export const askSchema = z
  .strictObject({
    model: z
      .string()
      .regex(/^[\w.:@-]{1,128}$/, {
        error: (issue) => `"${String(issue.input)}" is not a model id, e.g. claude-opus-5-5`,
      })
      .describe(
        "The Claude model `ask --llm` uses (an Anthropic API model id); `--model` overrides it for one request.",
      ),
  })
  .describe("Free-form requests (aws-coworker ask).");

export const auditSchema = z
  .strictObject({
    file: z
      .string()
      .min(1, { error: "the audit file must not be empty" })
      .refine((file) => !/^([/\\]|[A-Za-z]:)/.test(file) && !file.split(/[/\\]/).includes(".."), {
        error: (issue) =>
          `"${String(issue.input)}" must be a path inside the workspace: relative, without ".."`,
      })
      .optional()
      .describe("The audit log file, relative to the workspace. Default: the audit log's own default name."),
  })
  .describe("The append-only audit log.");

export const suppressionSchema = z
  .strictObject({
    check: z
      .string()
      .regex(/^[a-z0-9*?-]+(\.[a-z0-9*?-]+)?$/, {
        error: (issue) =>
          `"${String(issue.input)}" is not a check id; write it as listed in docs/checks.md, e.g. ec2.sg-open-ingress (a glob such as ec2.* is allowed)`,
      })
      .describe("The check id it covers (docs/checks.md); a glob such as ec2.* covers several."),
    resource: z
      .string()
      .min(1, { error: "name the resource: its id, ARN or name, or a glob such as sg-0abc*" })
      .describe("The resources it covers: a glob (* and ?) over the resource's id, ARN or name."),
    accounts: z
      .array(accountIdSchema)
      .min(1, { error: "list at least one account, or remove accounts" })
      .optional()
      .describe("Only in these accounts (12-digit ids). Default: every account."),
    reason: z
      .string()
      .trim()
      .min(1, { error: "say why the finding is accepted; the reason is shown with it" })
      .describe("Why the finding is accepted; shown with every finding it suppresses."),
    expires: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, {
        error: (issue) => `"${String(issue.input)}" is not a date; write YYYY-MM-DD, e.g. 2027-03-31`,
      })
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), {
        error: (issue) => `"${String(issue.input)}" is not a calendar date`,
      })
      .optional()
      .describe(
        "The last day (UTC) it applies, YYYY-MM-DD; from the next day the findings show as failures again. Default: no expiry.",
      ),
  })
  .describe("An accepted finding: shown as suppressed and counted, never hidden.");

export const checksSchema = z
  .strictObject({
    maxPortRange: positiveInt.describe(
      "Security group audit: an ingress rule opening more ports than this is overly permissive.",
    ),
    snapshotMaxAgeDays: positiveInt.describe(
      "Cleanup: EBS snapshots older than this that no registered AMI uses are reported.",
    ),
    stoppedInstanceMaxDays: positiveInt.describe("Cleanup: instances stopped longer than this are reported."),
    accessKeyMaxAgeDays: positiveInt.describe(
      "Security: active IAM access keys older than this are reported.",
    ),
    accessKeyMaxUnusedDays: positiveInt.describe(
      "Security: active IAM access keys not used for this long (or never) are reported.",
    ),
    idleLoadBalancerDays: positiveInt.describe(
      "Cleanup: a load balancer with no requests over this many days (CloudWatch) is idle.",
    ),
    trustedAccounts: z
      .array(accountIdSchema)
      .describe(
        "Accounts outside the organisation trusted like your own in role trust policies (e.g. your security tooling's), so iam.role-trust-open does not report them.",
      ),
    suppressions: z.array(suppressionSchema).describe("Accepted findings (check, resource, reason, expiry)."),
  })
  .describe("Audit checks: their thresholds and the findings accepted by your organisation.");

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const clockTime = z.string().regex(HH_MM, {
  error: (issue) => `"${String(issue.input)}" is not a time of day; write HH:MM (24-hour), e.g. 08:00`,
});

const burstSchema = z
  .strictObject({
    count: positiveInt.describe("How many events make a burst."),
    windowMinutes: positiveInt.describe("Within how many minutes (a sliding window)."),
  })
  .describe("A burst: at least `count` events of one principal within `windowMinutes`.");

export const changesSchema = z
  .strictObject({
    workingHours: z
      .strictObject({
        days: z.array(z.enum(WEEKDAYS)).describe("The working days: mon, tue, wed, thu, fri, sat, sun."),
        start: clockTime.describe("When the working day starts (HH:MM, in timeZone)."),
        end: clockTime.describe(
          "When it ends (HH:MM, in timeZone); activity from this minute on is outside.",
        ),
        timeZone: z
          .string()
          .refine(isTimeZone, {
            error: (issue) =>
              `"${String(issue.input)}" is not a time zone; write an IANA name, e.g. UTC or Europe/Paris`,
          })
          .describe("The IANA time zone of the working hours, e.g. UTC, Europe/Paris, America/New_York."),
      })
      .describe(
        "Changes review: write activity by people outside these hours is unusual (low severity). AWS services and automationPrincipals are not judged by the clock.",
      ),
    automationPrincipals: z
      .array(z.string().min(1))
      .describe(
        "Changes review: principals that work at any hour (CI pipelines, schedulers), as globs over the IAM user or role name (e.g. *-ci, deploy-*), so their activity is never outside working hours.",
      ),
    baselineDays: positiveInt.describe(
      "Changes review: the preceding period read before --since (days), against which new principals and regions not normally used are told.",
    ),
    failedBurst: burstSchema.describe(
      "Changes review: failed or access-denied calls of one principal that make a burst (high severity when access was denied).",
    ),
    massDeletion: burstSchema.describe(
      "Changes review: successful Delete*/Terminate* calls of one principal that make a mass deletion.",
    ),
  })
  .describe("The recent changes review (`aws-coworker changes`): what counts as unusual activity.");

const tokenBucketSchema = z
  .strictObject({
    burst: positiveInt.describe(
      "The bucket's size in tokens: how many calls may go at once after a quiet spell.",
    ),
    refillPerSecond: z
      .number()
      .positive({ error: "must be a number of tokens per second above 0, e.g. 20 or 0.5" })
      .describe("Tokens added back per second: the sustained call rate once the burst is spent."),
  })
  .describe("A token bucket: each call takes one token, and a call that finds none waits for one.");

const SERVICE_PREFIX = /^[a-z0-9-]+$/;
const API_OPERATION = /^[a-z0-9-]+:[A-Z][A-Za-z0-9]*$/;

export const rateLimitsSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .describe(
        "Whether the tool paces its own calls with the buckets below, so it stays under AWS's API throttling instead of being throttled and retrying.",
      ),
    ec2: z
      .strictObject({
        nonMutating: tokenBucketSchema.describe(
          "Each EC2 Describe*, List*, Get* and Search* API (AWS publishes 100 tokens, 20 per second).",
        ),
        unfilteredNonMutating: tokenBucketSchema.describe(
          "DescribeInstances, DescribeInstanceStatus, DescribeNetworkInterfaces, DescribeSecurityGroups, DescribeSnapshots, DescribeSpotInstanceRequests and DescribeVolumes called without filters and without pagination (AWS: 50, 10 per second).",
        ),
        mutating: tokenBucketSchema.describe("Each other EC2 API (AWS: 50, 5 per second)."),
        resourceIntensive: tokenBucketSchema.describe(
          "AuthorizeSecurityGroupIngress, RevokeSecurityGroupIngress and CreateKeyPair (AWS: 50, 5 per second).",
        ),
      })
      .describe(
        "EC2's published API throttling categories: every EC2 API has its own bucket of its category's size.",
      ),
    services: z
      .record(
        z.string().regex(SERVICE_PREFIX, {
          error: (issue) =>
            `"${String(issue.input)}" is not a service; write its IAM service prefix in lower case, e.g. s3, rds, lambda, elasticloadbalancing`,
        }),
        tokenBucketSchema,
      )
      .describe(
        "Every API of a service other than EC2 gets a bucket of this size, by IAM service prefix (s3, rds, lambda, iam, sts, organizations, elasticloadbalancing, cloudtrail, kms, cloudwatch). These services publish no token buckets; the built-in values are approximations. A service listed nowhere is not paced.",
      ),
    actions: z
      .record(
        z.string().regex(API_OPERATION, {
          error: (issue) =>
            `"${String(issue.input)}" is not an API; write service:Operation as the API names it, e.g. ec2:CreateTags or cloudtrail:LookupEvents`,
        }),
        tokenBucketSchema,
      )
      .describe(
        "APIs with a bucket of their own, as service:Operation (e.g. ec2:CreateTags); this wins over the API's category or service.",
      ),
  })
  .describe(
    "Client-side rate limits: a token bucket per account, region and API, shared by every client of one run.",
  );

const planRuleConditionSchema = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .describe(
        "A dotted path into the step's parameters, e.g. CidrBlock or IpPermissions.0.FromPort; a * segment matches every list item (IpPermissions.*.IpRanges.*.CidrIp).",
      ),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional().describe("The value must equal this."),
    notEquals: z
      .union([z.string(), z.number(), z.boolean()])
      .optional()
      .describe("The value must not equal this."),
    matches: regexSchema.optional().describe("The value (as text) must match this regular expression."),
    in: z.array(z.string()).min(1).optional().describe("The value must be one of these."),
    exists: z.boolean().optional().describe("The value must be present (true) or absent (false)."),
  })
  .describe(
    "A condition the step's parameters must meet. Give one test (equals, notEquals, matches, in or exists); with a * in the path every value found must meet it.",
  );

export const planRuleSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]*$/, { error: "a rule id is lower case, e.g. org.vpc-cidr-range" })
      .describe("A stable id, shown with the result, e.g. org.vpc-cidr-range."),
    description: z.string().min(1).describe("What the rule asks for, shown when it warns or blocks."),
    effect: z
      .enum(["warn", "block"])
      .describe("What happens when a step breaks the rule: warn, or block the plan."),
    select: z
      .strictObject({
        action: globSchema
          .optional()
          .describe(
            "The steps it applies to, as a glob on service:Action, e.g. ec2:CreateVpc or ec2:Create*.",
          ),
        classifications: z
          .array(classificationSchema)
          .min(1)
          .optional()
          .describe("Only in these environments. Default: all."),
      })
      .describe("Which steps the rule looks at."),
    conditions: z
      .array(planRuleConditionSchema)
      .min(1, { error: "give at least one condition" })
      .describe("Every condition must hold for a selected step, else the rule warns or blocks."),
  })
  .describe("An organisation's own plan rule: a step selector plus conditions on the step's parameters.");

export const plansSchema = z
  .strictObject({
    approvalExpiryHours: positiveInt
      .max(720, { error: "at most 720 hours (30 days)" })
      .describe("How long an approval stays valid; after that the plan must be approved again."),
    mcpApproval: z
      .enum(["elicitation", "terminal"])
      .describe(
        "How a person approves a plan an AI agent asks the MCP server to execute: elicitation (the MCP client shows the person a form with the plan's blast radius and the approval question; the agent cannot answer it) when the client supports it, else the terminal; terminal: only `aws-coworker plan approve` in the person's own terminal.",
      ),
    maxResources: positiveInt.describe(
      "Deletion rail: a plan with a destructive step that touches more resources than this is refused; split it.",
    ),
    typedCountAbove: positiveInt.describe(
      "A destructive plan touching more resources than this is approved by typing the number of resources, not yes.",
    ),
    protectTag: z
      .strictObject({
        key: tagKeySchema.describe("The tag key that protects a resource."),
        value: z.string().describe("The value that protects it (case-insensitive)."),
        untilKey: tagKeySchema.describe(
          "A tag whose value is a date (YYYY-MM-DD): the resource is protected until the end of that day.",
        ),
      })
      .describe("Resources carrying this tag are never included in a destructive plan."),
    instanceTypes: z
      .partialRecord(classificationSchema, z.array(globSchema).min(1))
      .describe(
        "Instance types allowed per environment, as globs (t3.*, m7g.large); an environment not listed allows any type.",
      ),
    monthlyCostLimitUsd: z
      .partialRecord(classificationSchema, z.number().nonnegative())
      .describe("The most a plan may add to the monthly bill per environment; a costlier plan is blocked."),
    naming: z
      .array(
        z.strictObject({
          type: z
            .string()
            .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, { error: "write service/type, e.g. vpc/vpc or s3/bucket" })
            .describe("The resource type, as service/type (vpc/vpc, vpc/subnet, s3/bucket, ec2/instance…)."),
          pattern: regexSchema.describe(
            "The regular expression a new resource's name (Name tag, bucket name) must match.",
          ),
          description: z
            .string()
            .optional()
            .describe("The convention in words, shown when a name breaks it."),
        }),
      )
      .describe("Naming conventions for new resources; a name that breaks one blocks the plan."),
    rules: z.array(planRuleSchema).describe("The organisation's own rules, checked on every plan."),
  })
  .describe("Plans: approvals, deletion rails and the governance rules every plan is checked against.");

export const configSchema = z
  .strictObject({
    profiles: z
      .record(z.string().min(1, { error: "a profile name must not be empty" }), profileSchema)
      .describe("Known AWS profiles by name. A profile listed nowhere and matching no pattern is read-only."),
    patterns: patternsSchema,
    accounts: z
      .record(accountIdSchema, accountSchema)
      .describe("Known AWS accounts by 12-digit id (quote the id). An unknown account is read-only."),
    environments: z
      .record(classificationSchema, environmentSchema)
      .describe(
        "What each classification allows; every classification must be present (the built-in layer has them all).",
      ),
    tagging: taggingSchema,
    orchestration: orchestrationSchema,
    workspace: workspaceSchema,
    audit: auditSchema,
    checks: checksSchema,
    changes: changesSchema,
    rateLimits: rateLimitsSchema,
    plans: plansSchema,
    cost: costSchema,
    ask: askSchema,
  })
  .describe("AWS Coworker configuration.");

export type Config = z.infer<typeof configSchema>;
export type ProfileConfig = z.infer<typeof profileSchema>;
export type ProfilePattern = z.infer<typeof profilePatternSchema>;
export type AccountPattern = z.infer<typeof accountPatternSchema>;
export type AccountConfig = z.infer<typeof accountSchema>;
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type TagRule = z.infer<typeof tagRuleSchema>;
export type ChecksConfig = z.infer<typeof checksSchema>;
export type SuppressionConfig = z.infer<typeof suppressionSchema>;
export type OrchestrationConfig = z.infer<typeof orchestrationSchema>;
export type RateLimitsConfig = z.infer<typeof rateLimitsSchema>;
export type CostConfig = z.infer<typeof costSchema>;
export type AskConfig = z.infer<typeof askSchema>;
export type ChangesConfig = z.infer<typeof changesSchema>;
export type TokenBucketConfig = z.infer<typeof tokenBucketSchema>;
export type PlansConfig = z.infer<typeof plansSchema>;
export type PlanRuleConfig = z.infer<typeof planRuleSchema>;

// ---------------------------------------------------------------------------------------
// Layers
// ---------------------------------------------------------------------------------------

/** Every object key optional, recursively; list items stay whole (a list item is never partial). */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** One configuration layer (core, org or overlay): any part of the configuration. */
export type ConfigLayer = DeepPartial<Config>;

/**
 * The schema of one layer, derived from configSchema: objects and records become partial,
 * values keep their checks, list items stay whole. Checks that span several fields of one
 * object (defaultRegion in regions, advise ≤ partition) run on the merged configuration.
 */
export const configLayerSchema = partialOf(configSchema) as unknown as z.ZodType<ConfigLayer>;

function partialOf(schema: z.ZodType): z.ZodType {
  const description = schema.description;
  const described = (built: z.ZodType): z.ZodType =>
    description === undefined ? built : built.describe(description);
  if (schema instanceof z.ZodOptional) return described(partialOf(schema.unwrap() as z.ZodType).optional());
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, value]) => [
        key,
        partialOf(value).optional(),
      ]),
    );
    return described(z.strictObject(shape));
  }
  if (schema instanceof z.ZodRecord) {
    return described(
      z.partialRecord(schema.keyType as z.core.$ZodRecordKey, partialOf(schema.valueType as z.ZodType)),
    );
  }
  return schema;
}
