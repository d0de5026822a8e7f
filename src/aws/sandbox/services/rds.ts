/**
 * RDS: DescribeDBInstances and DescribeDBClusters (identifier, filters, MaxRecords/Marker),
 * ListTagsForResource, AddTagsToResource, RemoveTagsFromResource.
 */
import type {
  AddTagsToResourceMessage,
  DBCluster,
  DBClusterMessage,
  DBInstance,
  DBInstanceMessage,
  DescribeDBClustersMessage,
  DescribeDBInstancesMessage,
  ListTagsForResourceMessage,
  RemoveTagsFromResourceMessage,
  TagListMessage,
} from "@aws-sdk/client-rds";
import type { EstateDbCluster, EstateDbInstance, Tags } from "../estate.js";
import { awsError } from "../errors.js";
import { matchesGlob } from "../glob.js";
import { pageFrom } from "../paging.js";
import { op, regionOf, tagList, toDate, type Handler, type ServiceContext } from "./context.js";
import { RDS_SNAPSHOT_HANDLERS } from "./rds-snapshots.js";

function arnOf(ctx: ServiceContext, db: EstateDbInstance): string {
  return `arn:aws:rds:${ctx.region}:${ctx.account.id}:db:${db.id}`;
}

function dbOutput(ctx: ServiceContext, db: EstateDbInstance): DBInstance {
  const host = `${db.id}.c${db.resourceId.slice(3, 13).toLowerCase()}.${ctx.region}.rds.amazonaws.com`;
  return {
    DBInstanceIdentifier: db.id,
    DBInstanceClass: db.instanceClass,
    Engine: db.engine,
    DBInstanceStatus: db.status,
    MasterUsername: db.masterUsername,
    Endpoint: { Address: host, Port: db.port, HostedZoneId: "Z2R2ITUGPM61AM" },
    AllocatedStorage: db.allocatedStorageGiB,
    InstanceCreateTime: toDate(db.createdAt),
    PreferredBackupWindow: "03:00-03:30",
    BackupRetentionPeriod: db.backupRetentionDays,
    DBSecurityGroups: [],
    VpcSecurityGroups: db.securityGroupIds.map((id) => ({ VpcSecurityGroupId: id, Status: "active" })),
    DBParameterGroups: [
      {
        DBParameterGroupName: `default.${db.engine}${db.engineVersion.split(".")[0] ?? ""}`,
        ParameterApplyStatus: "in-sync",
      },
    ],
    AvailabilityZone: db.availabilityZone,
    DBSubnetGroup: {
      DBSubnetGroupName: db.subnetGroupName,
      DBSubnetGroupDescription: `${db.id} subnets`,
      VpcId: db.vpcId,
      SubnetGroupStatus: "Complete",
      Subnets: db.subnetIds.map((id) => ({ SubnetIdentifier: id, SubnetStatus: "Active" })),
    },
    PreferredMaintenanceWindow: "sun:05:00-sun:05:30",
    PendingModifiedValues: {},
    MultiAZ: db.multiAz,
    EngineVersion: db.engineVersion,
    AutoMinorVersionUpgrade: true,
    ReadReplicaDBInstanceIdentifiers: [],
    LicenseModel: db.engine.includes("postgres") ? "postgresql-license" : "general-public-license",
    PubliclyAccessible: db.publiclyAccessible,
    StorageType: db.storageType,
    DbInstancePort: 0,
    StorageEncrypted: db.storageEncrypted,
    ...(db.kmsKeyId === undefined ? {} : { KmsKeyId: db.kmsKeyId }),
    DbiResourceId: db.resourceId,
    CopyTagsToSnapshot: true,
    DBInstanceArn: arnOf(ctx, db),
    IAMDatabaseAuthenticationEnabled: false,
    DeletionProtection: db.deletionProtection,
    ...(db.clusterId === undefined ? {} : { DBClusterIdentifier: db.clusterId }),
    TagList: tagList(db.tags),
  };
}

function clusterArnOf(ctx: ServiceContext, c: EstateDbCluster): string {
  return `arn:aws:rds:${ctx.region}:${ctx.account.id}:cluster:${c.id}`;
}

function clusterOutput(ctx: ServiceContext, c: EstateDbCluster): DBCluster {
  const host = `${c.resourceId.slice(8, 20).toLowerCase()}.${ctx.region}.rds.amazonaws.com`;
  return {
    AllocatedStorage: 1,
    AvailabilityZones: c.availabilityZones,
    BackupRetentionPeriod: c.backupRetentionDays,
    DBClusterIdentifier: c.id,
    DBClusterParameterGroup: `default.${c.engine}${c.engineVersion.split(".")[0] ?? ""}`,
    DBSubnetGroup: c.subnetGroupName,
    Status: c.status,
    Endpoint: `${c.id}.cluster-${host}`,
    ReaderEndpoint: `${c.id}.cluster-ro-${host}`,
    MultiAZ: c.memberIds.length > 1,
    Engine: c.engine,
    EngineVersion: c.engineVersion,
    Port: c.port,
    MasterUsername: c.masterUsername,
    PreferredBackupWindow: "03:00-03:30",
    PreferredMaintenanceWindow: "sun:05:00-sun:05:30",
    DBClusterMembers: c.memberIds.map((id, i) => ({
      DBInstanceIdentifier: id,
      IsClusterWriter: i === 0,
      DBClusterParameterGroupStatus: "in-sync",
      PromotionTier: 1,
    })),
    VpcSecurityGroups: c.securityGroupIds.map((id) => ({ VpcSecurityGroupId: id, Status: "active" })),
    HostedZoneId: "Z2R2ITUGPM61AM",
    StorageEncrypted: c.storageEncrypted,
    ...(c.kmsKeyId === undefined ? {} : { KmsKeyId: c.kmsKeyId }),
    DbClusterResourceId: c.resourceId,
    DBClusterArn: clusterArnOf(ctx, c),
    IAMDatabaseAuthenticationEnabled: false,
    ClusterCreateTime: toDate(c.createdAt),
    EngineMode: "provisioned",
    DeletionProtection: c.deletionProtection,
    HttpEndpointEnabled: false,
    CopyTagsToSnapshot: true,
    CrossAccountClone: false,
    TagList: tagList(c.tags),
    StorageType: "aurora",
  };
}

const FILTERS: Record<string, (ctx: ServiceContext, db: EstateDbInstance) => string[]> = {
  "db-instance-id": (ctx, db) => [db.id, arnOf(ctx, db)],
  "dbi-resource-id": (_ctx, db) => [db.resourceId],
  engine: (_ctx, db) => [db.engine],
  "db-cluster-id": (ctx, db) =>
    db.clusterId === undefined
      ? []
      : [db.clusterId, `arn:aws:rds:${ctx.region}:${ctx.account.id}:cluster:${db.clusterId}`],
  domain: () => [],
};

function checkMaxRecords(max: number | undefined): void {
  if (max !== undefined && (!Number.isInteger(max) || max < 20 || max > 100)) {
    throw awsError(
      "InvalidParameterValue",
      `Invalid value ${max} for MaxRecords. Must be between 20 and 100`,
    );
  }
}

function describeDBInstances(ctx: ServiceContext, input: DescribeDBInstancesMessage): DBInstanceMessage {
  const all = regionOf(ctx).dbInstances;
  const max = input.MaxRecords;
  checkMaxRecords(max);
  let selected = all;
  const id = input.DBInstanceIdentifier;
  if (id !== undefined) {
    selected = all.filter((db) => db.id === id || arnOf(ctx, db) === id);
    if (selected.length === 0) throw awsError("DBInstanceNotFound", `DBInstance ${id} not found.`, 404);
  }
  for (const filter of input.Filters ?? []) {
    const field = FILTERS[filter.Name ?? ""];
    if (field === undefined)
      throw awsError("InvalidParameterValue", `Unrecognized filter name: ${filter.Name ?? ""}`);
    const values = filter.Values ?? [];
    selected = selected.filter((db) => field(ctx, db).some((v) => values.some((p) => matchesGlob(p, v))));
  }
  const page = pageFrom(ctx.action, selected, input.Marker, max ?? ctx.pageSize, () =>
    awsError("InvalidParameterValue", "The parameter Marker is not valid."),
  );
  return {
    DBInstances: page.items.map((db) => dbOutput(ctx, db)),
    ...(page.nextToken === undefined ? {} : { Marker: page.nextToken }),
  };
}

const CLUSTER_FILTERS: Record<string, (ctx: ServiceContext, c: EstateDbCluster) => string[]> = {
  "db-cluster-id": (ctx, c) => [c.id, clusterArnOf(ctx, c)],
  "db-cluster-resource-id": (_ctx, c) => [c.resourceId],
  engine: (_ctx, c) => [c.engine],
  "engine-mode": () => ["provisioned"],
  "clone-group-id": () => [],
  domain: () => [],
};

function describeDBClusters(ctx: ServiceContext, input: DescribeDBClustersMessage): DBClusterMessage {
  checkMaxRecords(input.MaxRecords);
  let selected = regionOf(ctx).dbClusters;
  const id = input.DBClusterIdentifier;
  if (id !== undefined) {
    selected = selected.filter((c) => c.id === id || clusterArnOf(ctx, c) === id);
    // Unlike DB instances (`DBInstanceNotFound`), the wire code for clusters ends in Fault.
    if (selected.length === 0) throw awsError("DBClusterNotFoundFault", `DBCluster ${id} not found.`, 404);
  }
  for (const filter of input.Filters ?? []) {
    const field = CLUSTER_FILTERS[filter.Name ?? ""];
    if (field === undefined)
      throw awsError("InvalidParameterValue", `Unrecognized filter name: ${filter.Name ?? ""}`);
    const values = filter.Values ?? [];
    selected = selected.filter((c) => field(ctx, c).some((v) => values.some((p) => matchesGlob(p, v))));
  }
  const page = pageFrom(ctx.action, selected, input.Marker, input.MaxRecords ?? ctx.pageSize, () =>
    awsError("InvalidParameterValue", "The parameter Marker is not valid."),
  );
  return {
    DBClusters: page.items.map((c) => clusterOutput(ctx, c)),
    ...(page.nextToken === undefined ? {} : { Marker: page.nextToken }),
  };
}

/** The tags of a DB instance or cluster, by ARN. */
function byArn(ctx: ServiceContext, arn: string | undefined): { tags: Tags } {
  const r = regionOf(ctx);
  if (arn?.includes(":cluster:") === true) {
    const cluster = r.dbClusters.find((c) => clusterArnOf(ctx, c) === arn);
    if (cluster === undefined) {
      throw awsError(
        "DBClusterNotFoundFault",
        `DBCluster ${arn.split(":cluster:")[1] ?? arn} not found.`,
        404,
      );
    }
    return cluster;
  }
  const db = r.dbInstances.find((d) => arnOf(ctx, d) === arn);
  if (db === undefined) {
    const name = arn?.split(":db:")[1] ?? arn ?? "";
    throw awsError("DBInstanceNotFound", `DBInstance ${name} not found.`, 404);
  }
  return db;
}

function listTagsForResource(ctx: ServiceContext, input: ListTagsForResourceMessage): TagListMessage {
  return { TagList: tagList(byArn(ctx, input.ResourceName).tags) };
}

function addTagsToResource(ctx: ServiceContext, input: AddTagsToResourceMessage): Record<string, never> {
  const db = byArn(ctx, input.ResourceName);
  for (const t of input.Tags ?? []) {
    const key = t.Key ?? "";
    if (key.length === 0 || key.length > 128 || key.startsWith("aws:") || key.startsWith("rds:")) {
      throw awsError("InvalidParameterValue", `Invalid tag key: ${key}`);
    }
    db.tags[key] = t.Value ?? "";
  }
  if (Object.keys(db.tags).length > 50)
    throw awsError("TagQuotaPerResourceExceeded", "Exceeded tag quota per resource.");
  return {};
}

function removeTagsFromResource(
  ctx: ServiceContext,
  input: RemoveTagsFromResourceMessage,
): Record<string, never> {
  const db = byArn(ctx, input.ResourceName);
  for (const key of input.TagKeys ?? []) delete db.tags[key];
  return {};
}

export const RDS_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeDBInstances: op(describeDBInstances),
  DescribeDBClusters: op(describeDBClusters),
  ListTagsForResource: op(listTagsForResource),
  AddTagsToResource: op(addTagsToResource),
  RemoveTagsFromResource: op(removeTagsFromResource),
  ...RDS_SNAPSHOT_HANDLERS,
};
