/**
 * The destructive steps the cleanup and delete blueprints draft, one AWS call per resource:
 * what each deletes (its resources), how the executor sees it gone (its validation), and what
 * its rollback can and cannot bring back. Pure.
 */
import type { AttributeValue } from "../../inventory/resource-record.js";
import { PLAN_TAG, STEP_TAG, type PlanStep, type StepValidation } from "../plan.js";
import { ref } from "../refs.js";
import { resourceTags, stepTagFilters, tagList, type BlueprintContext } from "./blueprint.js";

/** An existing resource as the collectors read it (the fields a deletion step needs). */
export interface ExistingResource {
  id: string;
  name: string | undefined;
  region: string;
  state: string | undefined;
  tags: Readonly<Record<string, string>>;
  attributes: Readonly<Record<string, AttributeValue>>;
}

/** `web-1 (i-0abc…)`, or the id alone when the resource has no name. */
export function labelOf(r: Pick<ExistingResource, "id" | "name">): string {
  return r.name === undefined || r.name === r.id ? r.id : `${r.name} (${r.id})`;
}

const WAIT = { attempts: 60, delayMs: 5000 } as const;

function goneValidation(action: string, list: string, filter: string, id: string): StepValidation {
  return {
    service: "ec2",
    action,
    params: {
      Filters: [{ Name: filter, Values: [id] }],
      ...(action === "DescribeSnapshots" && { OwnerIds: ["self"] }),
    },
    expect: [{ path: list, length: 0 }],
  };
}

function destructive(
  r: ExistingResource,
  fields: Pick<PlanStep, "id" | "title" | "action" | "params" | "rollback"> &
    Partial<Pick<PlanStep, "dependsOn" | "validation">>,
  type: string,
): PlanStep {
  return {
    service: "ec2",
    region: r.region,
    dependsOn: [],
    outputs: {},
    canSkip: true,
    resources: [{ type, id: r.id, name: r.name ?? r.id, change: "delete" }],
    ...fields,
  };
}

function markers(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    ["Name", PLAN_TAG, STEP_TAG].flatMap((k) => (tags[k] === undefined ? [] : [[k, tags[k]]])),
  );
}

/** User tags only: AWS reserves `aws:` keys, and the plan markers are put anew. */
function userTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !k.startsWith("aws:")));
}

/**
 * A volume: a safety snapshot first (tagged, validated completed), then DeleteVolume, whose
 * rollback creates a volume from that snapshot in the same AZ, with the same type, size and tags
 * (a new volume id).
 */
export function snapshotThenDeleteVolume(volume: ExistingResource, ctx: BlueprintContext): PlanStep[] {
  const snapStep = `snapshot-${volume.id}`;
  const az = String(volume.attributes["availabilityZone"] ?? "");
  const type = String(volume.attributes["volumeType"] ?? "gp2");
  const size = Number(volume.attributes["sizeGiB"] ?? 0);
  const iops = volume.attributes["iops"];
  // A copy of the volume carries its tags; the plan's tags fill in what it lacks; name and markers are the plan's.
  const planTags = resourceTags(ctx, snapStep, `${volume.name ?? volume.id} before cleanup`);
  const snapshotTags = { ...planTags, ...userTags(volume.tags), ...markers(planTags) };
  const snapshotId = ref(snapStep, "snapshotId");
  const snapshot: PlanStep = {
    id: snapStep,
    title: `Snapshot volume ${labelOf(volume)} before deleting it (safety)`,
    service: "ec2",
    action: "CreateSnapshot",
    region: volume.region,
    params: {
      VolumeId: volume.id,
      Description: `aws-coworker plan ${ctx.planId}: ${volume.id} before deletion`,
      TagSpecifications: [{ ResourceType: "snapshot", Tags: tagList(snapshotTags) }],
    },
    dependsOn: [],
    outputs: { snapshotId: "SnapshotId" },
    validation: {
      service: "ec2",
      action: "DescribeSnapshots",
      params: { SnapshotIds: [snapshotId] },
      expect: [{ path: "Snapshots.0.State", equals: "completed" }],
      ...WAIT,
    },
    rollback: {
      kind: "none",
      reason:
        "the safety snapshot is kept: the volume's rollback is made from it; delete it yourself once the data is no longer needed",
    },
    resources: [
      {
        type: "ebs/snapshot",
        name: `${volume.name ?? volume.id} before cleanup`,
        change: "create",
        tags: snapshotTags,
      },
    ],
    lookup: {
      service: "ec2",
      action: "DescribeSnapshots",
      params: { OwnerIds: ["self"], Filters: stepTagFilters(ctx, snapStep) },
      outputs: { snapshotId: "Snapshots.0.SnapshotId" },
    },
  };
  const tags = userTags(volume.tags);
  const remove = destructive(
    volume,
    {
      id: `delete-${volume.id}`,
      title: `Delete volume ${labelOf(volume)} (${size} GiB ${type}, ${az})`,
      action: "DeleteVolume",
      params: { VolumeId: volume.id },
      dependsOn: [snapStep],
      validation: goneValidation("DescribeVolumes", "Volumes", "volume-id", volume.id),
      rollback: {
        kind: "calls",
        calls: [
          {
            service: "ec2",
            action: "CreateVolume",
            params: {
              AvailabilityZone: az,
              SnapshotId: snapshotId,
              VolumeType: type,
              Size: size,
              // Encrypted even where the old volume was not (plan.storage-encrypted holds new volumes to it).
              Encrypted: true,
              ...(typeof iops === "number" && ["io1", "io2", "gp3"].includes(type) && { Iops: iops }),
              ...(Object.keys(tags).length > 0 && {
                TagSpecifications: [{ ResourceType: "volume", Tags: tagList(tags) }],
              }),
            },
          },
        ],
        validation: {
          service: "ec2",
          action: "DescribeVolumes",
          params: { Filters: [{ Name: "snapshot-id", Values: [snapshotId] }] },
          expect: [{ path: "Volumes.0.State", equals: "available" }],
          ...WAIT,
        },
      },
    },
    "ebs/volume",
  );
  // The volume goes only once its snapshot completed (dependsOn): the executor never runs it otherwise.
  return [snapshot, remove];
}

/** A volume deleted without a snapshot (the delete blueprint): its data is gone. */
export function deleteVolume(volume: ExistingResource): PlanStep {
  return destructive(
    volume,
    {
      id: `delete-${volume.id}`,
      title: `Delete volume ${labelOf(volume)}`,
      action: "DeleteVolume",
      params: { VolumeId: volume.id },
      validation: goneValidation("DescribeVolumes", "Volumes", "volume-id", volume.id),
      rollback: {
        kind: "manual",
        instruction: `a deleted volume cannot be brought back: its data is gone unless a snapshot of it exists (the cleanup blueprint snapshots first)`,
      },
    },
    "ebs/volume",
  );
}

export function releaseAddress(address: ExistingResource): PlanStep {
  const ip = String(address.attributes["publicIp"] ?? address.id);
  return destructive(
    address,
    {
      id: `release-${address.id}`,
      title: `Release Elastic IP ${ip} (${address.id})`,
      action: "ReleaseAddress",
      params: { AllocationId: address.id },
      validation: goneValidation("DescribeAddresses", "Addresses", "allocation-id", address.id),
      rollback: {
        kind: "manual",
        instruction: `the address ${ip} cannot be had back: AllocateAddress gives a new one; update the DNS records and allow-lists that name ${ip}`,
      },
    },
    "ec2/elastic-ip",
  );
}

export function deleteSnapshot(snapshot: ExistingResource): PlanStep {
  return destructive(
    snapshot,
    {
      id: `delete-${snapshot.id}`,
      title: `Delete snapshot ${labelOf(snapshot)}`,
      action: "DeleteSnapshot",
      params: { SnapshotId: snapshot.id },
      validation: goneValidation("DescribeSnapshots", "Snapshots", "snapshot-id", snapshot.id),
      rollback: { kind: "manual", instruction: "a deleted snapshot cannot be restored: its data is gone" },
    },
    "ebs/snapshot",
  );
}

export function deleteNetworkInterface(eni: ExistingResource): PlanStep {
  const subnet = eni.attributes["subnetId"];
  return destructive(
    eni,
    {
      id: `delete-${eni.id}`,
      title: `Delete network interface ${labelOf(eni)}`,
      action: "DeleteNetworkInterface",
      params: { NetworkInterfaceId: eni.id },
      validation: goneValidation(
        "DescribeNetworkInterfaces",
        "NetworkInterfaces",
        "network-interface-id",
        eni.id,
      ),
      rollback: {
        kind: "manual",
        instruction: `a deleted interface cannot be brought back: CreateNetworkInterface${typeof subnet === "string" ? ` in ${subnet}` : ""} makes a new one, with a new id and address`,
      },
    },
    "vpc/network-interface",
  );
}

export function terminateInstance(instance: ExistingResource): PlanStep {
  return destructive(
    instance,
    {
      id: `terminate-${instance.id}`,
      title: `Terminate instance ${labelOf(instance)}`,
      action: "TerminateInstances",
      params: { InstanceIds: [instance.id] },
      validation: {
        service: "ec2",
        action: "DescribeInstances",
        params: { InstanceIds: [instance.id] },
        expect: [{ path: "Reservations.0.Instances.0.State.Name", equals: "terminated" }],
        ...WAIT,
      },
      rollback: {
        kind: "manual",
        instruction:
          "a terminated instance cannot be started again: its volumes marked DeleteOnTermination and its instance store are gone; launch a new one (a new id) from an AMI",
      },
    },
    "ec2/instance",
  );
}

export function deleteSecurityGroup(group: ExistingResource): PlanStep {
  return destructive(
    group,
    {
      id: `delete-${group.id}`,
      title: `Delete security group ${labelOf(group)}`,
      action: "DeleteSecurityGroup",
      params: { GroupId: group.id },
      validation: goneValidation("DescribeSecurityGroups", "SecurityGroups", "group-id", group.id),
      rollback: {
        kind: "manual",
        instruction:
          "a deleted group cannot be brought back: CreateSecurityGroup makes a new one (a new id); add its rules again and point what used it at the new id",
      },
    },
    "vpc/security-group",
  );
}
