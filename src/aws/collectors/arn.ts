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

/** `arn:<partition>:s3:::<bucket>`: S3 bucket ARNs carry neither region nor account. */
export function s3BucketArn(region: string, bucket: string): string {
  return `arn:${partitionOf(region)}:s3:::${bucket}`;
}
