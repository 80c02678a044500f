import { useState, type FormEvent } from 'react';
import { can, useMe } from '../auth/session.tsx';
import { ErrorBox } from '../ui/feedback.tsx';
import { Field, fieldError } from '../ui/form.tsx';
import { Modal } from '../ui/modal.tsx';
import { useOwners, useRemoveOwner, useSetOwner, type OwnedResource } from './queries.ts';

/** Who owns a resource the Access page shows (its reviewers to come); an administrator adds and removes them here. */
export function ResourceOwners({ resource }: { resource: OwnedResource }) {
  const me = useMe();
  const operator = can(me, 'operate');
  const owners = useOwners(resource);
  const remove = useRemoveOwner();
  const [adding, setAdding] = useState(false);
  const items = owners.data?.items ?? [];
  return (
    <div className="resource-owners" aria-label={`Owners of ${resource.name}`}>
      <span className="resource-owners-label">Owners of {resource.name}:</span>{' '}
      {owners.isPending ? '…' : items.length === 0 ? <span className="muted">none</span> : null}
      {items.map((o) => (
        <span key={o.id ?? `tag-${o.person.id}`} className="chip" title={o.source === 'tag' ? `From the tag ${o.tag}` : `Set by ${o.setByName ?? o.setBy}`}>
          {o.person.displayName}
          {o.source === 'tag' && <span className="chip-kind"> (tag)</span>}
          {operator && o.id && (
            <button type="button" className="chip-remove" aria-label={`Remove owner ${o.person.displayName}`} disabled={remove.isPending} onClick={() => remove.mutate(o.id!)}>
              ✕
            </button>
          )}
        </span>
      ))}
      {operator && (
        <button type="button" className="button secondary small" onClick={() => setAdding(true)}>
          Add owner
        </button>
      )}
      {owners.error && <ErrorBox error={owners.error} />}
      {remove.error && <ErrorBox error={remove.error} />}
      {adding && <AddOwnerDialog resource={resource} onClose={() => setAdding(false)} />}
    </div>
  );
}

function AddOwnerDialog({ resource, onClose }: { resource: OwnedResource; onClose: () => void }) {
  const [email, setEmail] = useState('');
  const set = useSetOwner(onClose);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate({ connectorId: resource.connectorId, resourceType: resource.resourceType, resourceId: resource.resourceId, email: email.trim() });
  };
  return (
    <Modal title={`Add an owner of ${resource.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <Field label="Email" error={fieldError(set.error, 'email') ?? fieldError(set.error, 'personId')} hint="A person the syncs found (their email in AWS)">
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        </Field>
        {set.error && !fieldError(set.error, 'email') && !fieldError(set.error, 'personId') && <ErrorBox error={set.error} />}
        <div className="button-row">
          <button type="submit" className="button" disabled={set.isPending || email.trim() === ''}>
            Add owner
          </button>
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
