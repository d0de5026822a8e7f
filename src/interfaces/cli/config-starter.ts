/**
 * The starter file `aws-coworker config init` writes. Everything active in it is safe as it
 * stands (name patterns only classify; they never grant more than read-only); the examples
 * to adapt are commented out. Both the starter and its examples are validated by tests.
 */

/** The commented-out examples, as YAML that is a valid layer on its own (tests check it). */
export const CONFIG_STARTER_EXAMPLES = {
  profiles: `my-dev:
  description: The development account.
  classification: development
  permissions: read-write
  approvalMode: destructive-only
  account: "123456789012"
  regions: [eu-west-1, us-east-1]
  defaultRegion: eu-west-1
my-prod:
  classification: production
  permissions: read-only
  account: "210987654321"
  regions: [eu-west-1]`,
  accounts: `"123456789012":
  name: my-dev
  classification: development
"210987654321":
  name: my-prod
  classification: production`,
  tagging: `required:
  - key: CostCenter
    pattern: "^CC-[0-9]{4}$"
  - key: DataClassification
    allowedValues: [public, internal, confidential]
    when:
      tag: Environment
      equals: production`,
  orchestration: `maxParallelWorkers: 5
thresholds:
  estimatedSeconds:
    advise: 120
    requireApproval: 600`,
} as const;

const commented = (yaml: string, indent: number): string =>
  yaml
    .split("\n")
    .map((line) => `${" ".repeat(indent)}# ${line}`)
    .join("\n");

export const CONFIG_STARTER = `# AWS Coworker configuration: the organisation's layer.
#
# The built-in defaults come first, this file extends them, and an optional business-unit
# overlay (--overlay FILE or $AWS_COWORKER_OVERLAY) extends this file. Mappings merge key by
# key, values replace values, lists replace lists (except patterns, tried most specific
# first, and required tags, merged by tag key). Every key: docs/configuration.md.
#
#   aws-coworker config validate   check this file
#   aws-coworker config show       the effective configuration and where each value came from
#
# Safe by default: a profile or account that is not listed here and matches no pattern is
# read-only, and nothing is ever changed without a plan that a person approved.

# Profiles: the AWS profiles (as in ~/.aws/config) the tool may use for more than reading.
#   classification  sandbox | development | test | staging | production | unknown
#   permissions     read-only | read-write
#   approvalMode    none | destructive-only | all-mutations | always (optional; the
#                   environment's applies when absent, and is a minimum)
#   regions         the regions the profile may operate in; defaultRegion is one of them
#   account         the 12-digit account the credentials belong to (quoted)
profiles:
${commented(CONFIG_STARTER_EXAMPLES.profiles, 2)}

# Patterns classify profiles and accounts that are not listed, by name (globs: * and ?,
# case-insensitive, whole name). The first match wins. A profile classified by a pattern
# stays read-only unless the pattern says permissions: read-write.
patterns:
  profiles:
    - match: "*prod*"
      classification: production
    - match: "*stag*"
      classification: staging
    - match: "*dev*"
      classification: development
    - match: "*sandbox*"
      classification: sandbox
  # Account patterns match the account alias or its id.
  accounts:
    - match: "*prod*"
      classification: production
    - match: "*stag*"
      classification: staging

# Accounts by 12-digit id (quote the ids: unquoted, YAML drops leading zeros).
accounts:
${commented(CONFIG_STARTER_EXAMPLES.accounts, 2)}

# Environments: what each classification allows. The built-in defaults: sandbox,
# development and test allow direct execution of approved plans; staging and production
# are changed only through infrastructure as code with a pull request; unknown allows
# nothing. approvalMode here is the minimum for the environment. Uncomment to change, e.g.:
# environments:
#   sandbox:
#     approvalMode: none

# Tagging policy. Built in: Owner, Environment (sandbox|development|test|staging|production)
# and CostCenter (^CC-[0-9]+$). Rules here replace the built-in rule with the same key.
tagging:
${commented(CONFIG_STARTER_EXAMPLES.tagging, 2)}

# Orchestration. Built in: resources advise 50 / partition 200, regions 3 / 8, accounts
# 3 / 10, estimated time advise 300 s / ask for approval at 600 s, 10 parallel workers,
# batches of 50.
orchestration:
${commented(CONFIG_STARTER_EXAMPLES.orchestration, 2)}

# Where plans, approvals, journals, the audit log and reports are kept.
workspace:
  dir: .aws-coworker
`;
