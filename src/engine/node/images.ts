// What the simulated container runtime (containerd) knows about images: the fully qualified name it reports
// in `containerStatuses[].image`, a stable digest for `imageID`, a plausible compressed size for the
// `Pulled` event, the error text of a failed pull, and which images are long-running servers.
import { SeededRandom } from '../clock/random.ts';

/** FNV-1a (32 bit): a stable number from a string, so that an image has the same digest and size everywhere. */
export function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface ImageName {
  /** registry host, e.g. docker.io, registry.k8s.io */
  domain: string;
  /** repository path inside the registry, e.g. library/nginx */
  path: string;
  tag?: string;
  digest?: string;
}

/**
 * distribution/reference ParseNormalizedNamed: a first component with a dot, a colon or `localhost` is a
 * registry; otherwise docker.io, and a single-component name lives under `library/`.
 */
export function parseImageName(image: string): ImageName {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const isDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  let domain = isDomain ? first : 'docker.io';
  let path = isDomain ? rest.slice(slash + 1) : rest;
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { domain, path, tag, digest };
}

// Every container start reports its image's runtime name and imageID: both depend only on the image reference,
// so each is computed once per reference (a digest takes a seeded generator) and the same string is shared by
// every container status that shows it. A lab run names a handful of images.
const runtimeNames = new Map<string, string>();
const imageIDs = new Map<string, string>();

/** The name containerd reports for a container's image: fully qualified, `:latest` added when untagged. */
export function runtimeImageName(image: string): string {
  let name = runtimeNames.get(image);
  if (name === undefined) runtimeNames.set(image, (name = computeRuntimeImageName(image)));
  return name;
}

function computeRuntimeImageName(image: string): string {
  const n = parseImageName(image);
  if (n.digest && !n.tag) return `${n.domain}/${n.path}@${n.digest}`;
  return `${n.domain}/${n.path}:${n.tag ?? 'latest'}`;
}

/** 64 hex digits that depend only on `seed` (its own SeededRandom, so the simulation's sequence is untouched). */
export function stableHex64(seed: string): string {
  return new SeededRandom(fnv32(seed)).hexWords(8);
}

/** `imageID` as containerd reports it: the repository with the manifest digest. */
export function imageID(image: string): string {
  let id = imageIDs.get(image);
  if (id === undefined) imageIDs.set(image, (id = computeImageID(image)));
  return id;
}

function computeImageID(image: string): string {
  const n = parseImageName(image);
  const digest = n.digest ?? `sha256:${stableHex64(runtimeImageName(image))}`;
  return `${n.domain}/${n.path}@${digest}`;
}

/** The last path component of the repository, lower case: `nginx`, `busybox`, `pause`. */
export function imageBaseName(image: string): string {
  // asked several times for every container the kubelet starts (server? shell? graceful?): kept per reference
  let base = baseNames.get(image);
  if (base === undefined) {
    const path = parseImageName(image).path;
    baseNames.set(image, (base = path.slice(path.lastIndexOf('/') + 1).toLowerCase()));
  }
  return base;
}

const baseNames = new Map<string, string>();

/** Compressed sizes of common images (bytes, as `Image size: N bytes` prints them; close to the real ones). */
const KNOWN_SIZES: Record<string, number> = {
  nginx: 72_099_410,
  'nginx-unprivileged': 72_318_544,
  httpd: 58_196_827,
  redis: 45_804_316,
  memcached: 33_164_205,
  postgres: 158_390_062,
  mysql: 172_463_715,
  mariadb: 120_771_452,
  mongo: 239_948_163,
  rabbitmq: 99_610_322,
  busybox: 2_155_494,
  alpine: 3_643_286,
  ubuntu: 29_754_422,
  debian: 48_494_272,
  centos: 79_653_958,
  perl: 333_091_572,
  python: 412_283_909,
  node: 398_771_645,
  golang: 290_436_720,
  'hello-world': 12_663,
  pause: 320_368,
  agnhost: 51_145_239,
  'hello-app': 11_296_478,
  'http-echo': 2_966_107,
  echoserver: 46_173_904,
  tensorflow: 617_334_903,
  pytorch: 3_214_502_071,
};

/** A plausible compressed size: known images from the table, others 20–300 MB, stable per repository. */
export function imageSizeBytes(image: string): number {
  const base = imageBaseName(image);
  const known = KNOWN_SIZES[base];
  if (known !== undefined) return known;
  return 20_000_000 + (fnv32(parseImageName(image).path) % 280_000_000);
}

/** The runtime error of a pull that cannot succeed (containerd's text for a reference it cannot resolve). */
export function pullErrorMessage(image: string): string {
  const ref = runtimeImageName(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

/** Images whose default command is a long-running server (they run until stopped). */
const SERVERS = new Set([
  'nginx', 'nginx-unprivileged', 'httpd', 'apache', 'redis', 'memcached', 'postgres', 'mysql', 'mariadb', 'mongo',
  'rabbitmq', 'traefik', 'haproxy', 'caddy', 'envoy', 'elasticsearch', 'kibana', 'grafana', 'prometheus', 'consul',
  'vault', 'etcd', 'registry', 'pause', 'echoserver', 'http-echo', 'hello-app', 'kuard', 'podinfo', 'whoami',
  'httpbin', 'wordpress', 'tomcat', 'jenkins', 'ghost', 'minio', 'zookeeper', 'kafka', 'nats', 'influxdb',
  'cassandra', 'openresty', 'coredns', 'hello', 'nginxdemos', 'jupyter', 'base-notebook', 'tensorflow-notebook',
]);

/** Servers that stop gracefully and exit 0 on their stop signal (nginx SIGQUIT, httpd SIGWINCH, redis, postgres …). */
const GRACEFUL_ZERO = new Set(['nginx', 'nginx-unprivileged', 'httpd', 'redis', 'postgres', 'mysql', 'mariadb', 'memcached', 'haproxy', 'caddy', 'traefik', 'openresty']);

/** Base images whose default command is a shell or REPL: without a TTY it reads EOF and exits 0 at once. */
const SHELL_IMAGES = new Set([
  'busybox', 'alpine', 'ubuntu', 'debian', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'bash',
  'python', 'node', 'golang', 'ruby', 'perl', 'openjdk', 'eclipse-temurin', 'php', 'rust', 'hello-world',
  'tensorflow', 'pytorch', 'curl', 'netshoot', 'dnsutils', 'kubectl',
]);

export function isServerImage(image: string): boolean {
  return SERVERS.has(imageBaseName(image));
}

export function exitsZeroOnStop(image: string): boolean {
  return GRACEFUL_ZERO.has(imageBaseName(image));
}

export function isShellImage(image: string): boolean {
  return SHELL_IMAGES.has(imageBaseName(image));
}

/** Images that look like machine-learning training code (Kubeflow examples): they run a while, then finish. */
export function isTrainingImage(image: string): boolean {
  return /mnist|tf-dist|horovod|training|trainer|kubeflow|katib/.test(parseImageName(image).path.toLowerCase());
}
