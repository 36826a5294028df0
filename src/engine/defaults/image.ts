// The tag of an image reference, as pkg/util/parsers.ParseImageName finds it with the
// distribution/reference grammar: "latest" when neither tag nor digest is given, "" when the
// reference does not parse (then imagePullPolicy defaults to IfNotPresent).

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const host = `(?:${domainName}|\\[(?:[a-fA-F0-9:]+)\\])`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const name = `(?:${domainAndPort}/)?${pathComponent}(?:/${pathComponent})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const reference = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);

/** The tag ParseImageName reports: the explicit tag, "latest" if untagged and undigested, "" on error. */
export function imageTag(image: string): string {
  // a bare 64-hex string is an image ID, not a name
  if (/^[a-f0-9]{64}$/.test(image)) return '';
  // the part before the first '/' is a registry only if it looks like one; the rest must be lower case
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const isDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  const remote = isDomain ? image.slice(slash + 1) : image;
  const remoteName = remote.replace(/[:@].*$/, '');
  if (remoteName.toLowerCase() !== remoteName) return '';
  const m = reference.exec(image);
  if (!m) return '';
  if (m[2]) return m[2];
  return m[3] ? '' : 'latest';
}

/** SetDefaults_Container's rule: Always for ":latest" (or no tag), IfNotPresent otherwise. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}
