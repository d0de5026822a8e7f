/**
 * `aws-coworker init --claude`: the files that make Claude Code route every AWS request through
 * AWS Coworker's MCP server — CLAUDE.md (the routing rules), slash commands in .claude/commands/,
 * .mcp.json (registers the server) and .claude/settings.json (denies the `aws` CLI, allows the
 * server's tools). Pure: existing files' text comes in, the files to write come out; JSON files
 * are merged (other servers and rules kept), Markdown files are never overwritten unless forced.
 */
import { UsageError } from "../../core/errors.js";

export const SERVER_NAME = "aws-coworker";

/** The MCP tools the files name (the server's tool names). */
export const ROUTED_TOOLS = [
  "context",
  "inventory",
  "security",
  "sg-audit",
  "tag-compliance",
  "cleanup",
  "review",
  "cost",
  "changes",
  "plan_create_vpc",
  "plan_create_s3_bucket",
  "plan_create_tag",
  "plan_create_security_group",
  "plan_create_ec2_instance",
  "plan_create_cleanup",
  "plan_create_delete",
  "plan_show",
  "plan_list",
  "runs_list",
  "runs_show",
  "execute",
  "rollback",
] as const;

export interface SetupFile {
  path: string;
  content: string;
  /** What happens to it: created, merged into the existing file, or left as it was. */
  action: "create" | "merge" | "keep";
}

const tool = (name: (typeof ROUTED_TOOLS)[number]) => `\`mcp__${SERVER_NAME}__${name}\``;

const CLAUDE_MD = `# AWS: always through AWS Coworker

Every request about AWS in this repository — an inventory, an audit, costs, recent changes, or a
change — goes through the AWS Coworker MCP server (\`${SERVER_NAME}\`), never through the \`aws\` CLI,
an SDK script or the console. AWS Coworker reads through one gated, audited client and mutates only
through a plan a person approved.

## Routing

| The person asks | Use |
|---|---|
| who am I, which account, what may I do | ${tool("context")} |
| what is in the account / organisation | ${tool("inventory")} |
| security posture, public buckets, IAM, CloudTrail, encryption | ${tool("security")} |
| risky security group rules | ${tool("sg-audit")} |
| tag compliance | ${tool("tag-compliance")} |
| unused resources and what they cost | ${tool("cleanup")} |
| a Well-Architected review of a pillar | ${tool("review")} |
| cost breakdown, top drivers, savings | ${tool("cost")} |
| what changed recently, unusual activity | ${tool("changes")} |
| create a VPC, a bucket, a security group, an instance | ${tool("plan_create_vpc")}, ${tool("plan_create_s3_bucket")}, ${tool("plan_create_security_group")}, ${tool("plan_create_ec2_instance")} (then show the plan) |
| tag, clean up or delete resources | ${tool("plan_create_tag")}, ${tool("plan_create_cleanup")}, ${tool("plan_create_delete")} (then show the plan) |
| show or list plans, runs | ${tool("plan_show")}, ${tool("plan_list")}, ${tool("runs_list")}, ${tool("runs_show")} |
| run an approved plan (sandbox, development, test only) | ${tool("execute")} |
| undo a run | ${tool("rollback")} (drafts the reverse plan) |

Always pass the \`profile\` and \`regions\` (and \`accounts\` for organisation-wide work) the person
means, and repeat the announcement each result carries (profile, account, regions, environment,
read or mutate) before anything else.

## Rules

- You MUST NOT run \`aws\` (or any AWS SDK code) yourself; the repository's settings deny it.
- You cannot approve a plan, and you must not try: no tool approves, and the repository's settings
  deny running \`aws-coworker plan approve\` and editing the workspace (\`.aws-coworker/\`, where
  approvals live). After drafting a plan, show its blast radius, governance results and cost. A
  person approves it: when you call ${tool("execute")}, AWS Coworker asks them in a form Claude Code
  shows them (MCP elicitation) — you do not see or answer it —, or they run
  \`aws-coworker plan approve <plan id>\` in their own terminal.
- Production and staging are never changed directly: when the person wants a change there, draft
  the plan and say it must go through infrastructure as code and a pull request.
- When a tool answers with an error, read its text: it says how to recover (for a refusal, the
  plan → approve path). Do not work around a refusal.
`;

interface Command {
  name: string;
  description: string;
  hint: string;
  body: string;
}

const COMMANDS: readonly Command[] = [
  {
    name: "aws-coworker-plan-interaction",
    description: "Turn an AWS change request into an AWS Coworker plan for a person to review",
    hint: "<what to change, where>",
    body: `Draft an AWS Coworker plan for: $ARGUMENTS

1. Call ${tool("context")} with the profile and regions the request names, and repeat the announcement.
2. Pick the blueprint's tool (\`plan_create_vpc\`, \`_s3_bucket\`, \`_security_group\`, \`_ec2_instance\`, \`_tag\`,
   \`_cleanup\`, \`_delete\`) and its parameters; ask the person for any required tag or parameter you cannot
   infer. Call it.
3. Show the plan with ${tool("plan_show")}: steps, blast radius, governance (a block means it cannot be
   approved: say what to change), estimated cost, rollback.
4. Tell the person to review it. To run it (sandbox, development or test): /aws-coworker-execute-nonprod, which asks
   them to approve it in a form Claude Code shows them; or they run \`aws-coworker plan approve <plan id>\` in
   their own terminal. Do not execute it unasked.`,
  },
  {
    name: "aws-coworker-execute-nonprod",
    description: "Execute a plan a person approved, in sandbox, development or test",
    hint: "<plan id>",
    body: `Execute AWS Coworker plan $ARGUMENTS.

1. Call ${tool("plan_show")} and check it is for a sandbox, development or test account; if not, stop and say
   that production and staging changes go through infrastructure as code and a pull request.
2. Call ${tool("execute")}. When the plan needs approval, AWS Coworker asks the person in a form Claude Code
   shows them; if they decline, or execute answers that the plan is not approved, say so and tell the person
   they can run \`aws-coworker plan approve <plan id>\` in their terminal, then stop.
3. Report every step's outcome and the resources created, changed or deleted, with their ids, and how to
   undo the run (${tool("rollback")}).`,
  },
  {
    name: "aws-coworker-prepare-prod-change",
    description: "Prepare a production or staging change as a reviewed plan for infrastructure as code",
    hint: "<what to change in production>",
    body: `Prepare a production change for: $ARGUMENTS

1. Call ${tool("context")} with the production profile and repeat the announcement.
2. Draft the plan with the blueprint's \`plan_create_<blueprint>\` tool and show it with ${tool("plan_show")} (steps, blast radius,
   governance, cost, rollback).
3. Production is never changed directly: write the change up for a pull request — description, impact,
   the plan's steps as the infrastructure-as-code change, rollback, and a test checklist. Never call execute.`,
  },
  {
    name: "aws-coworker-rollback-change",
    description: "Draft the rollback of an execution run",
    hint: "<run id>",
    body: `Roll back AWS Coworker run $ARGUMENTS.

1. Call ${tool("runs_show")} to see what the run did.
2. Call ${tool("rollback")}: it drafts the reverse plan and says what cannot be reversed. Show it with
   ${tool("plan_show")}.
3. To run it, use /aws-coworker-execute-nonprod: the person approves it in the form execute shows them, or in
   their terminal (\`aws-coworker plan approve <plan id>\`).`,
  },
  {
    name: "aws-coworker-audit",
    description: "Audit an account: security posture, security groups, tags, unused resources",
    hint: "<profile> [regions]",
    body: `Audit AWS with AWS Coworker for: $ARGUMENTS

Call ${tool("security")}, ${tool("sg-audit")}, ${tool("tag-compliance")} and ${tool("cleanup")} with the profile
and regions given (all regions if asked). Summarise the findings worst first, per account and region, with each
finding's remediation; say which checks were not evaluated and the permission they need. Offer to draft a
cleanup or tag plan (/aws-coworker-plan-interaction) — never change anything yourself.`,
  },
  {
    name: "aws-coworker-audit-library",
    description: "Review AWS Coworker's own routing files in this repository",
    hint: "",
    body: `Check that this repository's AWS Coworker setup is sound: CLAUDE.md routes every AWS request through the
\`${SERVER_NAME}\` MCP tools; .mcp.json registers the server; .claude/settings.json denies \`aws\`; every slash
command in .claude/commands/aws-coworker-*.md names tools the server lists (call ${tool("context")} to confirm it
answers). Report what is missing or inconsistent. (Skills libraries are not part of AWS Coworker yet.)`,
  },
];

function commandFile(c: Command): string {
  const hint = c.hint === "" ? "" : `argument-hint: ${c.hint}\n`;
  return `---\ndescription: ${c.description}\n${hint}---\n\n${c.body}\n`;
}

/** The server's entry in .mcp.json: `npx aws-coworker mcp` (the package's own binary). */
export function mcpEntry(): { command: string; args: string[] } {
  return { command: "npx", args: ["aws-coworker", "mcp"] };
}

/**
 * The aws CLI; approving through the agent's shell; editing the workspace, where approvals live,
 * and the settings that hold these rules (and could add an Elicitation hook answering the
 * approval form). Claude Code's Edit rules cover every tool that writes files.
 */
const DENY = [
  "Bash(aws)",
  "Bash(aws *)",
  "Bash(aws:*)",
  "Bash(aws-coworker plan approve:*)",
  "Bash(npx aws-coworker plan approve:*)",
  "Edit(./.aws-coworker/**)",
  "Edit(./.claude/settings.json)",
  "Edit(./.claude/settings.local.json)",
];
const ALLOW = [`mcp__${SERVER_NAME}`];

function parseJson(path: string, text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new UsageError(`${path} is not a JSON object; AWS Coworker would have to overwrite it`, {
    code: "InitFileInvalid",
    hint: `Fix or move ${path}, then run \`aws-coworker init --claude\` again. Nothing was written.`,
  });
}

const union = (a: unknown, b: readonly string[]): string[] => [
  ...new Set([...(Array.isArray(a) ? a.filter((x): x is string => typeof x === "string") : []), ...b]),
];

/**
 * The files to write into a repository. `existing` maps each path (relative to the repository)
 * to its current text, when it exists.
 */
export function claudeSetup(
  existing: Readonly<Record<string, string>>,
  options: { force: boolean },
): SetupFile[] {
  const files: SetupFile[] = [];
  const markdown = (path: string, content: string) => {
    const current = existing[path];
    files.push(
      current === undefined || options.force
        ? { path, content, action: "create" }
        : { path, content: current, action: "keep" },
    );
  };
  markdown("CLAUDE.md", CLAUDE_MD);
  for (const c of COMMANDS) markdown(`.claude/commands/${c.name}.md`, commandFile(c));

  const mcpPath = ".mcp.json";
  const mcp = existing[mcpPath] === undefined ? {} : parseJson(mcpPath, existing[mcpPath]);
  const servers = (mcp["mcpServers"] ?? {}) as Record<string, unknown>;
  files.push({
    path: mcpPath,
    content:
      JSON.stringify({ ...mcp, mcpServers: { ...servers, [SERVER_NAME]: mcpEntry() } }, null, 2) + "\n",
    action: existing[mcpPath] === undefined ? "create" : "merge",
  });

  const settingsPath = ".claude/settings.json";
  const settings =
    existing[settingsPath] === undefined ? {} : parseJson(settingsPath, existing[settingsPath]);
  const permissions = (settings["permissions"] ?? {}) as Record<string, unknown>;
  files.push({
    path: settingsPath,
    content:
      JSON.stringify(
        {
          ...settings,
          permissions: {
            ...permissions,
            allow: union(permissions["allow"], ALLOW),
            deny: union(permissions["deny"], DENY),
          },
        },
        null,
        2,
      ) + "\n",
    action: existing[settingsPath] === undefined ? "create" : "merge",
  });
  return files;
}

export const SETUP_PATHS: readonly string[] = [
  "CLAUDE.md",
  ...COMMANDS.map((c) => `.claude/commands/${c.name}.md`),
  ".mcp.json",
  ".claude/settings.json",
];
