/**
 * The `ec2-instance` blueprint: one instance from an AMI (an id, a name looked up with
 * DescribeImages, or an SSM parameter resolved to an id at plan time), in a subnet (default: the VPC's first private one), behind an existing
 * security group or a new one (the security-group blueprint's steps), with an encrypted gp3
 * root volume, IMDSv2 required, and the plan's tags on the instance and its volume. The launch
 * carries a ClientToken made of the plan and step ids, so a retried call never launches twice.
 * Termination protection is never set (and never turned off): a rollback of an instance someone
 * protected fails with AWS's OperationNotPermitted. Pure.
 */
import { ebsVolumeMonthly, ec2InstanceMonthly, publicIpv4Monthly } from "../../cost/pricing.js";
import { UsageError } from "../../errors.js";
import type { PlanStep } from "../plan.js";
import { ref } from "../refs.js";
import {
  resourceTags,
  stepTagFilters,
  tagList,
  type BlueprintContext,
  type BlueprintParam,
  type CostLine,
  type Draft,
  type ParamValue,
} from "./blueprint.js";
import {
  checkGroup,
  chooseVpc,
  parseRules,
  RULE_PARAMS,
  securityGroupSteps,
  type SecurityGroupFacts,
} from "./security-group.js";

export const EC2_INSTANCE_PARAMS: readonly BlueprintParam[] = [
  { name: "name", kind: "string", description: "The instance's Name tag", default: "dev-instance" },
  {
    name: "instanceType",
    kind: "string",
    description: "The instance type (governance: plans.instanceTypes for the environment)",
    default: "t3.micro",
  },
  {
    name: "ami",
    kind: "string",
    description:
      "The AMI: its id (ami-…), its name (wildcards allowed; the newest available image of Amazon or the account by that name), or ssm:<parameter> (e.g. ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64), resolved at plan time",
  },
  {
    name: "subnetId",
    kind: "string",
    description: "The subnet: its id (subnet-…) or Name tag; auto: the VPC's first private subnet",
    default: "auto",
  },
  {
    name: "vpc",
    kind: "string",
    description: "With subnetId=auto, the VPC (id or Name tag); auto: the region's only non-default VPC",
    default: "auto",
  },
  {
    name: "securityGroup",
    kind: "string",
    description:
      "An existing security group (sg-…) of the subnet's VPC, or new: a group <name>-sg with the ingress/egress rules",
    default: "new",
  },
  ...RULE_PARAMS,
  { name: "keyName", kind: "string", description: "An EC2 key pair for SSH, or none", default: "none" },
  {
    name: "instanceProfile",
    kind: "string",
    description:
      "An IAM instance profile (name) to attach, or none; Session Manager needs one with AmazonSSMManagedInstanceCore",
    default: "none",
  },
  {
    name: "volumeSizeGiB",
    kind: "int",
    description: "The root volume's size (encrypted gp3)",
    default: 8,
    min: 1,
    max: 16384,
  },
];

/** A subnet of the region, as the blueprint chooses among them. */
export interface SubnetChoice {
  id: string;
  vpcId: string;
  name?: string | undefined;
  availabilityZone: string;
  /** Its route table sends 0.0.0.0/0 to an internet gateway. */
  isPublic: boolean;
  /** Instances launched in it get a public IPv4 address. */
  mapsPublicIp: boolean;
}

/** The AMI the `ami` parameter names, as DescribeImages answered it. */
export interface ImageChoice {
  id: string;
  name: string;
  state: string;
  architecture: string;
  rootDeviceName: string;
  /** The root snapshot's size: the smallest root volume AWS accepts. */
  rootSizeGiB?: number | undefined;
  /** How many available images matched a name (the newest was taken). */
  matched?: number;
  /** The SSM parameter the id was read from (ami=ssm:<name>). */
  parameter?: string;
}

export interface Ec2InstanceFacts extends SecurityGroupFacts {
  subnets: readonly SubnetChoice[];
  /** undefined: DescribeImages found no image by that id or name in the region. */
  image: ImageChoice | undefined;
}

const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** How the `ami` parameter names an image. */
export type AmiRef = { kind: "id" | "name"; value: string } | { kind: "ssm"; value: string };

/** What SSM accepts in a parameter name (letters, digits, `.-_/`), at most 2048 characters. */
const SSM_NAME = /^[a-zA-Z0-9_.\-/]{1,2048}$/;

/** How the `ami` parameter names an image: an id, an SSM parameter (`ssm:<name>`, or CloudFormation's `resolve:ssm:<name>`), or a name. */
export function parseAmi(text: string): AmiRef {
  if (AMI_ID.test(text)) return { kind: "id", value: text };
  const ssm = /^(?:resolve:)?ssm:(.*)$/.exec(text);
  if (ssm !== null) {
    const name = ssm[1] ?? "";
    if (!SSM_NAME.test(name))
      throw new UsageError(`ami="${text}" does not name an SSM parameter`, {
        code: "BlueprintParamInvalid",
        hint: "Pass --set ami=ssm:<parameter name>, e.g. ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 (letters, digits and . - _ / only).",
      });
    return { kind: "ssm", value: name };
  }
  if (text.startsWith("ami-")) {
    throw new UsageError(`ami="${text}" is not an AMI id (ami- and 8 or 17 hex digits)`, {
      code: "BlueprintParamInvalid",
      hint: "Pass --set ami=ami-0123456789abcdef0, the image's name, or ssm:<parameter>.",
    });
  }
  return { kind: "name", value: text };
}

/**
 * The AMI id an SSM parameter holds (`value`: GetParameter's answer; undefined when AWS said
 * ParameterNotFound), or a UsageError naming the parameter and the fix.
 */
export function amiFromParameter(name: string, value: string | undefined, region: string): string {
  if (value === undefined)
    throw new UsageError(`there is no SSM parameter ${name} in ${region} (GetParameter: ParameterNotFound)`, {
      code: "BlueprintAmiParameterNotFound",
      hint: `Check the name and region (aws ssm get-parameters-by-path --path /aws/service/ami-amazon-linux-latest --region ${region} lists Amazon Linux's), or pass the AMI id or name.`,
    });
  if (!AMI_ID.test(value))
    throw new UsageError(`SSM parameter ${name} holds "${value.slice(0, 80)}", not an AMI id`, {
      code: "BlueprintParamInvalid",
      hint: "Pass a parameter whose value is an AMI id (DataType aws:ec2:image), or the AMI id or name itself.",
    });
  return value;
}

/** Graviton families (t4g, m7g, c6gn…) run arm64 images; the rest x86_64. */
export function architectureOf(instanceType: string): "arm64" | "x86_64" {
  const family = instanceType.split(".")[0] ?? "";
  return /\d[a-z]*g[a-z]*$/.test(family) ? "arm64" : "x86_64";
}

function describeSubnet(s: SubnetChoice): string {
  return `${s.id}${s.name === undefined ? "" : ` (${s.name})`} ${s.isPublic ? "public" : "private"} ${s.availabilityZone}`;
}

/** The subnet to launch in: by id or Name tag, or (auto) the first private subnet of the chosen VPC. */
export function chooseSubnet(
  params: Record<string, ParamValue>,
  facts: Ec2InstanceFacts,
  region: string,
): SubnetChoice {
  const given = String(params["subnetId"]);
  const refuse = (what: string, hint: string) =>
    new UsageError(what, { code: "BlueprintSubnetUnresolved", hint });
  if (given !== "auto") {
    const found = facts.subnets.filter((s) => s.id === given || s.name === given);
    if (found.length === 1) return found[0]!;
    const list = facts.subnets.map(describeSubnet).join(", ") || "none";
    throw found.length === 0
      ? refuse(
          `there is no subnet "${given}" in ${region} (subnets: ${list})`,
          "Pass --set subnetId=<id or Name> of one of them.",
        )
      : refuse(
          `${found.length} subnets are named "${given}": ${found.map(describeSubnet).join(", ")}`,
          "Pass --set subnetId=<id>.",
        );
  }
  const vpc = chooseVpc(String(params["vpc"]), facts.vpcs, region);
  const inVpc = facts.subnets
    .filter((s) => s.vpcId === vpc.id)
    .sort(
      (a, b) =>
        a.availabilityZone.localeCompare(b.availabilityZone) ||
        (a.name ?? a.id).localeCompare(b.name ?? b.id),
    );
  const first = inVpc.find((s) => !s.isPublic);
  if (first !== undefined) return first;
  throw refuse(
    `${vpc.id} has no private subnet (subnets: ${inVpc.map(describeSubnet).join(", ") || "none"})`,
    "Pass --set subnetId=<id> to launch in one of them (a public subnet exposes the instance to the internet's reach).",
  );
}

/** A ClientToken AWS keeps for the launch: the same plan step always sends the same one (at most 64 ASCII characters). */
export function launchToken(planId: string, stepId: string): string {
  return `${planId}:${stepId}`.slice(-64);
}

export function ec2InstanceBlueprint(
  params: Record<string, ParamValue>,
  facts: Ec2InstanceFacts,
  ctx: BlueprintContext,
): Draft {
  const region = ctx.region;
  const name = String(params["name"]);
  const instanceType = String(params["instanceType"]);
  const invalid = (what: string, hint: string) =>
    new UsageError(what, { code: "BlueprintParamInvalid", hint });
  if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(instanceType))
    throw invalid(
      `instanceType "${instanceType}" is not an instance type`,
      "Pass e.g. --set instanceType=t3.micro.",
    );
  const ami = String(params["ami"]);
  const image = facts.image;
  if (image === undefined)
    throw new UsageError(
      `there is no image ${ami} in ${region} that the account may launch (DescribeImages found none)`,
      {
        code: "BlueprintImageNotFound",
        hint: "Check the id or name in this region (AMI ids differ between regions): aws ec2 describe-images --owners amazon self --filters Name=name,Values=<name>.",
      },
    );
  if (image.state !== "available")
    throw invalid(
      `image ${image.id} (${image.name}) is ${image.state}, not available`,
      "Pass an available image.",
    );
  const arch = architectureOf(instanceType);
  if (image.architecture !== arch)
    throw invalid(
      `image ${image.id} (${image.name}) is ${image.architecture}; ${instanceType} runs ${arch} images`,
      arch === "arm64"
        ? "Pass an arm64 image, or an x86_64 type such as t3.micro."
        : "Pass an x86_64 image, or a Graviton type such as t4g.micro.",
    );
  const sizeGiB = Number(params["volumeSizeGiB"]);
  if (image.rootSizeGiB !== undefined && sizeGiB < image.rootSizeGiB)
    throw invalid(
      `volumeSizeGiB=${sizeGiB} is smaller than image ${image.id}'s ${image.rootSizeGiB} GiB root snapshot`,
      `Pass --set volumeSizeGiB=${image.rootSizeGiB} or more.`,
    );

  const subnet = chooseSubnet(params, facts, region);
  const group = String(params["securityGroup"]);
  const ingress = parseRules(params["ingress"], "ingress");
  const egress = parseRules(params["egress"], "egress");
  const steps: PlanStep[] = [];
  let groupIds: unknown[];
  if (group === "new") {
    const spec = {
      name: `${name}-sg`,
      description: `${name} (AWS Coworker plan ${ctx.planId})`.slice(0, 255),
      vpcId: subnet.vpcId,
      ingress,
      egress,
    };
    checkGroup(spec, facts);
    steps.push(...securityGroupSteps(spec, ctx));
    groupIds = [ref("security-group", "groupId")];
  } else {
    if (ingress.length > 0 || egress.length > 0)
      throw invalid(
        `ingress and egress rules go with securityGroup=new, not with the existing group ${group}`,
        "Pass --set securityGroup=new, or change the existing group's rules with the security-group blueprint.",
      );
    const existing = facts.groups.find((g) => g.id === group);
    if (existing === undefined)
      throw invalid(
        `there is no security group ${group} in ${region}`,
        "Pass --set securityGroup=<sg-…> or new.",
      );
    if (existing.vpcId !== subnet.vpcId)
      throw invalid(
        `security group ${group} is in ${existing.vpcId}, subnet ${subnet.id} in ${subnet.vpcId}`,
        "Pass a group of the subnet's VPC, or --set securityGroup=new.",
      );
    groupIds = [group];
  }

  const keyName = String(params["keyName"]);
  const profile = String(params["instanceProfile"]);
  const instanceId = ref("instance", "instanceId");
  const volumeName = `${name}-root`;
  const describe = (state: string, attempts: number) => ({
    service: "ec2" as const,
    action: "DescribeInstances",
    params: { InstanceIds: [instanceId] },
    expect: [{ path: "Reservations.0.Instances.0.State.Name", equals: state }],
    attempts,
    delayMs: 5000,
  });
  steps.push({
    id: "instance",
    title: `Launch ${instanceType} ${name} from ${image.id} in ${subnet.id}`,
    service: "ec2",
    action: "RunInstances",
    region,
    params: {
      ImageId: image.id,
      InstanceType: instanceType,
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnet.id,
      SecurityGroupIds: groupIds,
      ...(keyName !== "none" && { KeyName: keyName }),
      ...(profile !== "none" && { IamInstanceProfile: { Name: profile } }),
      BlockDeviceMappings: [
        {
          DeviceName: image.rootDeviceName,
          Ebs: { VolumeSize: sizeGiB, VolumeType: "gp3", Encrypted: true, DeleteOnTermination: true },
        },
      ],
      MetadataOptions: { HttpTokens: "required", HttpEndpoint: "enabled" },
      ClientToken: launchToken(ctx.planId, "instance"),
      TagSpecifications: [
        { ResourceType: "instance", Tags: tagList(resourceTags(ctx, "instance", name)) },
        { ResourceType: "volume", Tags: tagList(resourceTags(ctx, "instance", volumeName)) },
      ],
    },
    dependsOn: steps.map((s) => s.id),
    outputs: { instanceId: "Instances.0.InstanceId", privateIp: "Instances.0.PrivateIpAddress" },
    validation: describe("running", 40),
    rollback: {
      kind: "calls",
      calls: [{ service: "ec2", action: "TerminateInstances", params: { InstanceIds: [instanceId] } }],
      validation: describe("terminated", 60),
    },
    resources: [
      { type: "ec2/instance", name, change: "create", tags: resourceTags(ctx, "instance", name) },
      {
        type: "ebs/volume",
        name: volumeName,
        change: "create",
        tags: resourceTags(ctx, "instance", volumeName),
      },
    ],
    lookup: {
      service: "ec2",
      action: "DescribeInstances",
      params: {
        Filters: [
          ...stepTagFilters(ctx, "instance"),
          { Name: "instance-state-name", Values: ["pending", "running", "stopping", "stopped"] },
        ],
      },
      outputs: {
        instanceId: "Reservations.0.Instances.0.InstanceId",
        privateIp: "Reservations.0.Instances.0.PrivateIpAddress",
      },
    },
  });

  const cost: CostLine[] = [];
  const compute = ec2InstanceMonthly(region, instanceType);
  cost.push(
    compute === undefined
      ? {
          item: `instance ${name} (${instanceType})`,
          monthlyUsd: 0,
          basis: `${instanceType} is not in the built-in price table: not estimated (see aws.amazon.com/ec2/pricing/on-demand)`,
        }
      : { item: `instance ${name} (${instanceType})`, ...compute },
  );
  cost.push({ item: `root volume ${volumeName}`, ...ebsVolumeMonthly(region, "gp3", sizeGiB) });
  if (subnet.mapsPublicIp)
    cost.push({ item: `public IPv4 address of ${name}`, ...publicIpv4Monthly(region) });

  const ssm = `aws ssm start-session --target <instance.instanceId> --region ${region}`;
  const notes = [
    `Connect with Session Manager, no inbound port needed: ${ssm}. The instance needs the SSM agent (Amazon Linux has it), a route to the SSM endpoints, and an instance profile with AmazonSSMManagedInstanceCore${profile === "none" ? " — none is attached: pass --set instanceProfile=<name>" : ` (${profile})`}.`,
    ...(keyName !== "none" && subnet.mapsPublicIp
      ? [
          `Or ssh -i ${keyName}.pem ec2-user@<public address> (ec2-user on Amazon Linux; the address: aws ec2 describe-instances --instance-ids <instance.instanceId> --query 'Reservations[0].Instances[0].PublicIpAddress'); the group must allow tcp:22 from your address.`,
        ]
      : []),
    ...(keyName !== "none" && !subnet.mapsPublicIp
      ? [
          `Key pair ${keyName} is set, but ${subnet.id} gives no public address: ssh only from inside the VPC (or through Session Manager port forwarding).`,
        ]
      : []),
    "Termination protection is not turned on. If someone turns it on, the rollback's TerminateInstances fails with OperationNotPermitted: AWS Coworker never turns protection off; turn it off yourself if you mean to (aws ec2 modify-instance-attribute --instance-id <instance.instanceId> --no-disable-api-termination), then run the rollback again.",
    ...(image.parameter !== undefined
      ? [
          `ami=ssm:${image.parameter} resolved to ${image.id} (${image.name}) in ${region} when this plan was made; the plan launches that image even after the parameter moves on to a newer one: plan again to take it.`,
        ]
      : []),
    ...(image.matched !== undefined && image.matched > 1
      ? [`${image.matched} images are named like "${ami}": the newest, ${image.id} (${image.name}), is used.`]
      : []),
  ];
  return {
    goal: `Launch ${instanceType} instance ${name} from ${image.id} (${image.name}) in ${subnet.id} (${subnet.isPublic ? "public" : "private"}, ${subnet.availabilityZone})${group === "new" ? ` with a new security group ${name}-sg` : ` with ${group}`}`,
    steps,
    cost,
    notes,
  };
}
