import { cascadeDomains, type DomainId } from '@shared/cascade/framework';
import type { Member } from '@shared/api/sites';

/** A site's members as a select's options: name, and organisation where known. */
export function MemberOptions({ members }: { members: readonly Member[] }) {
  return members.map((m) => (
    <option key={m.userId} value={m.userId}>
      {m.name}
      {m.organisation ? `, ${m.organisation}` : ''}
    </option>
  ));
}

/** The seven CASCADE domains as a select's options, "1. Roles, remit…"; `valueFor` makes each value. */
export function DomainOptions({ valueFor = String }: { valueFor?: (id: DomainId) => string }) {
  return cascadeDomains.map((d) => (
    <option key={d.id} value={valueFor(d.id)}>
      {d.id}. {d.shortTitle}
    </option>
  ));
}
