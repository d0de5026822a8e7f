/** The ec2-instance blueprint: AMI, subnet and group choice, the launch step, costs, governance, notes. */
import { describe, expect, it } from "vitest";
import { ec2InstanceMonthly } from "../../../src/core/cost/pricing.js";
import { evaluateGovernance } from "../../../src/core/plans/governance.js";
import { blastRadius } from "../../../src/core/plans/blast-radius.js";
import { resolveParams } from "../../../src/core/plans/blueprints/blueprint.js";
import { UsageError } from "../../../src/core/errors.js";
import {
  amiFromParameter,
  architectureOf,
  EC2_INSTANCE_PARAMS,
  ec2InstanceBlueprint,
  launchToken,
  parseAmi,
  type Ec2InstanceFacts,
} from "../../../src/core/plans/blueprints/ec2-instance.js";
import { fillNotes } from "../../../src/core/plans/notes.js";
import { stepSchema, type PlanStep } from "../../../src/core/plans/plan.js";
import { blueprintContext, configWith, PLAN_ID, REGION, thrown } from "./_plans.js";

const VPC = "vpc-0123456789abcdef0";
const facts = (over: Partial<Ec2InstanceFacts> = {}): Ec2InstanceFacts => ({
  vpcs: [{ id: VPC, name: "app-vpc", cidr: "10.20.0.0/16", isDefault: false }],
  groups: [{ id: "sg-0123456789abcdef0", name: "web", vpcId: VPC }],
  subnets: [
    {
      id: "subnet-0000000000000000b",
      vpcId: VPC,
      name: "private-b",
      availabilityZone: "eu-west-1b",
      isPublic: false,
      mapsPublicIp: false,
    },
    {
      id: "subnet-0000000000000000c",
      vpcId: VPC,
      name: "public-a",
      availabilityZone: "eu-west-1a",
      isPublic: true,
      mapsPublicIp: true,
    },
    {
      id: "subnet-0000000000000000a",
      vpcId: VPC,
      name: "private-a",
      availabilityZone: "eu-west-1a",
      isPublic: false,
      mapsPublicIp: false,
    },
  ],
  image: {
    id: "ami-0123456789abcdef0",
    name: "al2023-ami-2023.6",
    state: "available",
    architecture: "x86_64",
    rootDeviceName: "/dev/xvda",
    rootSizeGiB: 8,
  },
  ...over,
});

function draft(given: Record<string, string>, f = facts()) {
  return ec2InstanceBlueprint(
    resolveParams("ec2-instance", EC2_INSTANCE_PARAMS, { ami: "ami-0123456789abcdef0", ...given }),
    f,
    blueprintContext(),
  );
}
const launch = (steps: PlanStep[]) => steps.find((s) => s.id === "instance")!;

describe("parseAmi and architectureOf", () => {
  it("an id, a name, and an SSM parameter (ssm:<name> or resolve:ssm:<name>)", () => {
    expect(parseAmi("ami-0123456789abcdef0")).toEqual({ kind: "id", value: "ami-0123456789abcdef0" });
    expect(parseAmi("al2023-ami-2023.*-x86_64")).toEqual({ kind: "name", value: "al2023-ami-2023.*-x86_64" });
    const name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    expect(parseAmi(`ssm:${name}`)).toEqual({ kind: "ssm", value: name });
    expect(parseAmi(`resolve:ssm:${name}`)).toEqual({ kind: "ssm", value: name });
    expect(parseAmi("ssm:my-golden-ami")).toEqual({ kind: "ssm", value: "my-golden-ami" });
    for (const bad of ["ssm:", "ssm:/has space", "ssm:/a?b"]) {
      const e = thrown(() => parseAmi(bad));
      expect(e.message).toBe(`ami="${bad}" does not name an SSM parameter`);
      expect(e.hint).toContain("--set ami=ssm:<parameter name>");
    }
    expect(thrown(() => parseAmi("ami-xyz")).message).toContain("not an AMI id");
  });

  it("an SSM parameter's value: an AMI id, or a UsageError naming the parameter and the fix", () => {
    expect(amiFromParameter("/p", "ami-0123456789abcdef0", "us-east-1")).toBe("ami-0123456789abcdef0");
    const missing = thrown(() => amiFromParameter("/aws/service/nope", undefined, "eu-west-1"));
    expect(missing).toBeInstanceOf(UsageError);
    expect(missing.code).toBe("BlueprintAmiParameterNotFound");
    expect(missing.message).toBe(
      "there is no SSM parameter /aws/service/nope in eu-west-1 (GetParameter: ParameterNotFound)",
    );
    expect(missing.hint).toContain("--path /aws/service/ami-amazon-linux-latest --region eu-west-1");
    const notAnId = thrown(() => amiFromParameter("/app/version", "1.2.3", "us-east-1"));
    expect(notAnId.message).toBe('SSM parameter /app/version holds "1.2.3", not an AMI id');
  });

  it("notes the parameter an image id was read from", () => {
    const f = facts();
    const image = {
      ...f.image!,
      parameter: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    };
    const out = draft({}, { ...f, image });
    expect(out.notes.join("\n")).toContain(
      `ami=ssm:${image.parameter} resolved to ${image.id} (${image.name}) in ${REGION} when this plan was made`,
    );
  });

  it.each([
    ["t3.micro", "x86_64"],
    ["t4g.small", "arm64"],
    ["m7g.large", "arm64"],
    ["c6gn.large", "arm64"],
    ["g4dn.xlarge", "x86_64"],
    ["m6i.large", "x86_64"],
  ])("%s runs %s", (type, arch) => {
    expect(architectureOf(type)).toBe(arch);
  });
});

describe("ec2InstanceBlueprint", () => {
  it("launches one instance in the VPC's first private subnet, behind a new group, encrypted gp3, IMDSv2, tagged", () => {
    const d = draft({ name: "app-1", ingress: "tcp:443:10.0.0.0/8" });
    expect(d.steps.map((s) => s.id)).toEqual(["security-group", "ingress", "instance"]);
    for (const s of d.steps) expect(stepSchema.safeParse(s).success).toBe(true);
    const step = launch(d.steps);
    expect(step.params).toMatchObject({
      ImageId: "ami-0123456789abcdef0",
      InstanceType: "t3.micro",
      MinCount: 1,
      MaxCount: 1,
      SubnetId: "subnet-0000000000000000a",
      SecurityGroupIds: [{ $ref: "security-group.groupId" }],
      BlockDeviceMappings: [
        {
          DeviceName: "/dev/xvda",
          Ebs: { VolumeSize: 8, VolumeType: "gp3", Encrypted: true, DeleteOnTermination: true },
        },
      ],
      MetadataOptions: { HttpTokens: "required", HttpEndpoint: "enabled" },
      ClientToken: `${PLAN_ID}:instance`,
    });
    expect(step.params).not.toHaveProperty("KeyName");
    expect(step.params).not.toHaveProperty("DisableApiTermination");
    expect(
      (step.params["TagSpecifications"] as { ResourceType: string }[]).map((t) => t.ResourceType),
    ).toEqual(["instance", "volume"]);
    expect(step.outputs).toEqual({
      instanceId: "Instances.0.InstanceId",
      privateIp: "Instances.0.PrivateIpAddress",
    });
    expect(step.validation).toMatchObject({
      expect: [{ path: "Reservations.0.Instances.0.State.Name", equals: "running" }],
      attempts: 40,
    });
    expect(step.rollback).toMatchObject({
      kind: "calls",
      calls: [{ action: "TerminateInstances", params: { InstanceIds: [{ $ref: "instance.instanceId" }] } }],
      validation: { expect: [{ path: "Reservations.0.Instances.0.State.Name", equals: "terminated" }] },
    });
    expect(step.lookup?.params["Filters"]).toContainEqual({
      Name: "instance-state-name",
      Values: ["pending", "running", "stopping", "stopped"],
    });
    expect(step.resources.map((r) => [r.type, r.name])).toEqual([
      ["ec2/instance", "app-1"],
      ["ebs/volume", "app-1-root"],
    ]);
  });

  it("an existing group of the subnet's VPC, a key pair and an instance profile are passed as given", () => {
    const d = draft({
      securityGroup: "sg-0123456789abcdef0",
      keyName: "ops",
      instanceProfile: "ssm-core",
      subnetId: "public-a",
    });
    expect(d.steps.map((s) => s.id)).toEqual(["instance"]);
    expect(d.steps[0]!.params).toMatchObject({
      SecurityGroupIds: ["sg-0123456789abcdef0"],
      KeyName: "ops",
      IamInstanceProfile: { Name: "ssm-core" },
      SubnetId: "subnet-0000000000000000c",
    });
    expect(d.notes.join("\n")).toContain("ssh -i ops.pem ec2-user@<public address>");
    expect(d.cost.map((c) => c.item)).toContain("public IPv4 address of dev-instance");
  });

  it("costs: the instance hours and the root volume, from the dated table", () => {
    const d = draft({ instanceType: "m5.large", volumeSizeGiB: "30" });
    expect(d.cost).toEqual([
      {
        item: "instance dev-instance (m5.large)",
        monthlyUsd: 78.11,
        basis: expect.stringContaining("$0.107/h"),
      },
      { item: "root volume dev-instance-root", monthlyUsd: 2.64, basis: expect.stringContaining("30 GiB") },
    ]);
    expect(draft({ instanceType: "x2iedn.32xlarge" }).cost[0]).toMatchObject({
      monthlyUsd: 0,
      basis: expect.stringContaining("not in the built-in price table"),
    });
  });

  it("governance: plans.instanceTypes blocks a type the environment does not allow; the root volume passes encryption", () => {
    const config = configWith({ plans: { instanceTypes: { development: ["t3.*"] } } });
    const judge = (type: string) => {
      const steps = draft({ instanceType: type }).steps;
      return evaluateGovernance({
        steps,
        classification: "development",
        allowedRegions: undefined,
        monthlyUsd: 0,
        blastRadius: blastRadius(steps, { account: "111111111111", typedCountAbove: 10 }),
        config,
      });
    };
    expect(judge("t3.small")).toContainEqual(
      expect.objectContaining({ rule: "plan.instance-types", outcome: "pass" }),
    );
    expect(judge("m5.large")).toContainEqual(
      expect.objectContaining({ rule: "plan.instance-types", outcome: "block", stepId: "instance" }),
    );
    expect(judge("t3.small")).toContainEqual(
      expect.objectContaining({ rule: "plan.storage-encrypted", outcome: "pass" }),
    );
  });

  it.each([
    [{ instanceType: "huge" }, {}, "is not an instance type"],
    [{ instanceType: "t4g.micro" }, {}, "runs arm64 images"],
    [{}, { image: undefined }, "DescribeImages found none"],
    [{ volumeSizeGiB: "4" }, {}, "smaller than image"],
    [{ subnetId: "subnet-0fffffffffffffff0" }, {}, 'no subnet "subnet-0fffffffffffffff0"'],
    [{ securityGroup: "sg-0fffffffffffffff0" }, {}, "no security group sg-0fffffffffffffff0"],
    [
      { securityGroup: "sg-0123456789abcdef0", ingress: "tcp:443:10.0.0.0/8" },
      {},
      "go with securityGroup=new",
    ],
    [{}, { subnets: [] }, "has no private subnet"],
  ])("refused at plan time: %o %o → %s", (given, over, message) => {
    const error = thrown(() =>
      draft(given as Record<string, string>, facts(over as Partial<Ec2InstanceFacts>)),
    );
    expect(error.message).toContain(message);
    expect(error.hint).toBeTruthy();
  });

  it("the notes give the Session Manager command, filled with the instance id once it runs, and the termination rule", () => {
    const d = draft({});
    const filled = fillNotes(d.notes, { instance: { instanceId: "i-0abc" } });
    expect(filled[0]).toContain(`aws ssm start-session --target i-0abc --region ${REGION}`);
    expect(filled[0]).toContain("--set instanceProfile=<name>");
    expect(filled.join("\n")).toContain("OperationNotPermitted");
  });

  it("the launch token is the same for the same plan step and at most 64 characters", () => {
    expect(launchToken(PLAN_ID, "instance")).toBe(launchToken(PLAN_ID, "instance"));
    expect(launchToken(`plan-${"x".repeat(80)}`, "instance")).toHaveLength(64);
  });
});

describe("ec2InstanceMonthly", () => {
  it("prices sizes in proportion to large, per region; unknown types are not priced", () => {
    expect(ec2InstanceMonthly("us-east-1", "t3.micro")).toMatchObject({ monthlyUsd: 7.59 });
    expect(ec2InstanceMonthly("us-east-1", "t3.large")).toMatchObject({ monthlyUsd: 60.74 });
    expect(ec2InstanceMonthly("eu-west-1", "c6i.2xlarge")).toMatchObject({ monthlyUsd: 280.32 });
    expect(ec2InstanceMonthly("sa-east-1", "t3.micro")?.basis).toContain("not in the price table");
    expect(ec2InstanceMonthly("us-east-1", "m5.nano")).toBeUndefined();
    expect(ec2InstanceMonthly("us-east-1", "m7g.medium")).toMatchObject({ monthlyUsd: 29.78 });
  });
});
