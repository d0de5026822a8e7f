import { defineCheck, notApplicable } from "../check.js";
import { ADMIN_ACCESS_COMMON, adminVerdict } from "./admin-policies.js";

export const iamRoleAdminAccess = defineCheck({
  ...ADMIN_ACCESS_COMMON,
  id: "iam.role-admin-access",
  title: "IAM role has administrator access",
  appliesTo: "iam-role",
  uses: [],
  description:
    "A role with AdministratorAccess, or any policy allowing every action on every resource, lets whoever can assume it do anything in the account. (OrganizationAccountAccessRole has it by AWS's design: suppress it with a reason if you keep it.)",
  remediation: "Scope the role's policies to what its users need; restrict who can assume it.",
  evaluate: (role) => (role.isServiceLinked ? notApplicable() : adminVerdict(role, "role")),
});
