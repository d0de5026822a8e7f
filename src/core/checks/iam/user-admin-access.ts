import { defineCheck } from "../check.js";
import { ADMIN_ACCESS_COMMON, adminVerdict } from "./admin-policies.js";

export const iamUserAdminAccess = defineCheck({
  ...ADMIN_ACCESS_COMMON,
  id: "iam.user-admin-access",
  title: "IAM user has administrator access",
  appliesTo: "iam-user",
  uses: [],
  description:
    "A user with AdministratorAccess, or any policy allowing every action on every resource (attached, inline or through a group), holds long-lived keys or a password that can do anything in the account.",
  remediation:
    "Give people access through roles (IAM Identity Center) with least-privilege permission sets; keep break-glass administrators to a documented minimum, with MFA.",
  evaluate: (user) => adminVerdict(user, "user"),
});
