/**
 * One line: its fields (read from the line's own actor), its issues, and once confirmed its
 * outcome: the API state, the order reference, or why it was rejected.
 */
import { useSelector } from '@xstate/react';
import type { Issue, LineChanges, SessionContext, SessionEvent } from 'covage-orders';
import { IssueList } from './IssueList.js';

type LineRef =
  ReturnType<SessionContext['lines']['getSnapshot']>['lines'] extends Map<string, infer Ref>
    ? Ref
    : never;

interface Props {
  lineRef: LineRef;
  send: (event: SessionEvent) => void;
  editable: boolean;
  issues: readonly Issue[];
}

export function LineRow({ lineRef, send, editable, issues }: Props) {
  const line = useSelector(lineRef, (snapshot) => snapshot.context);
  const { key, index, draft, remote } = line;
  const at = `lines[${index}]`;
  const mine = issues.filter((issue) => issue.path === at || issue.path.startsWith(`${at}.`));
  const change = (changes: LineChanges) => send({ type: 'UPDATE_LINE', key, changes });
  const text = (field: 'enni' | 'cpe_networking_number' | 'cpe_serial_number', label: string) => (
    <label>
      {label}
      <input
        name={`${key}.${field}`}
        value={draft[field] ?? ''}
        disabled={!editable}
        onChange={(event) => change({ [field]: event.target.value || null })}
      />
    </label>
  );
  const option7021 = draft.option_ids?.includes('7021') ?? false;

  return (
    <div className="line" data-testid={`line-${key}`}>
      <strong>Line {index + 1}</strong> ({draft.product_offering_id} /{' '}
      {draft.product_offering_qualification_item_id})
      <div className="grid">
        <label>
          Offer family
          <select
            name={`${key}.offer_family`}
            value={draft.offer_family ?? ''}
            disabled={!editable}
            onChange={(event) => change({ offer_family: event.target.value || null })}
          >
            <option value="">(standard)</option>
            <option value="DIA">DIA</option>
          </select>
        </label>
        {text('enni', 'ENNI')}
        <label className="check">
          <input
            type="checkbox"
            name={`${key}.option_7021`}
            checked={option7021}
            disabled={!editable}
            onChange={(event) => change({ option_ids: event.target.checked ? ['7021'] : null })}
          />
          Option 7021 (CPE)
        </label>
        <span />
        {text('cpe_networking_number', 'CPE networking number')}
        {text('cpe_serial_number', 'CPE serial number')}
      </div>
      <IssueList testId={`issues-${key}`} issues={mine} />
      {remote ? (
        <p className="outcome" data-testid={`outcome-${key}`} data-state={remote.state}>
          {remote.state}
          {remote.order_reference ? ` — order ${remote.order_reference}` : ''}
          {(remote.termination_error ?? []).map((error) => (
            <span key={`${error.code}:${error.property_path}`} className="error">
              {' '}
              — {error.code} on {error.property_path}
              {error.value ? ` (${error.value})` : ''}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
