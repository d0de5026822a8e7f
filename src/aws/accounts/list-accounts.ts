/** The accounts of the organisation (AWS Organizations ListAccounts, from the management account). */
import { paginateListAccounts } from "@aws-sdk/client-organizations";
import type { ClientFactory } from "../clients.js";
import { withAwsErrors } from "../collectors/aws-errors.js";

export interface OrganizationAccountRecord {
  id: string;
  name: string | undefined;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE… (the newer `State` where AWS gives it, else `Status`). */
  state: string;
}

/** Every account of the caller's organisation, in the order AWS lists them. */
export async function listOrganizationAccounts(factory: ClientFactory): Promise<OrganizationAccountRecord[]> {
  const site = {
    service: "organizations",
    action: "organizations:ListAccounts",
    region: "us-east-1",
    profile: factory.profile,
  };
  return withAwsErrors(site, async () => {
    const accounts: OrganizationAccountRecord[] = [];
    const pages = paginateListAccounts({ client: await factory.organizations(), stopOnSameToken: true }, {});
    for await (const page of pages) {
      for (const a of page.Accounts ?? []) {
        if (a.Id === undefined) continue;
        accounts.push({ id: a.Id, name: a.Name, state: String(a.State ?? a.Status ?? "UNKNOWN") });
      }
    }
    return accounts;
  });
}
