/** Users and roles whose policies allow every action on every resource. */
import type { IamRoleRecord, IamUserRecord } from "../../audit/records.js";
import { defineCheck, fail, notApplicable, pass, type Verdict } from "../check.js";
import { allowsEverything, statementsOf } from "./policy-document.js";

const ADMINISTRATOR_ACCESS = /^arn:aws[\w-]*:iam::aws:policy\/AdministratorAccess$/;

function adminPolicies(principal: IamUserRecord | IamRoleRecord): { name: string; via: string }[] {
  return principal.policies.filter(
    (p) =>
      (p.arn !== undefined && ADMINISTRATOR_ACCESS.test(p.arn)) ||
      (p.document !== undefined && statementsOf(p.document).some(allowsEverything)),
  );
}

function verdict(principal: IamUserRecord | IamRoleRecord, what: string): Verdict {
  const admin = adminPolicies(principal);
  if (admin.length === 0) return pass();
  return fail(
    `${what} ${principal.id} has administrator access through ${admin.map((p) => `${p.name} (${p.via})`).join(", ")}`,
    { policies: admin.map((p) => ({ name: p.name, via: p.via })) },
  );
}

const common = {
  severity: "high" as const,
  packs: ["security"] as const,
  wellArchitected: [{ pillar: "security" as const, bestPractice: "SEC03-BP02 Grant least privilege access" }],
  cis: "1.16",
  fix: {
    cli: "aws iam detach-user-policy --user-name <user> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess   # roles: aws iam detach-role-policy --role-name <role> --policy-arn …",
  },
};

export const iamUserAdminAccess = defineCheck({
  ...common,
  id: "iam.user-admin-access",
  title: "IAM user has administrator access",
  appliesTo: "iam-user",
  uses: [],
  description:
    "A user with AdministratorAccess, or any policy allowing every action on every resource (attached, inline or through a group), holds long-lived keys or a password that can do anything in the account.",
  remediation:
    "Give people access through roles (IAM Identity Center) with least-privilege permission sets; keep break-glass administrators to a documented minimum, with MFA.",
  evaluate: (user) => verdict(user, "user"),
});

export const iamRoleAdminAccess = defineCheck({
  ...common,
  id: "iam.role-admin-access",
  title: "IAM role has administrator access",
  appliesTo: "iam-role",
  uses: [],
  description:
    "A role with AdministratorAccess, or any policy allowing every action on every resource, lets whoever can assume it do anything in the account. (OrganizationAccountAccessRole has it by AWS's design: suppress it with a reason if you keep it.)",
  remediation: "Scope the role's policies to what its users need; restrict who can assume it.",
  evaluate: (role) => (role.isServiceLinked ? notApplicable() : verdict(role, "role")),
});
