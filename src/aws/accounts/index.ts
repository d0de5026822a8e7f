export { assumeRole, roleArnFor, type AssumedRole } from "./assume-role.js";
export { describeAccountRegions, type AccountRegionRecord } from "./enabled-regions.js";
export { listOrganizationAccounts, type OrganizationAccountRecord } from "./list-accounts.js";
