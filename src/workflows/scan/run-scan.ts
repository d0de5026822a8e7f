/**
 * Reading a set of sources (inventory services, audit data) over one account or several
 * (`accounts`: a list, or every active account of the organisation), in the selected regions
 * (a list, or `all`: each account's enabled regions). The inventory and every audit run on it.
 *
 * 1. Scope: regions are checked before any AWS call. Then, per account: the profile's own
 *    account is read with the session's factory; any other through sts:AssumeRole (the one
 *    sensitive read a scan declares, only when it crosses accounts); with `regions: "all"`,
 *    EC2 DescribeRegions gives the account's enabled regions (regions not opted in are skipped
 *    and said so). An account that cannot be reached is reported, never fatal.
 * 2. Plan: the partitions (account × region × source; global sources once per account) are
 *    assessed against the orchestration thresholds; past `advise` the plan is shown, past
 *    `requireApproval` it waits for a yes (`approve`).
 * 3. Run: the partitions run on the worker pool as the plan groups them, each journaled when
 *    it finishes (so `--resume` re-uses it); a failed partition is reported in `failures` and
 *    never stops the others; a refusal by the safety model propagates.
 * 4. Result: records deduplicated by key, and the coverage: what was not read, apart from
 *    what was read and found empty.
 *
 * Never prints: progress and notices go to the IoHost.
 */
import type { AssumedRole } from "../../aws/accounts/index.js";
import type { ClientFactory } from "../../aws/clients.js";
import type { CollectScope } from "../../aws/collectors/collect-scope.js";
import { CORE_DEFAULTS } from "../../core/config/defaults.js";
import { AbortError, AwsCallError, CoworkerError, RefusedError, UsageError } from "../../core/errors.js";
import type {
  InventoryAccount,
  InventoryCoverage,
  InventoryFailure,
  NotReadReason,
  PartitionCell,
  SkippedRegion,
} from "../../core/inventory/inventory-result.js";
import { GLOBAL_REGION } from "../../core/inventory/resource-record.js";
import type { IoHost } from "../../core/io-host.js";
import { planPartitions, unitKey, type PartitionPlan } from "../../orchestrate/partition.js";
import { runPartitions } from "../../orchestrate/pool.js";
import { assessScope, type ScopeAssessment, type Thresholds } from "../../orchestrate/scope.js";
import { createAccountAccess, type OpenedAccount } from "./account-access.js";
import type { JournaledAccount, ScanJournal } from "./scan-journal.js";
import { checkRegionCodes, selectRegions } from "./select-regions.js";

export interface ScanOptions {
  /** Regions to read, or `all` (each account's enabled regions); default: the factory's default region. */
  regions?: readonly string[] | "all";
  /** The profile's configured regions, if any: a region outside them is a usage error (with `all`: skipped). */
  allowedRegions?: readonly string[];
  /** Accounts to read, or `all` (the organisation's active accounts); default: the profile's account. */
  accounts?: readonly string[] | "all";
  /** The role assumed in every other account (default OrganizationAccountAccessRole). */
  roleName?: string;
  /** Partitions that run at once (default: orchestration.maxParallelWorkers, 10). */
  concurrency?: number;
  /** The orchestration thresholds (default: the built-in ones). */
  thresholds?: Thresholds;
  /** Page size asked of each List/Describe call (clamped per API); default: the service's own. */
  pageSize?: number;
}

export interface ScanDeps<R> {
  factory: ClientFactory;
  io: IoHost;
  /** The account the factory's credentials reach (from the session's context resolution). */
  account: string;
  /** A factory over credentials assumed into another account (required to cross accounts). */
  factoryFor?: (role: AssumedRole) => ClientFactory;
  /** Where finished partitions are kept for --resume; none: nothing is journaled. */
  journal?: ScanJournal<R>;
  /**
   * Asked when the run is estimated past the approval threshold; false stops it with an
   * AbortError. Default: the IoHost's confirm.
   */
  approve?: (request: ApprovalRequest) => Promise<boolean>;
  /** Stops the run: nothing more starts, and it ends with an AbortError (resumable). */
  signal?: AbortSignal;
  now?: () => Date;
  /** Milliseconds clock for latency and span durations (default performance.now). */
  clock?: () => number;
}

export interface ApprovalRequest {
  question: string;
  assessment: ScopeAssessment;
  plan: PartitionPlan;
}

/** The sensitive reads a scan needs for the given accounts: sts:AssumeRole only when it crosses accounts. */
export function scanSensitiveReads(accounts: ScanOptions["accounts"], caller: string): string[] {
  if (accounts === undefined) return [];
  if (accounts !== "all" && accounts.every((a) => a === caller)) return [];
  return ["sts:AssumeRole"];
}

interface Partition<S extends string> extends PartitionCell<S> {
  id: string;
}

interface AccountScope {
  id: string;
  name: string | undefined;
  regions: string[];
  skippedRegions: SkippedRegion[];
}

/** Where a scan's records come from: one source per partition kind (e.g. an inventory service). */
export interface ScanSource<R> {
  /** How its partitions are named to people (progress, warnings). */
  label: string;
  /** regional: one partition per account × region; global: one per account (region `global`). */
  placement: "regional" | "global";
  collect(ctx: CollectContext): Promise<R[]>;
}

export interface CollectContext {
  factory: ClientFactory;
  /** The account and region of the partition (for a global source: the account's first region). */
  scope: CollectScope;
  /** Every region this account's scan covers (for listings made once per account). */
  regions: readonly string[];
  /** A per-account memo: the first caller of a key loads it, later callers share the promise. */
  shared: <T>(key: string, load: () => Promise<T>) => Promise<T>;
  /** The scan's clock (e.g. metrics are read up to this moment); default: now. */
  now?: () => Date;
  /**
   * Add to a counter of the partition's progress span (e.g. `pages`); a source that counts
   * nothing shows its records as `resources`.
   */
  count?: (counter: string, n: number) => void;
}

/** What a workflow scans: its sources, and how its records are told apart. */
export interface ScanDefinition<S extends string, R> {
  /** The work in words, for prompts and notices: `inventory`, `security audit`. */
  noun: string;
  /** The sts:AssumeRole session name in other accounts, e.g. `aws-coworker-inventory`. */
  roleSessionName: string;
  /** The sources to read, in order (already validated). */
  sources: readonly S[];
  sourceSpecs: Readonly<Record<S, ScanSource<R>>>;
  /** A record's identity: records with the same key (e.g. a global resource seen twice) are kept once. */
  keyOf(record: R): string;
  /** A hint for narrowing the work, named in the approval prompt. */
  narrowHint: string;
}

/** What a scan read: records per partition, and what it could not read. */
export interface ScanResult<S extends string, R> {
  accounts: InventoryAccount[];
  /** Every region read in at least one account (without `global`), in order of first appearance. */
  regions: string[];
  /** Each record once (by `keyOf`), in no particular order. */
  records: R[];
  /** The planned partitions. */
  partitions: PartitionCell<S>[];
  /** The partitions not read (their errors are in `failures`). */
  notRead: PartitionCell<S>[];
  failures: InventoryFailure<S>[];
  coverage: InventoryCoverage;
  runId: string | undefined;
}

export async function runScan<S extends string, R>(
  definition: ScanDefinition<S, R>,
  options: ScanOptions,
  deps: ScanDeps<R>,
): Promise<ScanResult<S, R>> {
  const { factory, io, journal } = deps;
  const caller = deps.account;
  const now = deps.now ?? (() => new Date());
  const clock = deps.clock ?? (() => performance.now());
  // A function, not a narrowed property: the signal can fire while any await is pending.
  const isAborted = () => deps.signal?.aborted === true;
  const thresholds = options.thresholds ?? CORE_DEFAULTS.orchestration.thresholds;
  const maxWorkers = Math.max(1, options.concurrency ?? CORE_DEFAULTS.orchestration.maxParallelWorkers);
  const { sourceSpecs, noun } = definition;
  const regional = definition.sources.filter((s) => sourceSpecs[s].placement === "regional");
  const global = definition.sources.filter((s) => sourceSpecs[s].placement === "global");
  const regionChoice =
    options.regions === "all"
      ? ("all" as const)
      : selectRegions({
          requested: options.regions,
          defaultRegion: factory.defaultRegion,
          allowedRegions: options.allowedRegions,
        });
  const allowed =
    options.allowedRegions !== undefined && options.allowedRegions.length > 0
      ? checkRegionCodes(options.allowedRegions)
      : undefined;

  // Latency of the first calls (discovery), for the time estimate.
  const latencies: number[] = [];
  const timed = async <T>(call: () => Promise<T>): Promise<T> => {
    const started = clock();
    try {
      return await call();
    } finally {
      latencies.push(clock() - started);
    }
  };
  const access = createAccountAccess({
    caller,
    factory,
    factoryFor: deps.factoryFor,
    roleName: options.roleName ?? CORE_DEFAULTS.orchestration.assumeRoleName,
    sessionName: definition.roleSessionName,
    now,
    timed,
  });

  // ---- 1. scope: accounts, then each account's regions --------------------------------
  const targets = await resolveAccounts(options.accounts, caller, factory, io, journal, timed);
  const accountFailures: InventoryFailure<S>[] = [];
  const scopes = new Map<string, AccountScope>();
  const accessOf = new Map<string, InventoryAccount["access"]>();
  for (const t of targets) accessOf.set(t.id, t.id === caller ? "profile" : "assumed-role");

  const toDiscover = targets.filter((t) => {
    const known = journal?.accounts.get(t.id);
    if (known !== undefined) {
      scopes.set(t.id, { ...known, name: t.name ?? known.name });
      return false;
    }
    if (regionChoice !== "all" && t.id === caller) {
      scopes.set(t.id, { id: t.id, name: t.name, regions: regionChoice, skippedRegions: [] });
      return false;
    }
    return true;
  });
  const silent: IoHost = { ...io, spanStart: () => undefined, spanEnd: () => undefined };
  const discovered = await runPartitions(
    toDiscover,
    async (t) => {
      const opened = await stage("access", () => access.open(t.id));
      try {
        const scope: AccountScope =
          regionChoice === "all"
            ? await stage("regions", () => discoverRegions(opened.factory, t, allowed, timed))
            : { id: t.id, name: t.name, regions: regionChoice, skippedRegions: [] };
        await journal?.recordAccount({
          id: scope.id,
          name: scope.name,
          regions: scope.regions,
          skippedRegions: scope.skippedRegions,
        } satisfies JournaledAccount);
        return scope;
      } finally {
        opened.release();
      }
    },
    { concurrency: maxWorkers, io: silent, spanOf: (t) => ({ id: t.id, label: t.id }), signal: deps.signal },
  );
  for (const outcome of discovered) {
    if (outcome.ok) {
      scopes.set(outcome.partition.id, outcome.value);
      continue;
    }
    if (outcome.error instanceof AbortError) continue;
    const failure = toFailure<S>(
      {
        partition: outcome.partition.id,
        account: outcome.partition.id,
        service: undefined,
        region: undefined,
      },
      outcome.error,
    );
    accountFailures.push(failure);
    io.notify({
      code: "CW_INV_W0001",
      level: "warn",
      message: `account ${failure.account} could not be ${failure.stage === "access" ? "reached" : "scoped"}: ${failure.message}`,
      data: failure,
    });
  }
  if (isAborted()) return interrupted(0, 0);
  reportSkippedRegions(io, [...scopes.values()]);

  // ---- 2. partitions and plan ---------------------------------------------------------
  const reachable = targets.filter((t) => scopes.has(t.id));
  const partitions: Partition<S>[] = reachable.flatMap((t) => {
    const scope = scopes.get(t.id) as AccountScope;
    const cells: PartitionCell<S>[] = [
      ...scope.regions.flatMap((region) => regional.map((service) => ({ account: t.id, service, region }))),
      ...global.map((service) => ({ account: t.id, service, region: GLOBAL_REGION })),
    ];
    return cells.map((c) => ({ ...c, id: `${c.account}/${c.region}/${c.service}` }));
  });
  const resumed = new Map<string, R[]>();
  for (const p of partitions) {
    const records = journal?.partitions.get(p.id);
    if (records !== undefined) resumed.set(p.id, records);
  }
  const pending = partitions.filter((p) => !resumed.has(p.id));

  const assessment = assessScope({
    accounts: reachable.map((t) => ({
      id: t.id,
      regions: (scopes.get(t.id) as AccountScope).regions.length,
    })),
    regionalServices: regional.length,
    globalServices: global.length,
    donePartitions: resumed.size,
    ...(latencies.length > 0 && {
      measuredMsPerCall: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    }),
    thresholds,
    maxParallelWorkers: maxWorkers,
  });
  const plan = planPartitions({
    assessment,
    pendingPerAccount: reachable.map((t) => ({
      account: t.id,
      partitions: pending.filter((p) => p.account === t.id).length,
      regions: (scopes.get(t.id) as AccountScope).regions.length + (global.length > 0 ? 1 : 0),
    })),
    maxParallelWorkers: maxWorkers,
    thresholds,
  });
  const planText = describePlan(assessment, plan, resumed.size);
  if (plan.isAdvised) {
    io.notify({
      code: "CW_ORC_I0001",
      level: "info",
      message: `plan: ${planText}`,
      data: { assessment, plan },
    });
  }
  if (plan.time === "requireApproval" && pending.length > 0) {
    const question = `This ${noun} is estimated to take ${planText}. Start it?`;
    const approve = deps.approve ?? ((r: ApprovalRequest) => io.confirm(r.question));
    if (!(await approve({ question, assessment, plan }))) {
      await journal?.finish("interrupted");
      throw new AbortError(
        `Not started: the ${noun} is estimated to take ${planText}, and it was not confirmed.`,
        { hint: `Confirm at the prompt, or pass --yes; or narrow it with ${definition.narrowHint}.` },
      );
    }
  }
  io.notify({
    code: "CW_ORC_I0002",
    level: "info",
    message:
      `reading ${pending.length} of ${partitions.length} partitions` +
      (resumed.size > 0 ? ` (${resumed.size} resumed from run ${journal?.runId ?? ""})` : "") +
      ` with ${plan.workers} ${plan.workers === 1 ? "worker" : "workers"}`,
    data: { total: partitions.length, resumed: resumed.size, pending: pending.map((p) => p.id) },
  });

  // ---- 3. run ---------------------------------------------------------------------------
  const left = new Map<string, number>();
  for (const p of pending) left.set(p.account, (left.get(p.account) ?? 0) + 1);
  const opened = new Map<string, Promise<OpenedAccount>>();
  const memos = new Map<string, Map<string, Promise<unknown>>>();
  const openAccount = (account: string) => {
    let o = opened.get(account);
    if (o === undefined) {
      o = access.open(account);
      opened.set(account, o);
      memos.set(account, new Map());
      // A failed open is not kept: the account's next partition tries again.
      o.catch(() => opened.delete(account));
    }
    return o;
  };
  const finishedOne = (account: string) => {
    const n = (left.get(account) ?? 1) - 1;
    left.set(account, n);
    if (n > 0) return;
    const o = opened.get(account);
    opened.delete(account);
    memos.delete(account);
    void o?.then(
      (x) => x.release(),
      () => undefined,
    );
  };

  // What a source counted, by the records array its partition returned.
  const spanCounters = new WeakMap<R[], Record<string, number>>();
  const collect = async (p: Partition<S>): Promise<R[]> => {
    try {
      const { factory: accountFactory } = await stage("access", () => openAccount(p.account));
      const memo = memos.get(p.account) ?? new Map<string, Promise<unknown>>();
      const shared = <T>(key: string, load: () => Promise<T>): Promise<T> => {
        if (!memo.has(key)) memo.set(key, load());
        return memo.get(key) as Promise<T>;
      };
      const counted: Record<string, number> = {};
      const records = await sourceSpecs[p.service].collect({
        factory: accountFactory,
        scope: { account: p.account, region: p.region, pageSize: options.pageSize },
        regions: (scopes.get(p.account) as AccountScope).regions,
        shared,
        count: (counter, n) => void (counted[counter] = (counted[counter] ?? 0) + n),
      });
      if (Object.keys(counted).length > 0) spanCounters.set(records, counted);
      await journal?.recordPartition(p.id, records);
      return records;
    } finally {
      finishedOne(p.account);
    }
  };
  const outcomes = await runPartitions(pending, collect, {
    concurrency: plan.workers,
    io,
    spanOf: (p) => ({
      id: p.id,
      label: `${sourceSpecs[p.service].label} in ${p.account} ${p.region === GLOBAL_REGION ? "(global)" : p.region}`,
    }),
    countersOf: (records) => spanCounters.get(records) ?? { resources: records.length },
    groupOf: (p) => unitKey(plan.by, p),
    inFlight: { keyOf: (p) => p.account, limit: plan.accountsInFlight },
    now: clock,
    ...(deps.signal !== undefined && { signal: deps.signal }),
  });

  // ---- 4. result ------------------------------------------------------------------------
  const byKey = new Map<string, R>();
  const add = (records: readonly R[]) => {
    for (const r of records) {
      const key = definition.keyOf(r);
      if (!byKey.has(key)) byKey.set(key, r);
    }
  };
  for (const records of resumed.values()) add(records);
  const failures: InventoryFailure<S>[] = [...accountFailures];
  const empty: string[] = [...resumed].filter(([, r]) => r.length === 0).map(([id]) => id);
  let notStarted = 0;
  for (const outcome of outcomes) {
    if (outcome.ok) {
      add(outcome.value);
      if (outcome.value.length === 0) empty.push(outcome.partition.id);
      continue;
    }
    if (outcome.error instanceof AbortError && isAborted()) {
      notStarted++;
      continue;
    }
    const failure = toFailure({ ...outcome.partition, partition: outcome.partition.id }, outcome.error);
    failures.push(failure);
    io.notify({
      code: "CW_INV_W0001",
      level: "warn",
      message: `${sourceSpecs[outcome.partition.service].label} in ${outcome.partition.account} ${outcome.partition.region} could not be listed: ${failure.message}`,
      data: failure,
    });
  }
  if (isAborted()) return interrupted(partitions.length - notStarted, partitions.length);

  const notReadCells = failures.filter(
    (f): f is InventoryFailure<S> & PartitionCell<S> => f.service !== undefined && f.region !== undefined,
  );
  const accounts: InventoryAccount[] = targets.map((t) => {
    const scope = scopes.get(t.id);
    const isCaller = t.id === caller;
    return {
      id: t.id,
      name: t.name ?? scope?.name,
      access: accessOf.get(t.id) ?? "assumed-role",
      roleArn: isCaller ? undefined : (access.roleArnOf(t.id) ?? roleArnOf(t.id, options.roleName)),
      regions: scope?.regions ?? [],
      status:
        scope === undefined
          ? "unreachable"
          : failures.some((f) => f.account === t.id)
            ? "partial"
            : "complete",
    };
  });
  const regions = [...new Set(accounts.flatMap((a) => a.regions))];
  await journal?.finish(failures.length === 0 ? "complete" : "partial");

  return {
    accounts,
    regions,
    records: [...byKey.values()],
    partitions: partitions.map(({ account, service, region }) => ({ account, service, region })),
    notRead: notReadCells.map(({ account, service, region }) => ({ account, service, region })),
    failures,
    runId: journal?.runId,
    coverage: {
      planned: partitions.length,
      read: partitions.length - notReadCells.length,
      empty: empty.sort(),
      notRead: failures.map((f) => ({ partition: f.partition, reason: f.reason })),
      skippedRegions: [...scopes.values()].flatMap((s) => s.skippedRegions),
      resumed: resumed.size,
    },
  };

  async function interrupted(done: number, total: number): Promise<never> {
    await journal?.finish("interrupted");
    const resume = journal === undefined ? "" : ` Resume it with --resume ${journal.runId}.`;
    throw new AbortError(
      `Interrupted: ${total === 0 ? "while finding the accounts and regions" : `${done} of ${total} partitions finished`}; nothing more was started.${resume}`,
    );
  }
}

function roleArnOf(account: string, roleName: string | undefined): string {
  return `arn:aws:iam::${account}:role/${roleName ?? CORE_DEFAULTS.orchestration.assumeRoleName}`;
}

/** The accounts to read: the caller's, a list, or the organisation's active accounts. */
async function resolveAccounts(
  requested: ScanOptions["accounts"],
  caller: string,
  factory: ClientFactory,
  io: IoHost,
  journal: ScanJournal<unknown> | undefined,
  timed: <T>(call: () => Promise<T>) => Promise<T>,
): Promise<{ id: string; name: string | undefined }[]> {
  if (requested === undefined) return [{ id: caller, name: undefined }];
  if (requested !== "all") {
    const bad = requested.filter((a) => !/^\d{12}$/.test(a));
    if (bad.length > 0) {
      throw new UsageError(`${bad.map((a) => `"${a}"`).join(", ")} is not a 12-digit AWS account id`, {
        code: "InvalidAccountId",
        hint: "Pass --accounts all, or account ids separated by commas, e.g. --accounts 111111111111,222222222222.",
      });
    }
    return [...new Set(requested)].map((id) => ({ id, name: undefined }));
  }
  if (journal?.organization !== undefined) return [...journal.organization];
  let listed;
  try {
    // Loaded on use: Organizations (and EC2, below) only when the scope asks for them.
    const { listOrganizationAccounts } = await import("../../aws/accounts/list-accounts.js");
    listed = await timed(() => listOrganizationAccounts(factory));
  } catch (error) {
    if (error instanceof AwsCallError) {
      throw new AwsCallError(
        {
          service: error.service,
          action: error.action,
          region: error.region ?? factory.defaultRegion,
          awsName: error.awsName,
          account: caller,
        },
        `--accounts all needs the organisation's account list, and ${error.message}`,
        {
          hint: `Run it with a profile of the organisation's management account${factory.transportKind === "sandbox" ? " (in the demo: --profile demo-mgmt)" : ""}, or name the accounts: --accounts ${caller},…`,
          cause: error,
        },
      );
    }
    throw error;
  }
  const active = listed.filter((a) => a.state === "ACTIVE").sort((a, b) => (a.id < b.id ? -1 : 1));
  const inactive = listed.filter((a) => a.state !== "ACTIVE");
  if (inactive.length > 0) {
    io.notify({
      code: "CW_ORC_W0002",
      level: "warn",
      message: `left out ${inactive.length} account${inactive.length === 1 ? "" : "s"} that ${inactive.length === 1 ? "is" : "are"} not ACTIVE: ${inactive.map((a) => `${a.id} (${a.state})`).join(", ")}`,
    });
  }
  const accounts = active.map((a) => ({ id: a.id, name: a.name }));
  await journal?.recordOrganization(accounts);
  return accounts;
}

/** An account's enabled regions (within the profile's, if it has any), and what was left out. */
async function discoverRegions(
  factory: ClientFactory,
  target: { id: string; name: string | undefined },
  allowed: readonly string[] | undefined,
  timed: <T>(call: () => Promise<T>) => Promise<T>,
): Promise<AccountScope> {
  const { describeAccountRegions } = await import("../../aws/accounts/enabled-regions.js");
  const listed = await timed(() =>
    describeAccountRegions(factory, { account: target.id, region: factory.defaultRegion }),
  );
  const skippedRegions: SkippedRegion[] = listed
    .filter((r) => !r.isEnabled)
    .map((r) => ({ account: target.id, region: r.region, reason: "not-opted-in" as const }));
  const enabled = listed.filter((r) => r.isEnabled).map((r) => r.region);
  let regions = enabled;
  if (allowed !== undefined) {
    regions = allowed.filter((r) => enabled.includes(r));
    for (const r of enabled.filter((r) => !allowed.includes(r)))
      skippedRegions.push({ account: target.id, region: r, reason: "outside-profile-regions" });
    // A profile region the account has not opted into is skipped as not opted in (listed above).
  }
  return { id: target.id, name: target.name, regions, skippedRegions };
}

/** One notice per kind of skipped region, naming the regions and how many accounts. */
function reportSkippedRegions(io: IoHost, scopes: readonly AccountScope[]): void {
  const groups = new Map<
    string,
    { reason: SkippedRegion["reason"]; regions: string[]; accounts: string[] }
  >();
  for (const scope of scopes) {
    for (const reason of ["not-opted-in", "outside-profile-regions"] as const) {
      const regions = scope.skippedRegions.filter((s) => s.reason === reason).map((s) => s.region);
      if (regions.length === 0) continue;
      const key = `${reason}:${regions.join(",")}`;
      const group = groups.get(key) ?? { reason, regions, accounts: [] };
      group.accounts.push(scope.id);
      groups.set(key, group);
    }
  }
  for (const g of groups.values()) {
    const where = g.accounts.length === 1 ? `account ${g.accounts[0]}` : `${g.accounts.length} accounts`;
    io.notify({
      code: g.reason === "not-opted-in" ? "CW_ORC_W0001" : "CW_ORC_I0003",
      level: g.reason === "not-opted-in" ? "warn" : "info",
      message:
        g.reason === "not-opted-in"
          ? `skipped ${g.regions.length} region${g.regions.length === 1 ? "" : "s"} not opted in for ${where}: ${g.regions.join(", ")}`
          : `skipped ${g.regions.length} enabled region${g.regions.length === 1 ? "" : "s"} outside the profile's regions in ${where}: ${g.regions.join(", ")}`,
      data: g,
    });
  }
}

function describePlan(a: ScopeAssessment, plan: PartitionPlan, resumed: number): string {
  const scope = `${a.accounts} account${a.accounts === 1 ? "" : "s"} × ${a.regionsPerAccount === 1 ? "1 region" : `up to ${a.regionsPerAccount} regions`} × ${a.services} service${a.services === 1 ? "" : "s"} = ${a.partitions} partitions${resumed > 0 ? ` (${resumed} resumed)` : ""}, ~${a.estimatedCalls} calls at ${Math.round(a.msPerCall)} ms${a.isLatencyMeasured ? " (measured)" : ""}`;
  const why = plan.reasons.length > 0 ? `; ${plan.reasons.join(", ")}` : "";
  return `${plan.summary} (${scope}${why})`;
}

/** Run one step of reaching an account; its failure is tagged with the step. */
async function stage<T>(name: InventoryFailure["stage"], step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    // The safety model's refusals and interruptions propagate as they are.
    if (error instanceof RefusedError || error instanceof AbortError) throw error;
    throw new StageError(name, error);
  }
}

class StageError extends Error {
  constructor(
    readonly stage: InventoryFailure["stage"],
    readonly inner: unknown,
  ) {
    super(inner instanceof Error ? inner.message : String(inner));
  }
}

function toFailure<S extends string>(
  where: Pick<InventoryFailure<S>, "partition" | "account" | "service" | "region">,
  thrown: unknown,
): InventoryFailure<S> {
  const stageName = thrown instanceof StageError ? thrown.stage : "collect";
  const error = thrown instanceof StageError ? thrown.inner : thrown;
  const base = {
    partition: where.partition,
    account: where.account,
    service: where.service,
    region: where.region,
    stage: stageName,
  };
  if (error instanceof CoworkerError) {
    const awsName = error instanceof AwsCallError ? error.awsName : undefined;
    return {
      ...base,
      reason: reasonOf(awsName),
      code: error.code,
      awsName,
      message: error.message,
      hint: error.hint,
      ...(error instanceof AwsCallError && { action: error.action }),
    };
  }
  // Not an AWS answer: most likely a bug. Reported as data, like any failed partition.
  const name = error instanceof Error ? error.name : "UnknownError";
  const message = error instanceof Error ? error.message : String(error);
  return {
    ...base,
    reason: "failed",
    code: name,
    awsName: undefined,
    message: `unexpected error: ${message}`,
    hint: undefined,
  };
}

function reasonOf(awsName: string | undefined): NotReadReason {
  if (awsName === undefined) return "failed";
  if (/AccessDenied|Unauthorized|Forbidden|AuthorizationError/.test(awsName)) return "not-permitted";
  if (/Throttl|RequestLimitExceeded|TooManyRequests|SlowDown|BandwidthLimitExceeded/.test(awsName))
    return "throttled";
  return "failed";
}
