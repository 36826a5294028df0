// Adoption and release (§0.2; pkg/controller/controller_ref_manager.go, BaseControllerRefManager.ClaimObject):
// a controller keeps what it owns and still selects, releases what it owns but no longer selects (unless it
// is being deleted), and adopts matching orphans that are not being deleted. Used by the ReplicaSet
// controller for pods and by the Deployment controller for ReplicaSets.
import type { ApiServer } from '../../api/api-server.ts';
import type { ApiError } from '../../api/api-error.ts';
import { controllerOf, newControllerRef, type KubeObject } from '../../api/objects.ts';
import { selectorMatches, type Selector } from '../../validate/rules/meta.ts';

export interface ClaimContext {
  api: ApiServer;
  /** The controller claiming (a ReplicaSet or a Deployment, as cached). */
  owner: KubeObject;
  selector: Selector;
}

export interface ClaimResult<T> {
  claimed: T[];
  errors: string[];
}

/**
 * RecheckDeletionTimestamp: before the first adoption, read the owner from the API server (not the cache)
 * and refuse to adopt if it is gone, replaced or being deleted.
 */
function adoptionRefusal(ctx: ClaimContext): string | undefined {
  const { owner } = ctx;
  const fresh = ctx.api.get(owner.kind, owner.metadata.namespace, owner.metadata.name);
  if (!fresh || fresh.metadata.uid !== owner.metadata.uid) {
    return `original ${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name} is gone: got uid ${fresh?.metadata.uid ?? ''}, wanted ${owner.metadata.uid}`;
  }
  if (fresh.metadata.deletionTimestamp !== undefined) {
    return `${owner.metadata.namespace}/${owner.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`;
  }
  return undefined;
}

function errorText(e: ApiError): string {
  return e.message;
}

/** ClaimObject over `candidates`; returns the ones this controller now owns. */
export function claimObjects<T extends KubeObject>(ctx: ClaimContext, candidates: Iterable<T>): ClaimResult<T> {
  const { owner, selector, api } = ctx;
  const claimed: T[] = [];
  const errors: string[] = [];
  let refusal: string | undefined | null = null; // null: not checked yet
  const ownerDeleting = owner.metadata.deletionTimestamp !== undefined;
  for (const obj of candidates) {
    const ref = controllerOf(obj);
    const matches = selectorMatches(selector, obj.metadata.labels ?? {});
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches) {
        claimed.push(obj);
        continue;
      }
      if (ownerDeleting) continue;
      const r = api.patch(obj.kind, obj.metadata.namespace, obj.metadata.name, (o) => {
        if (o.metadata.uid !== obj.metadata.uid) return;
        o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((x) => x.uid !== owner.metadata.uid);
        if (o.metadata.ownerReferences.length === 0) delete o.metadata.ownerReferences;
      });
      if (!r.ok && r.error.reason !== 'NotFound' && r.error.reason !== 'Invalid') errors.push(errorText(r.error));
      continue;
    }
    if (ownerDeleting || !matches || obj.metadata.deletionTimestamp !== undefined) continue;
    if (owner.metadata.namespace && owner.metadata.namespace !== obj.metadata.namespace) continue;
    if (refusal === null) refusal = adoptionRefusal(ctx);
    if (refusal !== undefined) {
      errors.push(refusal);
      continue;
    }
    let adopted = false;
    const r = api.patch(obj.kind, obj.metadata.namespace, obj.metadata.name, (o) => {
      if (o.metadata.uid !== obj.metadata.uid || controllerOf(o)) return;
      o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), newControllerRef(owner)];
      adopted = true;
    });
    if (!r.ok) {
      if (r.error.reason !== 'NotFound') errors.push(errorText(r.error));
      continue;
    }
    if (adopted) claimed.push(r.object as T);
  }
  return { claimed, errors };
}
