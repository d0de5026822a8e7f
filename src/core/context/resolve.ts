/**
 * Context resolution: profile → account → environment → permissions and approval mode.
 * Pure: the caller brings the configuration and the caller identity (from STS).
 *
 * The rules, in one place:
 * - A profile listed under `profiles` is "configured". Otherwise the first matching entry of
 *   `patterns.profiles` classifies it ("pattern"; read-only unless the pattern says otherwise).
 *   Otherwise it is "unknown": classification unknown, read-only, approval always.
 * - An account listed under `accounts` is "configured"; else, when the configured profile
 *   names this account (`profiles.<name>.account`), it takes the profile's classification
 *   ("profile"); else the first `patterns.accounts` entry matching its alias or id ("pattern");
 *   else "unknown".
 * - The context's classification is the STRICTER of the profile's and the account's, in the
 *   order sandbox < development < test < staging < production < unknown. A development
 *   profile pointed at a production account is production; anything unknown is unknown.
 * - Permissions are the profile's, but read-only when the classification is unknown or the
 *   environment allows neither direct execution nor IaC.
 * - The approval mode is the stricter of the profile's and the environment's (the
 *   environment's approvalMode is a minimum), in the order none < destructive-only <
 *   all-mutations < always.
 */
import type { EventCode } from "../events.js";
import { UsageError } from "../errors.js";
import { describeUnknownRegion, isAwsRegion } from "../regions.js";
import { APPROVAL_MODES, CLASSIFICATIONS } from "../config/schema.js";
import type { ApprovalMode, Classification, Config, Permissions } from "../config/schema.js";
import { matchGlob } from "./glob.js";

export type ProfileSource = "configured" | "pattern" | "unknown";
export type AccountSource = "configured" | "profile" | "pattern" | "unknown";

export interface ResolvedProfile {
  name: string;
  classification: Classification;
  permissions: Permissions;
  approvalMode: ApprovalMode;
  /** The regions the configuration allows for this profile; undefined when it does not restrict them. */
  allowedRegions: readonly string[] | undefined;
  defaultRegion: string | undefined;
  emergencyOnly: boolean;
  /** The account the configuration says this profile belongs to, when it says. */
  account: string | undefined;
  source: ProfileSource;
  /** The glob that classified the profile, when source is "pattern". */
  pattern: string | undefined;
}

export interface AccountIdentity {
  id: string;
  /** The IAM account alias, when known. */
  alias?: string | undefined;
}

export interface ClassifiedAccount {
  id: string;
  alias: string | undefined;
  /** The name the configuration gives the account. */
  name: string | undefined;
  classification: Classification;
  source: AccountSource;
}

export interface CallerIdentity {
  accountId: string;
  arn: string;
  alias?: string | undefined;
}

export interface ResolveContextOptions {
  config: Config;
  profileName: string;
  identity: CallerIdentity;
  /** Regions asked for (e.g. --regions); each must be a real region the profile allows. */
  regions?: readonly string[] | undefined;
  /** The region the SDK resolved (AWS_REGION or the profile's region), used when the configuration names none. */
  fallbackRegion?: string | undefined;
}

export interface ContextWarning {
  code: EventCode;
  message: string;
}

export interface ResolvedContext {
  profile: ResolvedProfile;
  account: ClassifiedAccount;
  callerArn: string;
  /** The regions to operate in: those asked for, else the default region. Never empty. */
  regions: readonly string[];
  defaultRegion: string;
  /** The stricter of the profile's and the account's classification. */
  classification: Classification;
  permissions: Permissions;
  approvalMode: ApprovalMode;
  environment: { directExecution: boolean; iacOnly: boolean };
  isReadOnly: boolean;
  emergencyOnly: boolean;
  warnings: readonly ContextWarning[];
}

/** The stricter of two classifications (sandbox < development < test < staging < production < unknown). */
export function stricterClassification(a: Classification, b: Classification): Classification {
  return CLASSIFICATIONS.indexOf(a) >= CLASSIFICATIONS.indexOf(b) ? a : b;
}

/** The stricter of two approval modes (none < destructive-only < all-mutations < always). */
export function stricterApprovalMode(a: ApprovalMode, b: ApprovalMode): ApprovalMode {
  return APPROVAL_MODES.indexOf(a) >= APPROVAL_MODES.indexOf(b) ? a : b;
}

export function resolveProfile(config: Config, profileName: string): ResolvedProfile {
  const configured = Object.hasOwn(config.profiles, profileName) ? config.profiles[profileName] : undefined;
  if (configured !== undefined) {
    const floor = config.environments[configured.classification].approvalMode;
    return {
      name: profileName,
      classification: configured.classification,
      permissions: configured.permissions,
      approvalMode: stricterApprovalMode(configured.approvalMode ?? floor, floor),
      allowedRegions: configured.regions,
      defaultRegion: configured.defaultRegion ?? configured.regions[0],
      emergencyOnly: configured.emergencyOnly ?? false,
      account: configured.account,
      source: "configured",
      pattern: undefined,
    };
  }
  const pattern = config.patterns.profiles.find((p) => matchGlob(p.match, profileName));
  if (pattern !== undefined) {
    const floor = config.environments[pattern.classification].approvalMode;
    return {
      name: profileName,
      classification: pattern.classification,
      permissions: pattern.permissions ?? "read-only",
      approvalMode: stricterApprovalMode(pattern.approvalMode ?? floor, floor),
      allowedRegions: undefined,
      defaultRegion: undefined,
      emergencyOnly: false,
      account: undefined,
      source: "pattern",
      pattern: pattern.match,
    };
  }
  return {
    name: profileName,
    classification: "unknown",
    permissions: "read-only",
    approvalMode: "always",
    allowedRegions: undefined,
    defaultRegion: undefined,
    emergencyOnly: false,
    account: undefined,
    source: "unknown",
    pattern: undefined,
  };
}

export function classifyAccount(config: Config, account: AccountIdentity): ClassifiedAccount {
  const alias = account.alias === undefined || account.alias === "" ? undefined : account.alias;
  const configured = Object.hasOwn(config.accounts, account.id) ? config.accounts[account.id] : undefined;
  if (configured !== undefined) {
    return {
      id: account.id,
      alias,
      name: configured.name,
      classification: configured.classification,
      source: "configured",
    };
  }
  const pattern = config.patterns.accounts.find(
    (p) => matchGlob(p.match, account.id) || (alias !== undefined && matchGlob(p.match, alias)),
  );
  return {
    id: account.id,
    alias,
    name: undefined,
    classification: pattern?.classification ?? "unknown",
    source: pattern === undefined ? "unknown" : "pattern",
  };
}

export function resolveContext(options: ResolveContextOptions): ResolvedContext {
  const { config, profileName, identity } = options;
  const profile = resolveProfile(config, profileName);
  const warnings: ContextWarning[] = [];
  let account = classifyAccount(config, { id: identity.accountId, alias: identity.alias });

  if (profile.source === "unknown") {
    warnings.push({
      code: "CW_CTX_W0001",
      message: `profile "${profileName}" is not in the configuration and matches no pattern: read-only; add it under profiles to allow more`,
    });
  }
  const isMismatch = profile.account !== undefined && profile.account !== identity.accountId;
  if (isMismatch) {
    warnings.push({
      code: "CW_CTX_W0002",
      message: `profile "${profileName}" is configured for account ${profile.account}, but its credentials are for account ${identity.accountId}: treated as unknown (read-only); fix profiles.${profileName}.account or the AWS profile`,
    });
    account = { ...account, classification: "unknown", source: "unknown" };
  } else if (account.source === "unknown" && profile.account === identity.accountId) {
    account = { ...account, classification: profile.classification, source: "profile" };
  } else if (account.source === "unknown") {
    warnings.push({
      code: "CW_CTX_W0003",
      message: `account ${identity.accountId} is not in the configuration and matches no pattern: read-only; add it under accounts or set profiles.${profileName}.account`,
    });
  }
  if (profile.emergencyOnly) {
    warnings.push({
      code: "CW_CTX_W0004",
      message: `profile "${profileName}" is for emergencies only (break-glass); use it only during an incident`,
    });
  }

  const classification = stricterClassification(profile.classification, account.classification);
  const environment = config.environments[classification];
  const canChange = classification !== "unknown" && (environment.directExecution || environment.iacOnly);
  const permissions: Permissions =
    profile.permissions === "read-write" && canChange ? "read-write" : "read-only";
  const approvalMode = stricterApprovalMode(profile.approvalMode, environment.approvalMode);
  const { regions, defaultRegion } = chooseRegions(profile, options.regions, options.fallbackRegion);

  return {
    profile,
    account,
    callerArn: identity.arn,
    regions,
    defaultRegion,
    classification,
    permissions,
    approvalMode,
    environment: { directExecution: environment.directExecution, iacOnly: environment.iacOnly },
    isReadOnly: permissions === "read-only",
    emergencyOnly: profile.emergencyOnly,
    warnings,
  };
}

function chooseRegions(
  profile: ResolvedProfile,
  requested: readonly string[] | undefined,
  fallbackRegion: string | undefined,
): { regions: string[]; defaultRegion: string } {
  const allowed = profile.allowedRegions;
  for (const region of requested ?? []) {
    if (!isAwsRegion(region)) throw new UsageError(describeUnknownRegion(region), { code: "UnknownRegion" });
    if (allowed !== undefined && !allowed.includes(region)) {
      throw new UsageError(
        `region ${region} is not allowed for profile "${profile.name}" (allowed: ${allowed.join(", ")})`,
        {
          code: "RegionNotAllowed",
          hint: `Choose one of ${allowed.join(", ")}, or add ${region} to profiles.${profile.name}.regions.`,
        },
      );
    }
  }
  let defaultRegion = profile.defaultRegion;
  if (defaultRegion === undefined && fallbackRegion !== undefined && fallbackRegion !== "") {
    if (!isAwsRegion(fallbackRegion)) {
      throw new UsageError(`the AWS profile's region: ${describeUnknownRegion(fallbackRegion)}`, {
        code: "UnknownRegion",
      });
    }
    defaultRegion = fallbackRegion;
  }
  const regions = [...new Set(requested ?? [])];
  if (defaultRegion === undefined) {
    if (regions[0] !== undefined) return { regions, defaultRegion: regions[0] };
    throw new UsageError(`no region for profile "${profile.name}"`, {
      code: "NoRegion",
      hint: `Pass --regions, set AWS_REGION, or add a profiles.${profile.name} entry with regions and defaultRegion.`,
    });
  }
  return { regions: regions.length > 0 ? regions : [defaultRegion], defaultRegion };
}
