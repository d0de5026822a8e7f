/**
 * EC2 instances: DescribeInstances (reservations, ids, filters, pagination), RunInstances,
 * TerminateInstances, StopInstances, StartInstances, Modify/DescribeInstanceAttribute.
 */
import type {
  DescribeInstanceAttributeRequest,
  InstanceAttribute as DescribeInstanceAttributeResult,
  DescribeInstancesRequest,
  DescribeInstancesResult,
  Instance,
  InstanceStateChange,
  ModifyInstanceAttributeRequest,
  PlatformValues,
  Reservation,
  RunInstancesRequest,
  Reservation as RunInstancesResult,
  StartInstancesRequest,
  StartInstancesResult,
  StopInstancesRequest,
  StopInstancesResult,
  TerminateInstancesRequest,
  TerminateInstancesResult,
  _InstanceType,
} from "@aws-sdk/client-ec2";
import { parseCidr, subnetAddress, RESERVED_PER_SUBNET } from "../cidr.js";
import type {
  EstateInstance,
  EstateInstanceState,
  EstateNetworkInterface,
  EstateRegion,
  EstateSubnet,
  EstateVolume,
} from "../estate.js";
import { awsError } from "../errors.js";
import {
  ensureRegion,
  op,
  regionOf,
  tagsMember,
  toDate,
  type ServiceContext,
  type Handler,
} from "./context.js";
import { applyEc2Filters, type FilterFields } from "./ec2-filters.js";
import {
  checkDryRun,
  ec2Page,
  findOne,
  ID_KINDS,
  instanceState,
  nextTokenMember,
  selectByIds,
} from "./ec2-shared.js";
import { specifiedTags } from "./ec2-tags.js";

function privateDns(region: string, ip: string): string {
  const host = `ip-${ip.replace(/\./g, "-")}`;
  return region === "us-east-1" ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

function publicDns(region: string, ip: string | undefined): string {
  if (ip === undefined) return "";
  const host = `ec2-${ip.replace(/\./g, "-")}`;
  return region === "us-east-1"
    ? `${host}.compute-1.amazonaws.com`
    : `${host}.${region}.compute.amazonaws.com`;
}

/** What instance answers look up, indexed once per call (regions can hold thousands of each). */
interface InstanceIndex {
  groupNames: Map<string, string>;
  volumes: Map<string, { volume: EstateVolume; attachment: EstateVolume["attachments"][number] }[]>;
  interfaces: Map<string, EstateNetworkInterface[]>;
}

function indexRegion(r: EstateRegion): InstanceIndex {
  const index: InstanceIndex = {
    groupNames: new Map(r.securityGroups.map((g) => [g.id, g.name])),
    volumes: new Map(),
    interfaces: new Map(),
  };
  for (const volume of r.volumes) {
    for (const attachment of volume.attachments) {
      const list = index.volumes.get(attachment.instanceId) ?? [];
      list.push({ volume, attachment });
      index.volumes.set(attachment.instanceId, list);
    }
  }
  for (const n of r.networkInterfaces) {
    const instanceId = n.attachment?.instanceId;
    if (instanceId === undefined) continue;
    const list = index.interfaces.get(instanceId) ?? [];
    list.push(n);
    index.interfaces.set(instanceId, list);
  }
  return index;
}

export function instanceOutput(
  ctx: ServiceContext,
  r: EstateRegion,
  i: EstateInstance,
  index: InstanceIndex = indexRegion(r),
): Instance {
  const groups = i.securityGroupIds.map((id) => ({
    GroupId: id,
    GroupName: index.groupNames.get(id) ?? id,
  }));
  const volumes = index.volumes.get(i.id) ?? [];
  const interfaces = index.interfaces.get(i.id) ?? [];
  const isLive = i.state !== "terminated";
  return {
    AmiLaunchIndex: 0,
    ...(i.clientToken === undefined ? {} : { ClientToken: i.clientToken }),
    ImageId: i.imageId,
    InstanceId: i.id,
    InstanceType: i.type as _InstanceType,
    ...(i.keyName === undefined ? {} : { KeyName: i.keyName }),
    LaunchTime: toDate(i.launchedAt),
    Monitoring: { State: "disabled" },
    Placement: { AvailabilityZone: i.availabilityZone, GroupName: "", Tenancy: "default" },
    // AWS sends lowercase `windows` although the SDK's enum spells it `Windows`.
    ...(i.platform === undefined ? {} : { Platform: i.platform as PlatformValues }),
    PrivateDnsName: isLive ? privateDns(ctx.region, i.privateIp) : "",
    ...(isLive ? { PrivateIpAddress: i.privateIp } : {}),
    ProductCodes: [],
    PublicDnsName: publicDns(ctx.region, i.publicIp),
    ...(i.publicIp === undefined ? {} : { PublicIpAddress: i.publicIp }),
    State: instanceState(i.state),
    StateTransitionReason: i.stateTransitionReason ?? "",
    // What EC2 adds for an instance a user stopped.
    ...(i.state === "stopped" && i.stateTransitionReason?.startsWith("User initiated") === true
      ? {
          StateReason: {
            Code: "Client.UserInitiatedShutdown",
            Message: "Client.UserInitiatedShutdown: User initiated shutdown",
          },
        }
      : {}),
    ...(isLive ? { SubnetId: i.subnetId, VpcId: i.vpcId } : {}),
    Architecture: i.architecture,
    BlockDeviceMappings: volumes.map(({ volume, attachment }) => ({
      DeviceName: attachment.device,
      Ebs: {
        AttachTime: toDate(attachment.attachedAt),
        DeleteOnTermination: attachment.deleteOnTermination,
        Status: "attached",
        VolumeId: volume.id,
      },
    })),
    EbsOptimized: false,
    EnaSupport: true,
    Hypervisor: "xen",
    ...(i.iamInstanceProfileArn === undefined
      ? {}
      : { IamInstanceProfile: { Arn: i.iamInstanceProfileArn } }),
    NetworkInterfaces: interfaces.map((n) => ({
      Attachment: {
        AttachTime: toDate(n.attachment?.attachedAt ?? i.launchedAt),
        AttachmentId: n.attachment?.attachmentId ?? "",
        DeleteOnTermination: n.attachment?.deleteOnTermination ?? true,
        DeviceIndex: n.attachment?.deviceIndex ?? 0,
        Status: "attached",
      },
      Description: n.description,
      Groups: groups.filter((g) => n.securityGroupIds.includes(g.GroupId)),
      InterfaceType: n.interfaceType,
      MacAddress: n.macAddress,
      NetworkInterfaceId: n.id,
      OwnerId: ctx.account.id,
      PrivateIpAddress: n.privateIp,
      SourceDestCheck: true,
      Status: "in-use",
      SubnetId: n.subnetId,
      VpcId: n.vpcId,
    })),
    RootDeviceName: "/dev/xvda",
    RootDeviceType: "ebs",
    SecurityGroups: isLive ? groups : [],
    SourceDestCheck: true,
    ...tagsMember(i.tags),
    VirtualizationType: "hvm",
    PlatformDetails: i.platform === "windows" ? "Windows" : "Linux/UNIX",
    UsageOperation: i.platform === "windows" ? "RunInstances:0002" : "RunInstances",
  };
}

function instanceFilters(r: EstateRegion, accountId: string): FilterFields<EstateInstance> {
  const groupNames = (i: EstateInstance): string[] =>
    i.securityGroupIds.map((id) => r.securityGroups.find((g) => g.id === id)?.name ?? "");
  return {
    "instance-id": (i) => i.id,
    "instance-type": (i) => i.type,
    "instance-state-name": (i) => i.state,
    "instance-state-code": (i) => instanceState(i.state).Code,
    "vpc-id": (i) => i.vpcId,
    "subnet-id": (i) => i.subnetId,
    "availability-zone": (i) => i.availabilityZone,
    "image-id": (i) => i.imageId,
    "private-ip-address": (i) => i.privateIp,
    "ip-address": (i) => i.publicIp,
    "key-name": (i) => i.keyName,
    "reservation-id": (i) => i.reservationId,
    architecture: (i) => i.architecture,
    platform: (i) => i.platform,
    "owner-id": () => accountId,
    "instance.group-id": (i) => i.securityGroupIds,
    "instance.group-name": groupNames,
    "group-id": (i) => i.securityGroupIds,
    "group-name": groupNames,
    "network-interface.group-id": (i) => i.securityGroupIds,
    "launch-time": (i) => i.launchedAt,
  };
}

/** Consecutive instances of one reservation share a Reservation entry, as AWS groups them. */
function groupReservations(
  ctx: ServiceContext,
  r: EstateRegion,
  instances: readonly EstateInstance[],
): Reservation[] {
  const out: Reservation[] = [];
  const index = indexRegion(r);
  let current: Reservation | undefined;
  for (const i of instances) {
    if (current === undefined || current.ReservationId !== i.reservationId) {
      current = { ReservationId: i.reservationId, OwnerId: ctx.account.id, Groups: [], Instances: [] };
      out.push(current);
    }
    current.Instances?.push(instanceOutput(ctx, r, i, index));
  }
  return out;
}

function describeInstances(ctx: ServiceContext, input: DescribeInstancesRequest): DescribeInstancesResult {
  const r = regionOf(ctx);
  const ids = input.InstanceIds ?? [];
  const idsGiven = ids.length > 0;
  const selected = idsGiven ? selectByIds(ID_KINDS.instance, r.instances, ids, (i) => i.id) : r.instances;
  const matching = applyEc2Filters(
    selected,
    input.Filters,
    instanceFilters(r, ctx.account.id),
    (i) => i.tags,
  );
  const page = ec2Page(ctx, input, matching, { min: 5, max: 1000, idsParameter: "instancesSet" }, idsGiven);
  checkDryRun(input);
  return { Reservations: groupReservations(ctx, r, page.items), ...nextTokenMember(page.nextToken) };
}

/** Whether instances launched with a ClientToken were asked for with the same parameters. */
function sameLaunch(launched: readonly EstateInstance[], input: RunInstancesRequest): boolean {
  const first = launched[0];
  return (
    first !== undefined &&
    first.imageId === input.ImageId &&
    first.type === (input.InstanceType ?? "m1.small") &&
    (input.SubnetId === undefined || first.subnetId === input.SubnetId) &&
    launched.length === (input.MaxCount ?? input.MinCount ?? 1)
  );
}

/**
 * RunInstances with a ClientToken already used: the same request answers the instances it
 * launched and launches nothing; different parameters are IdempotentParameterMismatch.
 */
function earlierLaunch(
  ctx: ServiceContext,
  r: EstateRegion,
  input: RunInstancesRequest,
): RunInstancesResult | undefined {
  if (input.ClientToken === undefined) return undefined;
  const launched = r.instances.filter((i) => i.clientToken === input.ClientToken);
  if (launched.length === 0) return undefined;
  if (!sameLaunch(launched, input)) {
    throw awsError(
      "IdempotentParameterMismatch",
      `The client token ${input.ClientToken} was already used with different parameters.`,
    );
  }
  checkDryRun(input);
  const index = indexRegion(r);
  return {
    ReservationId: launched[0]?.reservationId ?? "",
    OwnerId: ctx.account.id,
    Groups: [],
    Instances: launched.map((i) => instanceOutput(ctx, r, i, index)),
  };
}

export function nextFreeAddress(r: EstateRegion, subnetId: string, cidr: string): string {
  const used = new Set(r.networkInterfaces.filter((n) => n.subnetId === subnetId).map((n) => n.privateIp));
  const usable = parseCidr(cidr).size - RESERVED_PER_SUBNET;
  for (let n = 0; n < usable; n++) {
    const ip = subnetAddress(cidr, n);
    if (!used.has(ip)) return ip;
  }
  throw awsError(
    "InsufficientFreeAddressesInSubnet",
    `There are not enough free addresses in subnet '${subnetId}'.`,
  );
}

/** Where a new network interface is: a new id and MAC address, the subnet and its addresses. */
export function interfaceInSubnet(
  ctx: ServiceContext,
  subnet: EstateSubnet,
  privateIp: string,
  publicIp: string | undefined,
): Pick<
  EstateNetworkInterface,
  "id" | "subnetId" | "vpcId" | "availabilityZone" | "privateIp" | "publicIp" | "macAddress"
> {
  return {
    id: ctx.ids.ec2("eni"),
    subnetId: subnet.id,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    privateIp,
    ...(publicIp === undefined ? {} : { publicIp }),
    macAddress: ctx.ids.macAddress(),
  };
}

function runInstances(ctx: ServiceContext, input: RunInstancesRequest): RunInstancesResult {
  const r = regionOf(ctx);
  const earlier = earlierLaunch(ctx, r, input);
  if (earlier !== undefined) return earlier;
  if (input.ImageId === undefined)
    throw awsError("MissingParameter", "The request must contain the parameter ImageId");
  if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(input.ImageId)) {
    throw awsError("InvalidAMIID.Malformed", `Invalid id: "${input.ImageId}" (expecting "ami-...")`);
  }
  const minCount = input.MinCount ?? 1;
  const maxCount = input.MaxCount ?? minCount;
  if (!Number.isInteger(minCount) || minCount < 1 || maxCount < minCount) {
    throw awsError("InvalidParameterValue", `Invalid value for MinCount/MaxCount: ${minCount}/${maxCount}`);
  }
  const type = input.InstanceType ?? "m1.small";
  if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(type)) {
    throw awsError("InvalidParameterValue", `Invalid value '${type}' for InstanceType.`);
  }
  const subnet =
    input.SubnetId !== undefined
      ? selectByIds(ID_KINDS.subnet, r.subnets, [input.SubnetId], (s) => s.id)[0]
      : r.subnets.find(
          (s) =>
            s.defaultForAz &&
            (input.Placement?.AvailabilityZone === undefined ||
              s.availabilityZone === input.Placement.AvailabilityZone),
        );
  if (subnet === undefined) {
    throw awsError(
      "VPCIdNotSpecified",
      "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.",
    );
  }
  const groupIds =
    input.SecurityGroupIds !== undefined && input.SecurityGroupIds.length > 0
      ? input.SecurityGroupIds
      : r.securityGroups.filter((g) => g.vpcId === subnet.vpcId && g.name === "default").map((g) => g.id);
  const groups = selectByIds(ID_KINDS.securityGroup, r.securityGroups, groupIds, (g) => g.id);
  const foreign = groups.find((g) => g.vpcId !== subnet.vpcId);
  if (foreign !== undefined) {
    throw awsError(
      "InvalidParameter",
      `Security group ${foreign.id} and subnet ${subnet.id} belong to different networks.`,
    );
  }
  const tagsFor = specifiedTags(input.TagSpecifications, ["instance", "volume", "network-interface"]);
  checkDryRun(input);

  const target = ensureRegion(ctx);
  const now = ctx.now().toISOString();
  const reservationId = ctx.ids.ec2("r");
  const instanceTags = tagsFor("instance");
  const volumeTags = tagsFor("volume");
  const interfaceTags = tagsFor("network-interface");
  const launched: EstateInstance[] = [];
  for (let n = 0; n < maxCount; n++) {
    const privateIp = nextFreeAddress(target, subnet.id, subnet.cidr);
    const publicIp = subnet.mapPublicIpOnLaunch ? ctx.ids.publicIp() : undefined;
    const instance: EstateInstance = {
      id: ctx.ids.ec2("i"),
      reservationId,
      type,
      state: "running",
      launchedAt: now,
      imageId: input.ImageId,
      architecture: type.includes("g.") ? "arm64" : "x86_64",
      availabilityZone: subnet.availabilityZone,
      vpcId: subnet.vpcId,
      subnetId: subnet.id,
      privateIp,
      ...(publicIp === undefined ? {} : { publicIp }),
      securityGroupIds: groups.map((g) => g.id),
      ...(input.KeyName === undefined ? {} : { keyName: input.KeyName }),
      ...(input.DisableApiTermination === true ? { disableApiTermination: true } : {}),
      ...(input.ClientToken === undefined ? {} : { clientToken: input.ClientToken }),
      tags: { ...instanceTags },
    };
    const eni: EstateNetworkInterface = {
      ...interfaceInSubnet(ctx, subnet, privateIp, publicIp),
      description: "",
      interfaceType: "interface",
      requesterManaged: false,
      securityGroupIds: instance.securityGroupIds,
      attachment: {
        attachmentId: ctx.ids.ec2("eni-attach"),
        instanceId: instance.id,
        instanceOwnerId: ctx.account.id,
        deviceIndex: 0,
        attachedAt: now,
        deleteOnTermination: true,
      },
      tags: { ...interfaceTags },
    };
    const mappings = input.BlockDeviceMappings?.filter((m) => m.Ebs !== undefined) ?? [];
    const disks =
      mappings.length > 0
        ? mappings.map((m) => ({
            device: m.DeviceName ?? "/dev/xvda",
            sizeGiB: m.Ebs?.VolumeSize ?? 8,
            type: (m.Ebs?.VolumeType ?? "gp3") as EstateVolume["type"],
            encrypted: m.Ebs?.Encrypted ?? false,
            deleteOnTermination: m.Ebs?.DeleteOnTermination ?? true,
          }))
        : [
            {
              device: "/dev/xvda",
              sizeGiB: 8,
              type: "gp3" as const,
              encrypted: false,
              deleteOnTermination: true,
            },
          ];
    for (const disk of disks) {
      target.volumes.push({
        id: ctx.ids.ec2("vol"),
        sizeGiB: disk.sizeGiB,
        type: disk.type,
        availabilityZone: subnet.availabilityZone,
        // With EBS encryption by default on, every new volume is encrypted.
        encrypted: disk.encrypted || target.ebsEncryptionByDefault === true,
        createdAt: now,
        ...(disk.type === "gp3" ? { iops: 3000, throughput: 125 } : {}),
        attachments: [
          {
            instanceId: instance.id,
            device: disk.device,
            attachedAt: now,
            deleteOnTermination: disk.deleteOnTermination,
          },
        ],
        tags: { ...volumeTags },
      });
    }
    target.instances.push(instance);
    target.networkInterfaces.push(eni);
    launched.push(instance);
  }
  const index = indexRegion(target);
  return {
    ReservationId: reservationId,
    OwnerId: ctx.account.id,
    Groups: [],
    // AWS answers with the instances still pending; the sandbox's reads already see them running.
    Instances: launched.map((i) => ({
      ...instanceOutput(ctx, target, i, index),
      State: instanceState("pending"),
    })),
  };
}

function changeState(
  ctx: ServiceContext,
  ids: readonly string[] | undefined,
  transition: { reported: EstateInstanceState; final: EstateInstanceState },
  apply: (r: EstateRegion, i: EstateInstance) => void,
): InstanceStateChange[] {
  const r = regionOf(ctx);
  if (ids === undefined || ids.length === 0) {
    throw awsError("MissingParameter", "The request must contain the parameter InstanceId");
  }
  const instances = selectByIds(ID_KINDS.instance, r.instances, ids, (i) => i.id);
  return instances.map((i) => {
    const previous = i.state;
    if (previous === "terminated" && transition.final !== "terminated") {
      throw awsError(
        "IncorrectInstanceState",
        `The instance '${i.id}' is not in a state from which it can be ${transition.final === "running" ? "started" : "stopped"}.`,
      );
    }
    if (previous === "terminated" || previous === transition.final) {
      return {
        InstanceId: i.id,
        CurrentState: instanceState(previous),
        PreviousState: instanceState(previous),
      };
    }
    apply(r, i);
    i.state = transition.final;
    i.stateTransitionReason = `User initiated (${ctx.now().toISOString().slice(0, 19).replace("T", " ")} GMT)`;
    return {
      InstanceId: i.id,
      CurrentState: instanceState(transition.reported),
      PreviousState: instanceState(previous),
    };
  });
}

function terminate(r: EstateRegion, i: EstateInstance): void {
  for (const v of r.volumes) {
    const attachment = v.attachments.find((a) => a.instanceId === i.id);
    if (attachment === undefined) continue;
    v.attachments = v.attachments.filter((a) => a !== attachment);
    if (attachment.deleteOnTermination) r.volumes = r.volumes.filter((x) => x !== v);
  }
  for (const a of r.addresses.filter((x) => x.instanceId === i.id)) {
    delete a.associationId;
    delete a.instanceId;
    delete a.networkInterfaceId;
    delete a.privateIp;
  }
  r.networkInterfaces = r.networkInterfaces.filter((n) => {
    if (n.attachment?.instanceId !== i.id) return true;
    if (n.attachment.deleteOnTermination) return false;
    delete n.attachment;
    return true;
  });
  delete i.publicIp;
}

function terminateInstances(ctx: ServiceContext, input: TerminateInstancesRequest): TerminateInstancesResult {
  const r = regionOf(ctx);
  const protectedOne = selectByIds(ID_KINDS.instance, r.instances, input.InstanceIds ?? [], (i) => i.id).find(
    (i) => i.disableApiTermination === true && i.state !== "terminated",
  );
  if (protectedOne !== undefined) {
    throw awsError(
      "OperationNotPermitted",
      `The instance '${protectedOne.id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`,
    );
  }
  checkDryRun(input);
  const changes = changeState(
    ctx,
    input.InstanceIds,
    { reported: "shutting-down", final: "terminated" },
    terminate,
  );
  return { TerminatingInstances: changes };
}

function stopInstances(ctx: ServiceContext, input: StopInstancesRequest): StopInstancesResult {
  if (input.DryRun === true) {
    selectByIds(ID_KINDS.instance, regionOf(ctx).instances, input.InstanceIds ?? [], (i) => i.id);
    checkDryRun(input);
  }
  const changes = changeState(ctx, input.InstanceIds, { reported: "stopping", final: "stopped" }, (r, i) => {
    // The public address goes with the stop, unless it is an Elastic IP.
    if (!r.addresses.some((a) => a.instanceId === i.id)) {
      delete i.publicIp;
      for (const n of r.networkInterfaces) if (n.attachment?.instanceId === i.id) delete n.publicIp;
    }
  });
  return { StoppingInstances: changes };
}

function startInstances(ctx: ServiceContext, input: StartInstancesRequest): StartInstancesResult {
  if (input.DryRun === true) {
    selectByIds(ID_KINDS.instance, regionOf(ctx).instances, input.InstanceIds ?? [], (i) => i.id);
    checkDryRun(input);
  }
  const changes = changeState(ctx, input.InstanceIds, { reported: "pending", final: "running" }, (r, i) => {
    const subnet = r.subnets.find((s) => s.id === i.subnetId);
    if (i.publicIp === undefined && subnet?.mapPublicIpOnLaunch === true) {
      i.publicIp = ctx.ids.publicIp();
      for (const n of r.networkInterfaces)
        if (n.attachment?.instanceId === i.id && n.attachment.deviceIndex === 0) n.publicIp = i.publicIp;
    }
  });
  return { StartingInstances: changes };
}

/** ModifyInstanceAttribute: the DisableApiTermination attribute (the one the sandbox models). */
function modifyInstanceAttribute(
  ctx: ServiceContext,
  input: ModifyInstanceAttributeRequest,
): Record<string, never> {
  const instance = findOne(ID_KINDS.instance, regionOf(ctx).instances, input.InstanceId, (i) => i.id);
  const value = input.DisableApiTermination?.Value;
  if (value === undefined) {
    throw awsError(
      "InvalidParameterCombination",
      "The sandbox models only the DisableApiTermination attribute; specify it with a Value.",
    );
  }
  checkDryRun(input);
  if (value) instance.disableApiTermination = true;
  else delete instance.disableApiTermination;
  return {};
}

/** DescribeInstanceAttribute: `disableApiTermination` (the attribute the sandbox models). */
function describeInstanceAttribute(
  ctx: ServiceContext,
  input: DescribeInstanceAttributeRequest,
): DescribeInstanceAttributeResult {
  const instance = findOne(ID_KINDS.instance, regionOf(ctx).instances, input.InstanceId, (i) => i.id);
  if (input.Attribute !== "disableApiTermination") {
    throw awsError(
      "InvalidParameterValue",
      `Value (${input.Attribute ?? ""}) for parameter attribute is not one the sandbox models (disableApiTermination).`,
    );
  }
  checkDryRun(input);
  return {
    InstanceId: instance.id,
    DisableApiTermination: { Value: instance.disableApiTermination === true },
  };
}

export const INSTANCE_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeInstances: op(describeInstances),
  RunInstances: op(runInstances),
  TerminateInstances: op(terminateInstances),
  StopInstances: op(stopInstances),
  StartInstances: op(startInstances),
  ModifyInstanceAttribute: op(modifyInstanceAttribute),
  DescribeInstanceAttribute: op(describeInstanceAttribute),
};
