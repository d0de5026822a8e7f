import { defineCheck, fail, notApplicable, pass } from "../check.js";
import { accountOfPrincipal, hasCondition, principalsOf, statementsOf } from "./policy-document.js";

/**
 * Trust policies open to anyone (`*`), or to an account outside the organisation, with no
 * condition (such as sts:ExternalId) narrowing who may assume the role. Accounts of the audit,
 * the organisation's management account and `checks.trustedAccounts` count as your own.
 */
export const iamRoleTrustOpen = defineCheck({
  id: "iam.role-trust-open",
  title: "IAM role can be assumed by anyone or by an outside account without a condition",
  severity: "high",
  appliesTo: "iam-role",
  uses: ["account"],
  description:
    "A trust policy that allows `*`, or another AWS account without a condition such as sts:ExternalId, lets principals you do not control assume the role (the confused-deputy problem).",
  packs: ["security"],
  wellArchitected: [
    { pillar: "security", bestPractice: "SEC03-BP08 Share resources securely within your organization" },
  ],
  remediation:
    "Name the exact principals; for a third party, require the sts:ExternalId it was given (and aws:PrincipalOrgID or aws:SourceAccount where they apply).",
  fix: {
    iac: '{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::<vendor-account>:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"<external-id>"}}}',
  },
  evaluate(role, ctx) {
    if (role.isServiceLinked || role.trustPolicy === undefined) return notApplicable();
    const own = new Set([role.account, ...ctx.settings.trustedAccounts]);
    for (const a of ctx.related("account")) {
      if (a.organizationManagementAccount !== undefined) own.add(a.organizationManagementAccount);
    }
    const open = statementsOf(role.trustPolicy)
      .filter((s) => s.Effect === "Allow" && !hasCondition(s))
      .flatMap((s) =>
        principalsOf(s).filter(
          (p) =>
            p.kind === "AWS" && (p.value === "*" || !own.has(accountOfPrincipal(p.value) ?? role.account)),
        ),
      );
    if (open.length === 0) return pass();
    const isWorld = open.some((p) => p.value === "*");
    return fail(
      `role ${role.id} can be assumed by ${open.map((p) => p.value).join(", ")} with no condition`,
      { principals: open.map((p) => p.value) },
      { severity: isWorld ? "critical" : "high" },
    );
  },
});
