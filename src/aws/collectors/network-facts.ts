/**
 * What the security-group and ec2-instance blueprints read before drafting: the region's VPCs,
 * subnets (public when their route table sends 0.0.0.0/0 to an internet gateway), security
 * groups, and the AMI the plan names (by id, or the newest available image of that name owned
 * by Amazon or the account; an SSM parameter such as Amazon Linux's public
 * /aws/service/ami-amazon-linux-latest/… is read first for the id). Reads only, through the one
 * client factory.
 */
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import {
  DescribeImagesCommand,
  paginateDescribeRouteTables,
  type Image,
  type RouteTable,
} from "@aws-sdk/client-ec2";
import type { ImageChoice, SubnetChoice } from "../../core/plans/blueprints/ec2-instance.js";
import type { SecurityGroupFacts } from "../../core/plans/blueprints/security-group.js";
import type { ClientFactory } from "../clients.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { itemsFromPages } from "./pages.js";
import { listSecurityGroups, listSubnets, listVpcs } from "./vpc.js";

const nameOf = (tags: readonly { Key?: string; Value?: string }[] | undefined): string | undefined =>
  tags?.find((t) => t.Key === "Name")?.Value;

/** The region's VPCs and security groups. */
export async function readGroupFacts(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<SecurityGroupFacts> {
  const vpcs = await listVpcs(factory, scope);
  const groups = await listSecurityGroups(factory, scope);
  return {
    vpcs: vpcs.flatMap((v) =>
      v.VpcId === undefined
        ? []
        : [{ id: v.VpcId, name: nameOf(v.Tags), cidr: v.CidrBlock ?? "", isDefault: v.IsDefault === true }],
    ),
    groups: groups.flatMap((g) =>
      g.GroupId === undefined ? [] : [{ id: g.GroupId, name: g.GroupName ?? "", vpcId: g.VpcId ?? "" }],
    ),
  };
}

/** The region's subnets; a subnet without an explicit route table uses its VPC's main one. */
export async function readSubnetChoices(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<SubnetChoice[]> {
  const subnets = await listSubnets(factory, scope);
  const client = await factory.ec2(scope.region);
  const tables = await withAwsErrors(callSite(scope, "ec2:DescribeRouteTables"), () =>
    itemsFromPages(
      paginateDescribeRouteTables({ client, pageSize: pageSizeWithin(scope.pageSize, 5, 100) }, {}),
      (p) => p.RouteTables,
    ),
  );
  const toInternet = (t: RouteTable) =>
    (t.Routes ?? []).some(
      (r) => r.DestinationCidrBlock === "0.0.0.0/0" && r.GatewayId?.startsWith("igw-") === true,
    );
  return subnets.flatMap((s) => {
    if (s.SubnetId === undefined || s.VpcId === undefined) return [];
    const table =
      tables.find((t) => (t.Associations ?? []).some((a) => a.SubnetId === s.SubnetId)) ??
      tables.find((t) => t.VpcId === s.VpcId && (t.Associations ?? []).some((a) => a.Main === true));
    return [
      {
        id: s.SubnetId,
        vpcId: s.VpcId,
        name: nameOf(s.Tags),
        availabilityZone: s.AvailabilityZone ?? "",
        isPublic: table !== undefined && toInternet(table),
        mapsPublicIp: s.MapPublicIpOnLaunch === true,
      },
    ];
  });
}

/** The image an `ami` parameter names: by id, or the newest available one of that name (Amazon's or the account's). */
export async function readImage(
  factory: ClientFactory,
  scope: CollectScope,
  ami: { kind: "id" | "name"; value: string },
): Promise<ImageChoice | undefined> {
  const client = await factory.ec2(scope.region);
  const images: Image[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await client.send(
        new DescribeImagesCommand(
          ami.kind === "id"
            ? { ImageIds: [ami.value] }
            : {
                Owners: ["amazon", "self"],
                Filters: [{ Name: "name", Values: [ami.value] }],
                MaxResults: 1000,
                ...(token !== undefined && { NextToken: token }),
              },
        ),
      );
      images.push(...(page.Images ?? []));
      token = ami.kind === "id" ? undefined : page.NextToken;
    } while (token !== undefined);
  } catch (error) {
    if (error instanceof Error && error.name === "InvalidAMIID.NotFound") return undefined;
    return withAwsErrors(callSite(scope, "ec2:DescribeImages"), () => Promise.reject(error));
  }
  const usable = ami.kind === "id" ? images : images.filter((i) => i.State === "available");
  const newest = usable.sort((a, b) => (b.CreationDate ?? "").localeCompare(a.CreationDate ?? ""))[0];
  if (newest?.ImageId === undefined) return undefined;
  const root = (newest.BlockDeviceMappings ?? []).find((m) => m.DeviceName === newest.RootDeviceName);
  return {
    id: newest.ImageId,
    name: newest.Name ?? newest.ImageId,
    state: newest.State ?? "available",
    architecture: newest.Architecture ?? "x86_64",
    rootDeviceName: newest.RootDeviceName ?? "/dev/xvda",
    rootSizeGiB: root?.Ebs?.VolumeSize,
    ...(ami.kind === "name" && { matched: usable.length }),
  };
}

/**
 * An SSM parameter's value (ssm:GetParameter, without decryption: a plain read), or undefined
 * when AWS answers ParameterNotFound.
 */
export async function readParameter(
  factory: ClientFactory,
  scope: CollectScope,
  name: string,
): Promise<string | undefined> {
  const client = await factory.ssm(scope.region);
  try {
    const out = await client.send(new GetParameterCommand({ Name: name }));
    return out.Parameter?.Value;
  } catch (error) {
    if (error instanceof Error && error.name === "ParameterNotFound") return undefined;
    return withAwsErrors(callSite(scope, "ssm:GetParameter"), () => Promise.reject(error));
  }
}
