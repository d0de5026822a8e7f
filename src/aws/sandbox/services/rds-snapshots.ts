/**
 * RDS DB snapshots: DescribeDBSnapshots and DescribeDBSnapshotAttributes.
 *
 * The estate holds each account's manual and automated snapshots; a snapshot whose `restore`
 * attribute includes `all` is public (seen by every account of the estate with IncludePublic
 * or SnapshotType `public`). Shared snapshots (restore granted to named accounts) are not
 * modelled.
 */
import type {
  DBSnapshot,
  DBSnapshotMessage,
  DescribeDBSnapshotAttributesMessage,
  DescribeDBSnapshotAttributesResult,
  DescribeDBSnapshotsMessage,
} from "@aws-sdk/client-rds";
import type { EstateDbSnapshot } from "../estate.js";
import { awsError } from "../errors.js";
import { matchesGlob } from "../glob.js";
import { pageFrom } from "../paging.js";
import { op, regionOf, tagList, toDate, type Handler, type ServiceContext } from "./context.js";

/** A snapshot and the account that owns it. */
interface OwnedDbSnapshot {
  snapshot: EstateDbSnapshot;
  ownerId: string;
}

function snapshotArn(ctx: ServiceContext, s: OwnedDbSnapshot): string {
  return `arn:aws:rds:${ctx.region}:${s.ownerId}:snapshot:${s.snapshot.identifier}`;
}

function dbInstanceArn(ctx: ServiceContext, s: OwnedDbSnapshot): string {
  return `arn:aws:rds:${ctx.region}:${s.ownerId}:db:${s.snapshot.dbInstanceId}`;
}

function snapshotOutput(ctx: ServiceContext, owned: OwnedDbSnapshot): DBSnapshot {
  const s = owned.snapshot;
  const owner = ctx.estate.accounts.find((a) => a.id === owned.ownerId);
  // The source instance, while it exists, gives what the snapshot copied from it.
  const db = owner?.regions[ctx.region]?.dbInstances.find((d) => d.id === s.dbInstanceId);
  const created = toDate(s.createdAt);
  return {
    DBSnapshotIdentifier: s.identifier,
    DBInstanceIdentifier: s.dbInstanceId,
    SnapshotCreateTime: created,
    Engine: s.engine,
    AllocatedStorage: s.allocatedStorageGiB,
    Status: s.status,
    Port: db?.port ?? (s.engine.includes("postgres") ? 5432 : 3306),
    ...(db === undefined
      ? {}
      : {
          AvailabilityZone: db.availabilityZone,
          VpcId: db.vpcId,
          InstanceCreateTime: toDate(db.createdAt),
          MasterUsername: db.masterUsername,
          DbiResourceId: db.resourceId,
          StorageType: db.storageType,
        }),
    ...(s.engineVersion === undefined ? {} : { EngineVersion: s.engineVersion }),
    LicenseModel: s.engine.includes("postgres") ? "postgresql-license" : "general-public-license",
    SnapshotType: s.snapshotType,
    OptionGroupName: `default:${s.engine}-${(s.engineVersion ?? "").split(".")[0] ?? ""}`,
    PercentProgress: s.status === "available" ? 100 : 40,
    Encrypted: s.encrypted,
    ...(s.kmsKeyId === undefined ? {} : { KmsKeyId: s.kmsKeyId }),
    DBSnapshotArn: snapshotArn(ctx, owned),
    IAMDatabaseAuthenticationEnabled: false,
    ProcessorFeatures: [],
    TagList: tagList(s.tags),
    OriginalSnapshotCreateTime: created,
    SnapshotTarget: "region",
  };
}

const FILTERS: Record<string, (ctx: ServiceContext, s: OwnedDbSnapshot) => (string | undefined)[]> = {
  "db-instance-id": (ctx, s) => [s.snapshot.dbInstanceId, dbInstanceArn(ctx, s)],
  "db-snapshot-id": (_ctx, s) => [s.snapshot.identifier],
  "dbi-resource-id": (ctx, s) => [
    ctx.estate.accounts
      .find((a) => a.id === s.ownerId)
      ?.regions[ctx.region]?.dbInstances.find((d) => d.id === s.snapshot.dbInstanceId)?.resourceId,
  ],
  "snapshot-type": (_ctx, s) => [s.snapshot.snapshotType],
  engine: (_ctx, s) => [s.snapshot.engine],
};

const SNAPSHOT_TYPES = ["automated", "manual", "shared", "public", "awsbackup"];

function notFound(identifier: string): Error {
  // The wire code; the SDK throws it as its modelled DBSnapshotNotFoundFault.
  return awsError("DBSnapshotNotFound", `DBSnapshot ${identifier} not found.`, 404);
}

/** The region's public snapshots of the estate's other accounts. */
function othersPublic(ctx: ServiceContext): OwnedDbSnapshot[] {
  return ctx.estate.accounts
    .filter((a) => a.id !== ctx.account.id)
    .flatMap((a) =>
      (a.regions[ctx.region]?.dbSnapshots ?? [])
        .filter((s) => s.isPublic === true)
        .map((snapshot) => ({ snapshot, ownerId: a.id })),
    );
}

/**
 * DescribeDBSnapshots. Without SnapshotType: the account's automated and manual snapshots,
 * plus public ones with IncludePublic (shared ones are not modelled). SnapshotType `public`:
 * the public snapshots of the estate's accounts in the region (the caller's own included);
 * `shared` and `awsbackup`: none. An automated snapshot named by DBSnapshotIdentifier needs
 * SnapshotType `automated` (as AWS documents), else DBSnapshotNotFound.
 */
function describeDBSnapshots(ctx: ServiceContext, input: DescribeDBSnapshotsMessage): DBSnapshotMessage {
  const max = input.MaxRecords;
  if (max !== undefined && (!Number.isInteger(max) || max < 20 || max > 100)) {
    throw awsError(
      "InvalidParameterValue",
      `Invalid value ${max} for MaxRecords. Must be between 20 and 100`,
    );
  }
  const type = input.SnapshotType;
  if (type !== undefined && !SNAPSHOT_TYPES.includes(type)) {
    throw awsError("InvalidParameterValue", `Invalid snapshot type: ${type}`);
  }
  const own: OwnedDbSnapshot[] = regionOf(ctx).dbSnapshots.map((snapshot) => ({
    snapshot,
    ownerId: ctx.account.id,
  }));
  let selected: OwnedDbSnapshot[];
  if (type === undefined) {
    selected = [...own, ...(input.IncludePublic === true ? othersPublic(ctx) : [])];
  } else if (type === "public") {
    selected = [...own.filter((s) => s.snapshot.isPublic === true), ...othersPublic(ctx)];
  } else if (type === "automated" || type === "manual") {
    selected = own.filter((s) => s.snapshot.snapshotType === type);
  } else {
    selected = [];
  }
  const instanceId = input.DBInstanceIdentifier;
  if (instanceId !== undefined) {
    selected = selected.filter(
      (s) => s.snapshot.dbInstanceId === instanceId.toLowerCase() || dbInstanceArn(ctx, s) === instanceId,
    );
  }
  const identifier = input.DBSnapshotIdentifier;
  if (identifier !== undefined) {
    selected = selected.filter(
      (s) =>
        (s.snapshot.identifier === identifier.toLowerCase() || snapshotArn(ctx, s) === identifier) &&
        (type !== undefined || s.snapshot.snapshotType !== "automated"),
    );
    if (selected.length === 0) throw notFound(identifier);
  }
  if (input.DbiResourceId !== undefined) {
    selected = selected.filter((s) => FILTERS["dbi-resource-id"]?.(ctx, s)[0] === input.DbiResourceId);
  }
  for (const filter of input.Filters ?? []) {
    const field = FILTERS[filter.Name ?? ""];
    if (field === undefined)
      throw awsError("InvalidParameterValue", `Unrecognized filter name: ${filter.Name ?? ""}`);
    const values = filter.Values ?? [];
    selected = selected.filter((s) =>
      field(ctx, s).some((v) => v !== undefined && values.some((p) => matchesGlob(p, v))),
    );
  }
  const page = pageFrom(ctx.action, selected, input.Marker, max ?? ctx.pageSize, () =>
    awsError("InvalidParameterValue", "The parameter Marker is not valid."),
  );
  return {
    DBSnapshots: page.items.map((s) => snapshotOutput(ctx, s)),
    ...(page.nextToken === undefined ? {} : { Marker: page.nextToken }),
  };
}

/**
 * DescribeDBSnapshotAttributes of one of the account's snapshots: the `restore` attribute,
 * `["all"]` when public, `[]` otherwise.
 */
function describeDBSnapshotAttributes(
  ctx: ServiceContext,
  input: DescribeDBSnapshotAttributesMessage,
): DescribeDBSnapshotAttributesResult {
  const identifier = input.DBSnapshotIdentifier;
  if (identifier === undefined || identifier === "") {
    throw awsError("InvalidParameterValue", "The parameter DBSnapshotIdentifier must be provided.");
  }
  const snapshot = regionOf(ctx).dbSnapshots.find((s) => s.identifier === identifier.toLowerCase());
  if (snapshot === undefined) throw notFound(identifier);
  return {
    DBSnapshotAttributesResult: {
      DBSnapshotIdentifier: snapshot.identifier,
      DBSnapshotAttributes: [
        { AttributeName: "restore", AttributeValues: snapshot.isPublic === true ? ["all"] : [] },
      ],
    },
  };
}

export const RDS_SNAPSHOT_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeDBSnapshots: op(describeDBSnapshots),
  DescribeDBSnapshotAttributes: op(describeDBSnapshotAttributes),
};
