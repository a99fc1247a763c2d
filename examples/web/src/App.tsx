/**
 * The page: a contact, lines, the confirmation rules live, CONFIRM, then each line's outcome.
 * Everything shown is read from the session actor (`useMachine`) and its lines (`useSelector`);
 * every edit is an event (ADD_LINE, UPDATE_LINE), so the form and the engine never disagree.
 */
import { useMachine, useSelector } from '@xstate/react';
import {
  CONFIRMATION_RULES,
  type ConfirmationRule,
  type OrderSessionMachine,
  readiness,
} from 'covage-orders';
import { useState } from 'react';
import { CONTACT_FIELDS, type ContactForm, contactOf } from './contact.js';
import { IssueList } from './IssueList.js';
import { LineRow } from './LineRow.js';

const RULE_LABELS: Record<ConfirmationRule, string> = {
  sessionHasLines: 'at least one line',
  requiredAtConfirmationFilled: 'required fields filled in',
  cpeFieldsGivenWithOption7021: 'option 7021 ⇒ CPE fields',
  cpeFieldsEmptyWithoutOption7021: 'no CPE fields without 7021',
  siretGivenAndValidWhenKnown: 'SIRET valid when known',
  noOtherBlockingIssue: 'nothing else blocking',
};

const SESSION_OPTIONS = { syncDelayMs: 100, poll: { initialDelayMs: 200, maxDelayMs: 1000 } };

function stateText(value: unknown): string {
  if (typeof value === 'string') return value;
  const [key, inner] = Object.entries(value as Record<string, unknown>)[0] ?? ['', ''];
  const rest = stateText(inner);
  return rest ? `${key}.${rest}` : key;
}

export function App({ machine }: { machine: OrderSessionMachine }) {
  const [snapshot, send] = useMachine(machine, {
    input: { instanceKey: crypto.randomUUID().slice(0, 8), options: SESSION_OPTIONS },
  });
  const lines = useSelector(snapshot.context.lines, (registry) => [...registry.lines.values()]);
  const [contact, setContact] = useState<ContactForm>({});
  const [product, setProduct] = useState({ offer: '2173', qualification: '' });
  const check = readiness(snapshot);
  const editable = snapshot.hasTag('editable');

  const changeContact = (next: ContactForm) => {
    setContact(next);
    for (const ref of lines) {
      const key = ref.getSnapshot().context.key;
      send({
        type: 'UPDATE_LINE',
        key,
        changes: { related_contact_information: [contactOf(next)] },
      });
    }
  };
  const addLine = () => {
    send({
      type: 'ADD_LINE',
      line: {
        product_offering_id: product.offer,
        product_offering_qualification_item_id: product.qualification,
        related_contact_information: [contactOf(contact)],
      },
    });
    setProduct({ ...product, qualification: '' });
  };

  return (
    <main>
      <h1>New order</h1>
      <section>
        <h2>Site contact</h2>
        <div className="grid">
          {CONTACT_FIELDS.map(({ field, label }) => (
            <label key={field}>
              {label}
              <input
                name={`contact.${field}`}
                value={contact[field] ?? ''}
                disabled={!editable}
                onChange={(event) => changeContact({ ...contact, [field]: event.target.value })}
              />
            </label>
          ))}
        </div>
      </section>
      <section>
        <h2>Lines</h2>
        <div className="grid">
          <label>
            Offering
            <input
              name="new.product_offering_id"
              value={product.offer}
              onChange={(event) => setProduct({ ...product, offer: event.target.value })}
            />
          </label>
          <label>
            Qualification item
            <input
              name="new.product_offering_qualification_item_id"
              value={product.qualification}
              onChange={(event) => setProduct({ ...product, qualification: event.target.value })}
            />
          </label>
          <label>
            &nbsp;
            <button type="button" data-testid="add-line" disabled={!editable} onClick={addLine}>
              Add line
            </button>
          </label>
        </div>
        {lines.map((ref) => (
          <LineRow
            key={ref.id}
            lineRef={ref}
            send={send}
            editable={editable}
            issues={check.issues}
          />
        ))}
      </section>
      <section>
        <h2>Confirmation</h2>
        {/* The rules speak of the draft: once sent, the outcomes above tell the rest. */}
        {editable ? (
          <ul className="rules" data-testid="rules">
            {CONFIRMATION_RULES.map((rule) => (
              <li
                key={rule}
                className={check.rules[rule]}
                data-testid={`rule-${rule}`}
                data-result={check.rules[rule]}
              >
                {RULE_LABELS[rule]}: {check.rules[rule]}
              </li>
            ))}
          </ul>
        ) : null}
        <IssueList testId="session-issues" issues={snapshot.context.issues} />
        <p>
          <button
            type="button"
            data-testid="confirm"
            disabled={!snapshot.can({ type: 'CONFIRM' })}
            onClick={() => send({ type: 'CONFIRM' })}
          >
            Confirm the order
          </button>{' '}
          <span className="status" data-testid="session-state">
            {stateText(snapshot.value)}
          </span>
          {snapshot.context.sessionId ? ` — session ${snapshot.context.sessionId}` : ''}
        </p>
      </section>
    </main>
  );
}
