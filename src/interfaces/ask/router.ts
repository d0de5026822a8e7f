/**
 * `aws-coworker ask`: the deterministic, offline routing of a free-form request to a
 * workflow and its parameters. Pure: no I/O, no clock (the caller passes `now`), no
 * randomness; the same request always takes the same route.
 *
 * The route is the argv of an ordinary command, so the person learns the command and the
 * command runs exactly as if typed. Reads run; changes become `plan create …` drafts (or
 * `rollback <run>`, itself a draft). A request for an approval, an execution or a change no
 * blueprint covers is never routed: it gets an explanation and the closest workflows.
 */
import { isAwsRegion } from "../../core/regions.js";

export interface RouteOptions {
  /** The reference time for "since Monday", "yesterday", "in October". */
  now: Date;
  /** The blueprints `plan create` knows (from `plan blueprints`). */
  blueprints: readonly string[];
}

/** What the router read in the request, for the person to check. */
export interface Understood {
  regions?: string[];
  accounts?: string[];
  services?: string[];
  types?: string[];
  since?: string;
  until?: string;
  tags?: Record<string, string>;
  format?: string;
  failOn?: string;
  top?: string;
  period?: string;
  by?: string;
}

export type Route =
  | {
      isRouted: true;
      /** The command's argv, without the global options. */
      argv: string[];
      /** true for a plan draft (`plan create`, `rollback`): nothing is approved or executed. */
      isDraft: boolean;
      understood: Understood;
    }
  | {
      isRouted: false;
      /** Why it was not routed: what is missing, or what ask never does. */
      reason: string;
      /** The closest commands, each an example to run. */
      suggestions: string[];
      understood: Understood;
    };

const REGION_NAMES: readonly (readonly [RegExp, string])[] = [
  [/\bn\.?\s*virginia\b|\bnorthern virginia\b|\bvirginia\b/, "us-east-1"],
  [/\bohio\b/, "us-east-2"],
  [/\bn\.?\s*california\b|\bnorthern california\b/, "us-west-1"],
  [/\boregon\b/, "us-west-2"],
  [/\bireland\b|\bdublin\b/, "eu-west-1"],
  [/\blondon\b/, "eu-west-2"],
  [/\bparis\b/, "eu-west-3"],
  [/\bfrankfurt\b/, "eu-central-1"],
  [/\bzurich\b/, "eu-central-2"],
  [/\bstockholm\b/, "eu-north-1"],
  [/\bmilan\b/, "eu-south-1"],
  [/\bspain\b/, "eu-south-2"],
  [/\btokyo\b/, "ap-northeast-1"],
  [/\bseoul\b/, "ap-northeast-2"],
  [/\bosaka\b/, "ap-northeast-3"],
  [/\bsingapore\b/, "ap-southeast-1"],
  [/\bsydney\b/, "ap-southeast-2"],
  [/\bjakarta\b/, "ap-southeast-3"],
  [/\bmelbourne\b/, "ap-southeast-4"],
  [/\bmumbai\b/, "ap-south-1"],
  [/\bhong kong\b/, "ap-east-1"],
  [/\bcanada\b|\bmontreal\b/, "ca-central-1"],
  [/\bs[aã]o paulo\b/, "sa-east-1"],
  [/\bcape town\b/, "af-south-1"],
  [/\bbahrain\b/, "me-south-1"],
];

const ALL_REGIONS = /\b(?:all|every|each)(?: the)? regions?\b|\beverywhere\b|\banywhere\b|\bacross regions\b/;
const ALL_ACCOUNTS =
  /\b(?:all|every|each)(?: the| our| of the| of our)? accounts?\b|\borg(?:anisation|anization)?[- ]wide\b|\b(?:the|whole|our|entire) org(?:anisation|anization)?\b|\borganisation\b|\borganization\b/;

/** Inventory services, by the words people use for them. */
const SERVICE_WORDS: readonly (readonly [string, RegExp])[] = [
  ["ec2", /\bec2\b|\binstances?\b|\bservers?\b|\bamis?\b|\belastic ips?\b/],
  ["ebs", /\bebs\b|\bvolumes?\b|\bsnapshots?\b/],
  ["vpc", /\bvpcs?\b|\bsubnets?\b|\bnetwork(?:ing)?\b|\broute tables?\b|\bgateways?\b/],
  ["s3", /\bs3\b|\bbuckets?\b/],
  ["rds", /\brds\b|\bdatabases?\b|\bdbs?\b/],
  ["lambda", /\blambdas?\b|\bfunctions?\b/],
  ["elb", /\bload[- ]?balancers?\b|\belbs?\b|\balbs?\b|\bnlbs?\b|\btarget groups?\b/],
  ["iam", /\biam\b|\busers?\b|\broles?\b|\bpolic(?:y|ies)\b/],
  ["cloudtrail", /\bcloudtrail\b|\btrails?\b/],
  ["kms", /\bkms\b|\bkeys\b/],
];

/** Resource types as `service:type`, by the words people use for them (most specific first). */
const TYPE_WORDS: readonly (readonly [string, RegExp])[] = [
  ["rds:db-instance", /\b(?:rds|db|database) instances?\b/],
  ["rds:db-cluster", /\b(?:rds|db|database|aurora) clusters?\b/],
  ["vpc:security-group", /\bsecurity groups?\b|\bsgs?\b/],
  ["vpc:network-interface", /\bnetwork interfaces?\b|\benis?\b/],
  ["vpc:route-table", /\broute tables?\b/],
  ["vpc:internet-gateway", /\binternet gateways?\b|\bigws?\b/],
  ["vpc:nat-gateway", /\bnat gateways?\b/],
  ["vpc:network-acl", /\bnetwork acls?\b|\bnacls?\b/],
  ["vpc:subnet", /\bsubnets?\b/],
  ["vpc:vpc", /\bvpcs?\b/],
  ["ec2:elastic-ip", /\belastic ips?\b|\beips?\b/],
  ["ec2:image", /\bamis?\b|\bimages?\b/],
  ["ec2:instance", /\b(?:ec2 )?instances?\b|\bec2\b|\bservers?\b/],
  ["ebs:volume", /\bvolumes?\b/],
  ["ebs:snapshot", /\bsnapshots?\b/],
  ["s3:bucket", /\bbuckets?\b|\bs3\b/],
  ["lambda:function", /\blambda(?: functions?)?\b|\bfunctions?\b/],
  ["elb:load-balancer", /\bload[- ]?balancers?\b/],
  ["elb:target-group", /\btarget groups?\b/],
  ["iam:user", /\biam users?\b/],
  ["iam:role", /\biam roles?\b/],
  ["kms:key", /\bkms keys?\b/],
];

/** What the tag blueprint can tag (CreateTags serves EC2 resources only). */
const TAGGABLE = new Set([
  "ec2:instance",
  "ebs:volume",
  "ebs:snapshot",
  "ec2:elastic-ip",
  "ec2:image",
  "vpc:vpc",
  "vpc:subnet",
  "vpc:security-group",
  "vpc:network-interface",
  "vpc:route-table",
  "vpc:internet-gateway",
  "vpc:nat-gateway",
  "vpc:network-acl",
]);

const ENVIRONMENT_WORDS: readonly (readonly [RegExp, string])[] = [
  [/\bdev(?:elopment)?\b/, "development"],
  [/\bstag(?:e|ing)\b/, "staging"],
  [/\bprod(?:uction)?\b/, "production"],
  [/\bsandbox\b/, "sandbox"],
];

const SEVERITIES = ["critical", "high", "medium", "low", "informational"] as const;
const PILLARS: readonly (readonly [RegExp, string])[] = [
  [/\boperational[- ]excellence\b|\bops excellence\b/, "operational-excellence"],
  [/\breliab(?:le|ility)\b|\bresilien(?:t|ce)\b/, "reliability"],
  [/\bperformance(?: efficiency)?\b/, "performance"],
  [/\bsustainab(?:le|ility)\b/, "sustainability"],
  [/\bcost(?: optimi[sz]ation)?\b/, "cost"],
  [/\bsecurity\b/, "security"],
];

const FORMATS: Readonly<Record<string, readonly string[]>> = {
  inventory: ["table", "json", "markdown", "csv"],
  security: ["table", "json", "markdown", "csv", "ocsf"],
  "sg-audit": ["table", "json", "markdown", "csv", "ocsf"],
  "tag-compliance": ["table", "json", "markdown", "csv", "ocsf"],
  cleanup: ["table", "json", "markdown", "csv", "ocsf"],
  review: ["table", "json", "markdown", "csv", "ocsf"],
  cost: ["table", "json", "markdown", "csv"],
  changes: ["table", "json", "markdown", "csv"],
  context: ["text", "json"],
  "plan create": ["markdown", "json"],
  "plan list": ["table", "json"],
  "plan show": ["markdown", "json", "cli"],
};

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** The verbs of a change nothing in ask may make: at the start of the request, they ask for a mutation. */
const MUTATING_START =
  /^(?:please\s+|can you\s+|could you\s+|go ahead and\s+)?(delete|terminate|remove|destroy|stop|start|reboot|restart|kill|drop|shut ?down|open|close|allow|authori[sz]e|revoke|modify|change|resize|scale|attach|detach|migrate|move|copy|restore|enable|disable|bootstrap|upgrade|patch|execute|apply|approve|run (?:the |my )?(?:last |latest )?plan)\b/;

const COST_WORDS =
  /\bcosts?\b|\bspen[dt]\b|\bspending\b|\bbill\b|\bmoney\b|\bsavings\b|\bforecast\b|\bamorti[sz]ed\b|\bpric(?:e|es|ing)\b|\boptimi[sz]ation opportunit|\bright-?siz/;

/** An EC2 instance type (t3.small, m7g.2xlarge): a request that names one speaks of an instance. */
const INSTANCE_TYPE = /\b([a-z][0-9][a-z0-9]*\.(?:nano|micro|small|medium|large|[0-9]*xlarge))\b/;

/** What a person may ask to create that no blueprint may cover. */
const CREATABLE =
  /\bsecurity groups?\b|\binstances?\b|\bservers?\b|\bdatabases?\b|\brds\b|\bfunctions?\b|\blambdas?\b|\bload[- ]?balancers?\b|\busers?\b|\broles?\b|\bkeys?\b|\bsubnets?\b|\btrails?\b|\bclusters?\b|\bqueues?\b|\btopics?\b|\btables?\b|\bmigration\b/;

const CREATE_VERB =
  /\b(?:create|make|plan|draft|build|set ?up|provision|new|need|spin up|stand up|add|launch|deploy)\b/;

/** Route a free-form request. */
export function routeRequest(request: string, options: RouteOptions): Route {
  const original = request.trim().replace(/\s+/g, " ");
  const text = original.toLowerCase().replace(/[?!]+/g, " ").trim();
  const understood = readEntities(original, text, options.now);

  const refuse = (reason: string, suggestions: string[]): Route => ({
    isRouted: false,
    reason,
    suggestions,
    understood,
  });
  const route = (argv: string[], isDraft = false): Route => {
    const command = argv[0] === "plan" || argv[0] === "runs" ? `${argv[0]} ${argv[1]}` : argv[0]!;
    if (understood.format !== undefined) {
      const allowed = FORMATS[command];
      if (allowed === undefined || !allowed.includes(understood.format)) {
        return refuse(
          `\`aws-coworker ${command}\` does not write ${understood.format}${allowed === undefined ? "" : ` (it writes ${allowed.join(", ")})`}`,
          [`aws-coworker ${argv.join(" ")}`],
        );
      }
      argv.push("--format", understood.format);
    }
    return { isRouted: true, argv, isDraft, understood };
  };

  // Approvals and executions stay with a person: ask drafts, it never approves or runs a plan.
  if (
    /^(?:please\s+)?(?:approve|execute|(?:apply|run) (?:the |my |this )?(?:last |latest )?plan)\b/.test(text)
  ) {
    return refuse("ask drafts plans but never approves or executes them", [
      "aws-coworker plan list",
      "aws-coworker plan approve <plan>   (a person, at a terminal)",
      "aws-coworker execute <plan>",
    ]);
  }

  // Rolling back is a draft, of one run the person names.
  if (/^(?:please\s+)?(?:roll ?back|undo|revert)\b/.test(text)) {
    const run = /\b(run-[0-9a-z-]+)\b/.exec(text)?.[1];
    if (run === undefined) {
      return refuse("which run to roll back is missing (a run id, e.g. run-20261203-101500123-ab12)", [
        "aws-coworker runs list",
        "aws-coworker rollback <run>",
      ]);
    }
    return route(["rollback", run], true);
  }

  if (/\bblueprints?\b|\bwhat can (?:you|it|i) (?:create|build|make|plan)\b/.test(text)) {
    return route(["plan", "blueprints"]);
  }

  // Creations: a blueprint named by its object.
  if (CREATE_VERB.test(text) && !/^(?:list|show|which|what|are|is|how)\b/.test(text)) {
    if (/\bvpcs?\b/.test(text)) return routeVpc(original, text, understood, route, refuse);
    if (/\b(?:s3 )?buckets?\b/.test(text)) return routeBucket(original, text, understood, route);
    for (const [blueprint, word] of [
      ["security-group", /\bsecurity groups?\b/],
      [
        "ec2-instance",
        new RegExp(`\\b(?:ec2 )?instances?\\b|\\bservers?\\b|\\bvms?\\b|${INSTANCE_TYPE.source}`),
      ],
    ] as const) {
      if (options.blueprints.includes(blueprint) && word.test(text) && !/\btag/.test(text)) {
        return route(draftArgv(blueprint, understood, blueprintSets(blueprint, original, text)), true);
      }
    }
  }

  if (
    /^(?:please\s+|can you\s+|could you\s+)?(?:create|make|build|provision|spin up|stand up|set ?up|draft|plan)\b/.test(
      text,
    ) &&
    CREATABLE.test(text)
  ) {
    return refuse(
      `no blueprint creates that yet (blueprints: ${options.blueprints.join(", ")}); ask never guesses a mutation`,
      ["aws-coworker plan blueprints"],
    );
  }

  // Cleaning up what the cleanup audit finds: a draft of the cleanup blueprint.
  if (
    options.blueprints.includes("cleanup") &&
    /^(?:please\s+|can you\s+|could you\s+|go ahead and\s+)?(?:clean ?up|delete|remove|get rid of)\b/.test(
      text,
    ) &&
    /\b(?:unused|unattached|idle|orphan(?:ed)?|unassociated|you found|the findings|old snapshots)\b/.test(
      text,
    )
  ) {
    return route(["plan", "create", "cleanup", ...regionArgs(understood), ...tagSets(understood)], true);
  }

  // An explicit deletion of a kind of resource: a draft of the delete blueprint, whose approval
  // shows the full blast radius (and asks for the count above the configured size).
  const deletion =
    /^(?:please\s+)?(?:delete|terminate|remove|destroy)\s+(?:all\s+|every\s+)?(?:of\s+)?(?:the\s+|my\s+)?/.exec(
      text,
    );
  if (deletion !== null && options.blueprints.includes("delete")) {
    const rest = text.slice(deletion[0].length);
    const types = typesIn(rest).filter((t) => DELETABLE.has(t));
    // A qualifier the selection cannot express ("the stopped ones", "older than", "except…") would
    // widen the deletion beyond what was asked: such a request is not drafted.
    const qualified =
      /\b(?:stopped|running|pending|old|older|newer|unused|idle|except|but|that|which|where|whose|with|without|larger|smaller|more|less|than|named|called)\b/.test(
        rest,
      );
    if (types.length > 0 && !qualified) {
      const environment = ENVIRONMENT_WORDS.find(([word]) => word.test(text))?.[1];
      const select = [
        ...types,
        ...(environment === undefined ? [] : [`tag:Environment=${environment}`]),
      ].join(" ");
      return route(["plan", "create", "delete", "--select", select, ...regionArgs(understood)], true);
    }
  }

  if (MUTATING_START.test(text) && !/^(?:add|apply|set)\b/.test(text)) {
    const verb = MUTATING_START.exec(text)?.[1] ?? "change";
    return refuse(
      `"${verb}" is a change no blueprint drafts yet (blueprints: ${options.blueprints.join(", ")}); ask drafts only what a blueprint covers and never guesses a mutation`,
      /\b(?:volumes?|snapshots?|ips?|unused|unattached|idle|stopped|orphan)/.test(text)
        ? ["aws-coworker cleanup   (lists unused resources and their cost)", "aws-coworker plan blueprints"]
        : /\bport\b|\bingress\b|\b0\.0\.0\.0\/0\b|\bsecurity groups?\b/.test(text)
          ? ["aws-coworker sg-audit", "aws-coworker plan blueprints"]
          : ["aws-coworker plan blueprints", "aws-coworker inventory"],
    );
  }

  // Bulk tagging: an imperative to put tags on resources.
  if (
    /^(?:please\s+)?(?:bulk[- ]?)?(?:tag|label|add|set|apply|put)\b/.test(text) &&
    !/^tag(?:ging)? (?:compliance|audit|report|check|policy|coverage)\b/.test(text) &&
    (/\btag/.test(text) || understood.tags !== undefined || /^(?:bulk[- ]?)?(?:tag|label)\b/.test(text))
  ) {
    return routeTagging(original, text, understood, route, refuse);
  }

  if (/\bskills?\b/.test(text)) {
    return refuse("the skills library is not a workflow yet", ["aws-coworker --help"]);
  }
  if (
    /\breach\b|\bconnect(?:ivity|ion)?\b|\btim(?:e|ing) ?out\b|\bunreachable\b|\bcan'?t access\b|\bcannot access\b/.test(
      text,
    )
  ) {
    return refuse("connectivity troubleshooting is not a workflow yet", [
      "aws-coworker sg-audit",
      "aws-coworker inventory --services vpc,ec2",
    ]);
  }

  if (/\b(run-[0-9][0-9a-z-]+)\b/.test(text) && /\bshow|\bdescribe|\bdetails?\b|\bwhat\b/.test(text)) {
    return route(["runs", "show", /\b(run-[0-9][0-9a-z-]+)\b/.exec(text)![1]!]);
  }
  const planId = /\b(plan-[0-9][0-9a-z-]+)\b/.exec(text)?.[1];
  if (planId !== undefined) return route(["plan", "show", planId]);
  if (
    /\b(?:last|latest|most recent|newest|previous) plan\b|\b(?:the|my) plan (?:i|we|you) (?:just )?(?:made|drafted|created|wrote)\b/.test(
      text,
    )
  ) {
    if (/\bcli\b|\bcommands?\b/.test(text))
      return {
        isRouted: true,
        argv: ["plan", "show", "last", "--format", "cli"],
        isDraft: false,
        understood,
      };
    return route(["plan", "show", "last"]);
  }
  if (/\bplans\b|\b(?:waiting for|pending|awaiting) approval\b/.test(text)) return route(["plan", "list"]);
  if (/\bruns\b|\bexecution runs?\b|\b(?:been|were|was) executed\b|\bexecutions\b/.test(text)) {
    return route(["runs", "list"]);
  }

  if (
    /\bwho am i\b|\bwhich account am i\b|\bwhat account am i\b|\bcontext\b|\b(?:which|what) profile\b|\ballowed to\b|\bclassified\b|\bclassification\b|\b(?:which|what) environment\b|\bwhich region am i\b/.test(
      text,
    )
  ) {
    return route(["context"]);
  }

  if (
    /\bwell[- ]?architected\b|\bwar\b|\bpillar\b/.test(text) ||
    (/\breview\b/.test(text) &&
      /\breliab|\boperational excellence\b|\bperformance\b|\bsustainab|\bcost optimi/.test(text))
  ) {
    const pillar = PILLARS.find(([word]) => word.test(text))?.[1];
    if (pillar === undefined) {
      return refuse("which Well-Architected pillar to review is missing", [
        "aws-coworker review --pillar security|reliability|cost|operational-excellence|performance|sustainability",
      ]);
    }
    return route(["review", "--pillar", pillar, ...scopeArgs(understood), ...failOnArgs(understood)]);
  }

  if (
    /\bsecurity groups?\b|\bsgs?\b|\bfirewall\b|0\.0\.0\.0\/0|::\/0|\bports?\b|\bssh\b|\brdp\b|\bingress\b/.test(
      text,
    )
  ) {
    return route(["sg-audit", ...scopeArgs(understood), ...failOnArgs(understood)]);
  }

  if (/\btag(?:s|ged|ging)?\b|\buntagged\b/.test(text) && !COST_WORDS.test(text)) {
    return route([
      "tag-compliance",
      ...(understood.types === undefined ? [] : ["--types", understood.types.join(",")]),
      ...scopeArgs(understood),
      ...failOnArgs(understood),
    ]);
  }

  if (
    /\bunused\b|\bunattached\b|\bidle\b|\borphan(?:ed)?\b|\bwast(?:e|ed|ing)\b|\bclean ?up\b|\bstopped for\b|\blong[- ]stopped\b|\bunassociated\b|\bold snapshots\b|\bnobody uses\b|\bnot used\b/.test(
      text,
    )
  ) {
    if (options.blueprints.includes("cleanup") && /\bplan\b|\bdraft\b/.test(text)) {
      return route(["plan", "create", "cleanup", ...regionArgs(understood)], true);
    }
    return route(["cleanup", ...scopeArgs(understood), ...failOnArgs(understood)]);
  }

  if (
    /\bchang(?:e|ed|es)\b|\bmodified\b|\bwhat happened\b|\bwho (?:touched|deleted|created|modified|did)\b|\bunusual activity\b|\bcloudtrail (?:activity|events?|history|log)\b|\bwrite events\b|\bactivity\b/.test(
      text,
    )
  ) {
    const argv = ["changes"];
    if (understood.since !== undefined) argv.push("--since", understood.since);
    if (understood.until !== undefined) argv.push("--until", understood.until);
    const services = (understood.services ?? []).filter(
      (s) => ["ec2", "iam", "s3", "rds", "lambda", "kms"].includes(s) && new RegExp(`\\b${s}\\b`).test(text),
    );
    if (services.length > 0) argv.push("--service", services.join(","));
    return route([...argv, ...scopeArgs(understood), ...failOnArgs(understood)]);
  }

  if (COST_WORDS.test(text)) {
    return route(costArgs(original, text, understood));
  }

  if (
    /\bsecurity\b|\bsecure\b|\bpublic(?:ly)?\b|\bexposed\b|encrypt|\bmfa\b|\baccess keys?\b|\bproblems?\b|\bposture\b|\bvulnerab|\bcloudtrail (?:is )?(?:on|enabled|disabled|off)\b|\benabled\b|\bfindings?\b|\brisks?\b/.test(
      text,
    )
  ) {
    return route(["security", ...scopeArgs(understood), ...failOnArgs(understood)]);
  }

  if (
    /\binventory\b|\bwhat(?:'s| is) in\b|\blist\b|\bshow\b|\bwhat\b.*\b(?:have|running|exist|is there|are there)\b|\bwhich\b|\bhow many\b|\bdescribe\b|\bresources\b|\bestate\b|\beverything\b|\bexport\b/.test(
      text,
    ) ||
    understood.services !== undefined
  ) {
    return route([
      "inventory",
      ...(understood.services === undefined ? [] : ["--services", understood.services.join(",")]),
      ...scopeArgs(understood),
    ]);
  }

  return refuse("no workflow matches this request", [
    "aws-coworker inventory",
    "aws-coworker security",
    "aws-coworker cost",
    "aws-coworker changes --since 24h",
    "aws-coworker plan blueprints",
  ]);
}

type RouteFn = (argv: string[], isDraft?: boolean) => Route;
type RefuseFn = (reason: string, suggestions: string[]) => Route;

function routeVpc(
  original: string,
  text: string,
  understood: Understood,
  route: RouteFn,
  refuse: RefuseFn,
): Route {
  const sets: string[] = [];
  const name = nameIn(original);
  if (name !== undefined) sets.push(`name=${name}`);
  const cidr = /\b(\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2})\b/.exec(text)?.[1];
  if (cidr !== undefined) sets.push(`cidr=${cidr}`);
  else {
    const prefix = /(?:^|[\s(])\/(\d{1,2})\b/.exec(text)?.[1];
    if (prefix !== undefined && prefix !== "16") {
      return refuse(`the VPC's CIDR block is missing: "/${prefix}" gives its size, not its range`, [
        `aws-coworker plan create vpc --set cidr=10.20.0.0/${prefix}`,
      ]);
    }
  }
  const azs = /\b(\d+)\s*(?:azs?|availability zones?)\b/.exec(text)?.[1];
  if (azs !== undefined) sets.push(`azs=${azs}`);
  const publicSubnets = /\b(\d+)\s+public\b/.exec(text)?.[1];
  if (publicSubnets !== undefined) sets.push(`publicSubnets=${publicSubnets}`);
  const privateSubnets = /\b(\d+)\s+private\b/.exec(text)?.[1];
  if (privateSubnets !== undefined) sets.push(`privateSubnets=${privateSubnets}`);
  if (
    /\bnat(?: gateways?)? (?:per|in each|for each|in every) (?:az|availability zone)\b|\bper[- ]az nat\b|\bnat=per-az\b/.test(
      text,
    )
  ) {
    sets.push("nat=per-az");
  } else if (/\bno nat\b|\bwithout (?:a |any )?nat\b|\bnat=none\b/.test(text)) {
    sets.push("nat=none");
  } else if (/\b(?:one|a single|single|1|a shared|one shared) nat\b|\bnat=one\b/.test(text)) {
    sets.push("nat=one");
  }
  return route(draftArgv("vpc", understood, sets), true);
}

function routeBucket(original: string, text: string, understood: Understood, route: RouteFn): Route {
  const sets: string[] = [];
  const name = nameIn(original);
  if (name !== undefined) sets.push(`name=${name}`);
  const prefix = /\bprefix\s+([a-z0-9][a-z0-9-]*)/.exec(text)?.[1];
  if (prefix !== undefined) sets.push(`prefix=${prefix}`);
  if (/\bkms\b/.test(text)) sets.push("encryption=SSE-KMS");
  if (/\b(?:without|no) versioning\b|\bunversioned\b/.test(text)) sets.push("versioning=false");
  return route(draftArgv("s3-bucket", understood, sets), true);
}

function routeTagging(
  original: string,
  text: string,
  understood: Understood,
  route: RouteFn,
  refuse: RefuseFn,
): Route {
  const tags = understood.tags ?? {};
  const keys = Object.keys(tags);
  const missing: string[] = [];
  let key: string | undefined;
  if (keys.length === 0) {
    key = /\b(?:with|an?|the)\s+([A-Z][A-Za-z0-9_-]*)(?:\s+tag)?\b/.exec(original)?.[1];
    missing.push(
      key === undefined ? "which tag to set (Key=Value)" : `the value of the ${key} tag (${key}=…)`,
    );
  }
  // Strip Key=Value pairs so "Environment=development" is a value to set, not a filter.
  const plain = text.replace(/\b[a-z][\w:.-]*=[^\s,]+/g, " ");
  const types = typesIn(plain);
  if (types.length === 0) missing.push("which resources to tag (e.g. instances, volumes, snapshots)");
  if (missing.length > 0) {
    const example = `--select '${types.length > 0 ? types.join(" ") : "ec2:instance"}' --set tags.${keys[0] ?? key ?? "Owner"}=${keys.length > 0 ? tags[keys[0]!] : "<value>"}`;
    return refuse(`nothing drafted: ${missing.join("; ")} is missing`, [
      `aws-coworker plan create tag ${example}`,
      "aws-coworker tag-compliance   (which resources lack which tag)",
    ]);
  }
  const notTaggable = types.filter((t) => !TAGGABLE.has(t));
  if (notTaggable.length > 0) {
    return refuse(`the tag blueprint tags EC2 resources only, not ${notTaggable.join(", ")}`, [
      "aws-coworker plan blueprints",
    ]);
  }
  const filters: string[] = [];
  const environment = ENVIRONMENT_WORDS.find(([word]) => word.test(plain))?.[1];
  if (environment !== undefined) filters.push(`tag:Environment=${environment}`);
  const lacks = new Set<string>();
  for (const match of original
    .replace(/\b[A-Za-z][\w:.-]*=[^\s,]+/g, " ")
    .matchAll(/\b(?:without|lacking|missing|with no|no)\s+(?:an?\s+|the\s+)?([A-Z][A-Za-z0-9_-]*)\b/g)) {
    lacks.add(match[1]!);
  }
  if (/\buntagged\b/.test(plain)) {
    for (const key of keys) if (!(key === "Environment" && environment !== undefined)) lacks.add(key);
  }
  const select = [...types, ...filters, ...[...lacks].map((k) => `!tag:${k}`)].join(" ");
  return route(
    ["plan", "create", "tag", "--select", select, ...regionArgs(understood), ...tagSets(understood)],
    true,
  );
}

function costArgs(original: string, text: string, understood: Understood): string[] {
  const argv = ["cost"];
  if (understood.period !== undefined) argv.push("--period", understood.period);
  const tagKey = /\bby (?:the )?([A-Za-z][\w-]*) tag\b|\bby tag:? ?([A-Za-z][\w-]*)/.exec(original);
  if (tagKey !== null) argv.push("--by", `tag:${tagKey[1] ?? tagKey[2]}`);
  else if (/\bby account\b|\bper account\b|\beach account\b|\bevery account\b|\baccounts\b/.test(text))
    argv.push("--by", "account");
  else if (/\bby region\b|\bper region\b|\beach region\b|\bregions\b/.test(text)) argv.push("--by", "region");
  else if (/\bby service\b|\bper service\b|\bservices\b/.test(text)) argv.push("--by", "service");
  if (understood.top !== undefined) argv.push("--top", understood.top);
  if (/\bnet[- ]amorti[sz]ed\b/.test(text)) argv.push("--metric", "net-amortized");
  else if (/\bamorti[sz]ed\b/.test(text)) argv.push("--metric", "amortized");
  else if (/\bunblended\b/.test(text)) argv.push("--metric", "unblended");
  return argv;
}

function readEntities(original: string, text: string, now: Date): Understood {
  const understood: Understood = {};
  const regions = regionsIn(text);
  if (regions.length > 0) understood.regions = regions;
  const accounts = ALL_ACCOUNTS.test(text) ? ["all"] : [...new Set(text.match(/\b\d{12}\b/g) ?? [])];
  if (accounts.length > 0) understood.accounts = accounts;
  const services = SERVICE_WORDS.filter(([, word]) => word.test(text)).map(([service]) => service);
  if (services.length > 0) understood.services = services;
  const types = typesIn(text);
  if (types.length > 0) understood.types = types;
  Object.assign(understood, windowIn(text, now));
  const tags: Record<string, string> = {};
  for (const match of original.matchAll(/\b([A-Za-z][\w.:/-]*)=([^\s,;]+)/g)) {
    const [, key, value] = match;
    if (/^(?:tag:|cidr|nat|name|azs)/i.test(key!)) continue;
    tags[key!] = value!.replace(/[.]$/, "");
  }
  if (Object.keys(tags).length > 0) understood.tags = tags;
  const format =
    /\b(json|csv|markdown|ocsf)\b/.exec(text)?.[1] ?? /\b(?:as|in) (?:a )?(table|text)\b/.exec(text)?.[1];
  if (format !== undefined) understood.format = format;
  if (/\bfail/.test(text)) {
    const after = text.slice(text.search(/\bfail/));
    const severity = SEVERITIES.find((s) => new RegExp(`\\b${s}\\b`).test(after));
    if (severity !== undefined) understood.failOn = severity;
  }
  const top = /\btop\s+(\d+)\b/.exec(text)?.[1];
  if (top !== undefined) understood.top = top;
  const period = periodIn(text, now);
  if (period !== undefined) understood.period = period;
  return understood;
}

function regionsIn(text: string): string[] {
  if (ALL_REGIONS.test(text)) return ["all"];
  const found: { at: number; code: string }[] = [];
  for (const match of text.matchAll(/\b[a-z]{2,4}(?:-[a-z]+)+-\d\b/g)) {
    if (isAwsRegion(match[0])) found.push({ at: match.index, code: match[0] });
  }
  for (const [name, code] of REGION_NAMES) {
    const match = name.exec(text);
    if (match !== null) found.push({ at: match.index, code });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.code))];
}

function typesIn(text: string): string[] {
  let rest = text;
  const types: string[] = [];
  for (const [type, word] of TYPE_WORDS) {
    if (word.test(rest)) {
      types.push(type);
      rest = rest.replace(new RegExp(word.source, "g"), " ");
    }
  }
  return types;
}

function windowIn(text: string, now: Date): Pick<Understood, "since" | "until"> {
  const units: Record<string, string> = {
    m: "m",
    min: "m",
    minute: "m",
    h: "h",
    hr: "h",
    hour: "h",
    d: "d",
    day: "d",
    w: "w",
    week: "w",
  };
  const counted =
    /\b(?:last|past|previous|recent)\s+(\d+)\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)\b/.exec(
      text,
    );
  if (counted !== null) {
    const unit = units[counted[2]!.replace(/s$/, "")] ?? "h";
    return { since: `${counted[1]}${unit}` };
  }
  const single = /\b(?:last|past|previous)\s+(hour|day|week|month)\b/.exec(text)?.[1];
  if (single !== undefined && !(single === "month" && /\bcost|\bspen|\bbill/.test(text))) {
    return { since: { hour: "1h", day: "24h", week: "7d", month: "30d" }[single] };
  }
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const dayMs = 86_400_000;
  if (/\byesterday\b/.test(text)) {
    return { since: new Date(midnight - dayMs).toISOString(), until: new Date(midnight).toISOString() };
  }
  if (/\btoday\b/.test(text)) return { since: new Date(midnight).toISOString() };
  const weekday = /\bsince (sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/.exec(text)?.[1];
  if (weekday !== undefined) {
    const back = (now.getUTCDay() - WEEKDAYS.indexOf(weekday) + 7) % 7;
    return { since: new Date(midnight - back * dayMs).toISOString() };
  }
  const iso = /\bsince (\d{4}-\d{2}-\d{2}(?:t[\d:.]+z?)?)\b/.exec(text)?.[1];
  if (iso !== undefined) return { since: iso.toUpperCase() };
  return {};
}

function periodIn(text: string, now: Date): string | undefined {
  if (/\bthis month\b|\bmonth[- ]to[- ]date\b|\bmtd\b/.test(text)) return "month-to-date";
  if (/\b(?:last|previous) month\b/.test(text)) return "last-month";
  if (/\b(?:last|past) 30 days\b/.test(text)) return "last-30d";
  const literal = /\b(\d{4}-(?:0[1-9]|1[0-2]))\b(?!-)/.exec(text)?.[1];
  if (literal !== undefined) return literal;
  const month = MONTHS.findIndex((m) => new RegExp(`\\b(?:in|for|during) ${m}\\b`).test(text));
  if (month >= 0) {
    const year = month <= now.getUTCMonth() ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
    return `${year}-${String(month + 1).padStart(2, "0")}`;
  }
  return undefined;
}

function nameIn(original: string): string | undefined {
  return /\b(?:called|named)\s+["'`]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])/.exec(original)?.[1];
}

function scopeArgs(understood: Understood): string[] {
  return [
    ...(understood.accounts === undefined ? [] : ["--accounts", understood.accounts.join(",")]),
    ...regionArgs(understood),
  ];
}

function regionArgs(understood: Understood): string[] {
  return understood.regions === undefined ? [] : ["--regions", understood.regions.join(",")];
}

function failOnArgs(understood: Understood): string[] {
  return understood.failOn === undefined ? [] : ["--fail-on", understood.failOn];
}

/** What the delete blueprint can delete, as resource types. */
const DELETABLE = new Set([
  "ec2:instance",
  "ebs:volume",
  "ebs:snapshot",
  "ec2:elastic-ip",
  "vpc:security-group",
]);

/** Parameters the request gives for the security-group and ec2-instance blueprints. */
function blueprintSets(
  blueprint: "security-group" | "ec2-instance",
  original: string,
  text: string,
): string[] {
  const sets: string[] = [];
  const name = nameIn(original);
  if (name !== undefined) sets.push(`name=${name}`);
  if (blueprint === "ec2-instance") {
    const type = INSTANCE_TYPE.exec(text)?.[1];
    if (type !== undefined) sets.push(`instanceType=${type}`);
  }
  // "allowing 443 from 10.0.0.0/8", "open port 22 to the world", "allow udp 53 from 10.0.0.0/16"
  for (const m of text.matchAll(
    /\b(?:allow(?:ing|s)?|open(?:ing|s)?|permit(?:ting)?)\s+(?:inbound\s+)?(?:(tcp|udp)\s+)?(?:port\s+)?(\d{1,5}(?:-\d{1,5})?)(?:\/(tcp|udp))?\s+(?:from|to)\s+(\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}|sg-[0-9a-f]+|anywhere|the internet|the world|everyone)/g,
  )) {
    const protocol = m[1] ?? m[3] ?? "tcp";
    const source = /^(?:anywhere|the internet|the world|everyone)$/.test(m[4]!) ? "0.0.0.0/0" : m[4]!;
    sets.push(`ingress=${protocol}:${m[2]!}:${source}`);
  }
  return sets;
}

/** `plan create <blueprint>` with the regions, the blueprint's parameters and the tags to set. */
function draftArgv(blueprint: string, understood: Understood, sets: readonly string[] = []): string[] {
  return [
    "plan",
    "create",
    blueprint,
    ...regionArgs(understood),
    ...sets.flatMap((s) => ["--set", s]),
    ...tagSets(understood),
  ];
}

function tagSets(understood: Understood): string[] {
  return Object.entries(understood.tags ?? {}).flatMap(([key, value]) => ["--set", `tags.${key}=${value}`]);
}

/** The route as a command line a person can type (single-quoting what the shell would split). */
export function formatCommand(argv: readonly string[]): string {
  return [
    "aws-coworker",
    ...argv.map((a) => (/^[\w.,:/=@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)),
  ].join(" ");
}

/** "regions eu-west-1; services ec2": what the router read, for a message. */
export function describeUnderstood(understood: Understood): string {
  const parts = Object.entries(understood).map(
    ([key, value]) =>
      `${key} ${
        Array.isArray(value)
          ? value.join(",")
          : typeof value === "object"
            ? Object.entries(value as Record<string, string>)
                .map(([k, v]) => `${k}=${v}`)
                .join(",")
            : String(value)
      }`,
  );
  return parts.length === 0
    ? "nothing specific (no region, account, service, time or tag)"
    : parts.join("; ");
}
