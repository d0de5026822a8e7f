/**
 * AWS's public Amazon Linux images: the same small fixed set in every region, owned by Amazon
 * (account 137112412989, alias `amazon`), with ids derived from the region and the name (so
 * they differ between regions, as AWS's do, and never change between runs). Every account sees
 * them; none owns them. The SSM public parameters under `/aws/service/ami-amazon-linux-latest/`
 * name the newest of each kind.
 */
import { hashString } from "./prng.js";

/** The account that owns Amazon's public images, and its alias in DescribeImages. */
export const AMAZON_OWNER_ID = "137112412989";
export const AMAZON_OWNER_ALIAS = "amazon";

export interface PublicImage {
  id: string;
  name: string;
  description: string;
  /** ISO string, as DescribeImages answers CreationDate. */
  createdAt: string;
  architecture: "x86_64" | "arm64";
  rootSizeGiB: number;
  volumeType: "gp2" | "gp3";
  /** The snapshot behind the root device (Amazon's, not the account's). */
  snapshotId: string;
  bootMode?: "uefi" | "uefi-preferred";
  imdsSupport?: "v2.0";
}

interface Release {
  version: string;
  createdAt: string;
}

/** Two AL2023 releases and one Amazon Linux 2 release, oldest first. */
const AL2023_RELEASES: readonly Release[] = [
  { version: "2023.6.20241121.0", createdAt: "2024-11-21T21:05:11.000Z" },
  { version: "2023.6.20241212.0", createdAt: "2024-12-12T01:04:30.000Z" },
];
const AMZN2_RELEASE: Release = { version: "2.0.20241217.0", createdAt: "2024-12-17T21:52:33.000Z" };

function hex(seed: string, digits: number): string {
  let out = "";
  for (let n = 0; out.length < digits; n++) out += hashString(`${seed}#${n}`).toString(16).padStart(8, "0");
  return out.slice(0, digits);
}

function image(region: string, fields: Omit<PublicImage, "id" | "snapshotId">): PublicImage {
  return {
    id: `ami-${hex(`${region}:${fields.name}`, 17)}`,
    snapshotId: `snap-${hex(`${region}:${fields.name}:root`, 17)}`,
    ...fields,
  };
}

function buildImages(region: string): PublicImage[] {
  const images: PublicImage[] = [];
  for (const r of AL2023_RELEASES) {
    for (const architecture of ["x86_64", "arm64"] as const) {
      images.push(
        image(region, {
          name: `al2023-ami-${r.version}-kernel-6.1-${architecture}`,
          description: `Amazon Linux 2023 AMI ${r.version} ${architecture} HVM kernel-6.1`,
          createdAt: r.createdAt,
          architecture,
          rootSizeGiB: 8,
          volumeType: "gp3",
          bootMode: architecture === "arm64" ? "uefi" : "uefi-preferred",
          imdsSupport: "v2.0",
        }),
      );
    }
  }
  for (const architecture of ["x86_64", "arm64"] as const) {
    images.push(
      image(region, {
        name: `amzn2-ami-hvm-${AMZN2_RELEASE.version}-${architecture}-gp2`,
        description: `Amazon Linux 2 AMI ${AMZN2_RELEASE.version} ${architecture} HVM gp2`,
        createdAt: AMZN2_RELEASE.createdAt,
        architecture,
        rootSizeGiB: 8,
        volumeType: "gp2",
        ...(architecture === "arm64" && { bootMode: "uefi" as const }),
      }),
    );
  }
  return images;
}

const BY_REGION = new Map<string, readonly PublicImage[]>();

/** Amazon's public images in a region (the same names everywhere, ids per region). */
export function publicImages(region: string): readonly PublicImage[] {
  let images = BY_REGION.get(region);
  if (images === undefined) {
    images = buildImages(region);
    BY_REGION.set(region, images);
  }
  return images;
}

/** The prefix of the SSM public parameters that name the latest Amazon Linux images. */
export const AMAZON_LINUX_PARAMETER_PREFIX = "/aws/service/ami-amazon-linux-latest/";

/** A public SSM parameter: the image it names and its version (one per release so far). */
export interface PublicParameter {
  image: PublicImage;
  version: number;
}

/** A public SSM parameter's leaf name → the image name it points to and its version. */
function parameterTargets(): ReadonlyMap<string, { imageName: string; version: number }> {
  const latest = AL2023_RELEASES[AL2023_RELEASES.length - 1]!.version;
  const targets = new Map<string, { imageName: string; version: number }>();
  for (const arch of ["x86_64", "arm64"]) {
    const al2023 = { imageName: `al2023-ami-${latest}-kernel-6.1-${arch}`, version: AL2023_RELEASES.length };
    targets.set(`al2023-ami-kernel-default-${arch}`, al2023);
    targets.set(`al2023-ami-kernel-6.1-${arch}`, al2023);
    targets.set(`amzn2-ami-hvm-${arch}-gp2`, {
      imageName: `amzn2-ami-hvm-${AMZN2_RELEASE.version}-${arch}-gp2`,
      version: 1,
    });
  }
  return targets;
}

const TARGETS = parameterTargets();

/** The SSM public parameters of the latest Amazon Linux images, by full name. */
export const AMAZON_LINUX_PARAMETERS: readonly string[] = [...TARGETS.keys()]
  .sort()
  .map((leaf) => `${AMAZON_LINUX_PARAMETER_PREFIX}${leaf}`);

/** The public parameter of that full name in a region, or undefined for a name that is not one. */
export function publicParameter(region: string, name: string): PublicParameter | undefined {
  if (!name.startsWith(AMAZON_LINUX_PARAMETER_PREFIX)) return undefined;
  const target = TARGETS.get(name.slice(AMAZON_LINUX_PARAMETER_PREFIX.length));
  const image = target && publicImages(region).find((i) => i.name === target.imageName);
  return image === undefined || target === undefined ? undefined : { image, version: target.version };
}
