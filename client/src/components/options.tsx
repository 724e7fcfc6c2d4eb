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

/** The seven CASCADE domains as a select's options, "1. Roles, remit…"; `valueFor` makes each value; `first` (a session's domains) lead. */
export function DomainOptions({ valueFor = String, first = [] }: { valueFor?: (id: DomainId) => string; first?: readonly DomainId[] }) {
  const ordered = [...cascadeDomains].sort((a, b) => Number(first.includes(b.id)) - Number(first.includes(a.id)));
  return ordered.map((d) => (
    <option key={d.id} value={valueFor(d.id)}>
      {d.id}. {d.shortTitle}
    </option>
  ));
}
