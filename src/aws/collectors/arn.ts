/**
 * ARNs for resources whose API does not return one. The partition follows the region:
 * `arn:aws-cn:…` in China, `arn:aws-us-gov:…` in GovCloud, `arn:aws-eusc:…` in the
 * European Sovereign Cloud, `arn:aws:…` everywhere else.
 */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("eusc-")) return "aws-eusc";
  return "aws";
}

/** `arn:<partition>:ec2:<region>:<account>:<resourceType>/<id>`, e.g. an instance, volume, VPC. */
export function ec2Arn(region: string, account: string, resourceType: string, id: string): string {
  return `arn:${partitionOf(region)}:ec2:${region}:${account}:${resourceType}/${id}`;
}

/**
 * `arn:<partition>:ec2:<region>::<resourceType>/<id>`: snapshots and images, whose ARNs carry
 * no account (the Service Authorization Reference's `snapshot` and `image` resource types).
 */
export function ec2ArnWithoutAccount(region: string, resourceType: "snapshot" | "image", id: string): string {
  return `arn:${partitionOf(region)}:ec2:${region}::${resourceType}/${id}`;
}

/** `arn:<partition>:s3:::<bucket>`: S3 bucket ARNs carry neither region nor account. */
export function s3BucketArn(region: string, bucket: string): string {
  return `arn:${partitionOf(region)}:s3:::${bucket}`;
}

/** A classic load balancer: `arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/<name>`. */
export function classicLoadBalancerArn(region: string, account: string, name: string): string {
  return `arn:${partitionOf(region)}:elasticloadbalancing:${region}:${account}:loadbalancer/${name}`;
}

/** The account an ARN names (its fifth field), or undefined when it names none. */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(":")[4];
  return account === undefined || account === "" ? undefined : account;
}
