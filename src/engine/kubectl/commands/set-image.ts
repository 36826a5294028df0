// `kubectl set image TYPE/NAME CONTAINER=IMAGE ...` (kubectl pkg/cmd/set/set_image.go): changes container
// images in the object's pod template (`*` = every container, init containers included) and prints
// `deployment.apps/web image updated` (recorded with kubectl 1.35.2, demo 55). A Deployment's controller then
// rolls out a new ReplicaSet (§3.4–3.5). Nothing is printed when no image changes (kubectl sends no patch).
import type { Simulation } from '../../sim/simulation.ts';
import type { KubeObject } from '../../api/objects.ts';
import type { CommandResult } from '../get.ts';
import { apiErrorText, fail, isResult, notFoundText, objectRef, ok, parseFlags, resolveTarget } from './common.ts';
import { podSpecOf } from './pod-spec-of.ts';

export function setImage(sim: Simulation, args: string[]): CommandResult {
  const flags = parseFlags(args, [], 'set image');
  if (isResult(flags)) return flags;
  const resolved = resolveTarget(flags.positional);
  if (typeof resolved === 'string') return fail(resolved);
  const { target } = resolved;
  const pairs = flags.positional.slice(resolved.used);
  if (pairs.length === 0) return fail('error: at least one image update is required');
  const images = new Map<string, string>();
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0 || eq === p.length - 1) return fail(`error: invalid image update: ${p}`);
    images.set(p.slice(0, eq), p.slice(eq + 1));
  }
  const ns = target.kind.namespaced ? flags.namespace : undefined;
  const current = sim.api.get(target.kind.kind, ns, target.name);
  if (!current) return fail(notFoundText(target));
  const missing = applyImages(current, images);
  if (missing === null) return fail(`error: setting images is not supported for ${target.kind.resource}`);
  // set_image.go reports every container name it could not find, one error each.
  if (missing.length) return fail(missing.map((n) => `error: unable to find container named "${n}"`).join('\n'));
  if (!changed(sim.api.get(target.kind.kind, ns, target.name)!, current)) return ok('');
  const r = sim.api.patch(target.kind.kind, ns, target.name, (o) => void applyImages(o, images));
  if (!r.ok) return fail(apiErrorText(r.error));
  return ok(`${objectRef(target)} image updated\n`);
}

/** Sets the images in place; returns the names that matched no container, or null when `obj` has no pod spec. */
function applyImages(obj: KubeObject, images: Map<string, string>): string[] | null {
  const spec = podSpecOf(obj);
  if (!spec) return null;
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const missing: string[] = [];
  for (const [name, image] of images) {
    let found = false;
    for (const c of containers) {
      if (name === '*' || c.name === name) {
        c.image = image;
        found = true;
      }
    }
    if (!found) missing.push(name);
  }
  return missing;
}

function changed(before: KubeObject, after: KubeObject): boolean {
  return JSON.stringify(podSpecOf(before)) !== JSON.stringify(podSpecOf(after));
}
