// A compact, readable form of a statement tree, for parser tests.
import type { Statement } from '../../server/src/core/index';

/** A compact, readable form of a statement tree. */
export function summary(st: Statement): string {
  switch (st.type) {
    case 'title':
      return `title "${st.text.value}"`;
    case 'metadata':
      return `${st.key}: "${st.value.value}"`;
    case 'participant':
      return [
        st.kind,
        st.name.value,
        st.displayName && `"${st.displayName.value}"`,
        st.scope,
        st.description && `: "${st.description.value}"`,
      ]
        .filter(Boolean)
        .join(' ');
    case 'message':
      return `${st.from.value} ${st.arrow} ${st.activation ?? ''}${st.to.value}${st.label ? `: "${st.label.value}"` : ''}`;
    case 'takes':
      return `takes ${st.duration?.ms ?? '?'}ms`;
    case 'timeout':
      return `timeout ${st.duration?.ms ?? '?'}ms${st.action ? `: "${st.action.value}"` : ''}`;
    case 'activate':
    case 'deactivate':
    case 'destroy':
      return `${st.type} ${st.name.value}`;
    case 'note':
      return `note ${st.position} ${st.targets.map((t) => t.value).join(',')}${st.text ? `: "${st.text.value}"` : ''}`;
    case 'divider':
      return `divider "${st.text?.value ?? ''}"`;
    case 'delay':
      return `delay "${st.text?.value ?? ''}"`;
    case 'autonumber':
      return ['autonumber', st.mode === 'on' ? '' : st.mode, st.start, st.step].filter((x) => x !== undefined && x !== '').join(' ');
    case 'box':
      return `box ${st.name.value}${st.label ? ` "${st.label.value}"` : ''}{${st.participants.map(summary).join('; ')}}${st.endSpan ? '' : ' (open)'}`;
    case 'create':
      return `create ${st.declaration ? summary(st.declaration) : st.name.value}`;
    case 'ref':
      return `ref over ${st.targets.map((t) => t.value).join(',')}: ${st.target.file ? `${st.target.file.value} # ` : ''}"${st.target.sequence.value}"`;
    case 'flow':
      return `flow "${st.name?.value ?? ''}": ${st.steps.map((s) => s.value).join(' > ')}`;
    case 'fragment':
      return `${st.kind}{${st.branches.map((b) => `${b.keyword}${b.condition ? ` "${b.condition.value}"` : ''}[${b.statements.map(summary).join('; ')}]`).join(' ')}}${st.endSpan ? '' : ' (open)'}`;
    case 'sequence':
      return `sequence "${st.name?.value ?? ''}"${st.within ? ` within ${st.within.ms}ms` : ''}{${st.statements.map(summary).join('; ')}}${st.endSpan ? '' : ' (open)'}`;
  }
}
