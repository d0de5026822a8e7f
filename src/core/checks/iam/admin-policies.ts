/** What the two administrator-access checks share: finding policies that allow everything. */
import type { IamRoleRecord, IamUserRecord } from "../../audit/records.js";
import { fail, pass, type Verdict } from "../check.js";
import { allowsEverything, statementsOf } from "./policy-document.js";

const ADMINISTRATOR_ACCESS = /^arn:aws[\w-]*:iam::aws:policy\/AdministratorAccess$/;

export function adminPolicies(principal: IamUserRecord | IamRoleRecord): { name: string; via: string }[] {
  return principal.policies.filter(
    (p) =>
      (p.arn !== undefined && ADMINISTRATOR_ACCESS.test(p.arn)) ||
      (p.document !== undefined && statementsOf(p.document).some(allowsEverything)),
  );
}

export function adminVerdict(principal: IamUserRecord | IamRoleRecord, what: string): Verdict {
  const admin = adminPolicies(principal);
  if (admin.length === 0) return pass();
  return fail(
    `${what} ${principal.id} has administrator access through ${admin.map((p) => `${p.name} (${p.via})`).join(", ")}`,
    { policies: admin.map((p) => ({ name: p.name, via: p.via })) },
  );
}

export const ADMIN_ACCESS_COMMON = {
  severity: "high" as const,
  packs: ["security"] as const,
  wellArchitected: [{ pillar: "security" as const, bestPractice: "SEC03-BP02 Grant least privilege access" }],
  cis: "1.16",
  fix: {
    cli: "aws iam detach-user-policy --user-name <user> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess   # roles: aws iam detach-role-policy --role-name <role> --policy-arn …",
  },
};
