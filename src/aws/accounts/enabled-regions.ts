/** Which regions an account can use (EC2 DescribeRegions with AllRegions). */
import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import type { ClientFactory } from "../clients.js";
import { withAwsErrors } from "../collectors/aws-errors.js";

export interface AccountRegionRecord {
  region: string;
  /** `opt-in-not-required`, `opted-in` or `not-opted-in`. */
  optInStatus: string;
  /** Whether the account can call the region (not `not-opted-in`). */
  isEnabled: boolean;
}

/** Every region AWS lists for the account, enabled or not, asked in `region`. */
export async function describeAccountRegions(
  factory: ClientFactory,
  scope: { account: string; region: string },
): Promise<AccountRegionRecord[]> {
  const site = {
    service: "ec2",
    action: "ec2:DescribeRegions",
    account: scope.account,
    region: scope.region,
  };
  return withAwsErrors(site, async () => {
    const out = await (
      await factory.ec2(scope.region)
    ).send(new DescribeRegionsCommand({ AllRegions: true }));
    return (out.Regions ?? []).flatMap((r) => {
      if (r.RegionName === undefined) return [];
      const optInStatus = r.OptInStatus ?? "opt-in-not-required";
      return [{ region: r.RegionName, optInStatus, isEnabled: optInStatus !== "not-opted-in" }];
    });
  });
}
