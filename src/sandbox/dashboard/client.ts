/**
 * The dashboard's browser script. It is type-checked with the rest of the project and served
 * as its own source text (`(dashboardClient)(config)`, see script.ts): so it must stay one
 * self-contained function, using nothing from outside but the browser's globals (type-only
 * imports are erased and fine).
 */
import type { DashboardView, LineView, SessionView } from './view.js';

export interface ClientConfig {
  /** The Server-Sent Events URL of the view. */
  events: string;
  /** The URL prefix of the diagrams: `${diagrams}/<name>.svg`. */
  diagrams: string;
}

export function dashboardClient(config: ClientConfig): void {
  type Kind = 'session' | 'line';
  interface Selection {
    kind: Kind;
    id: string;
  }
  interface Found {
    session: SessionView;
    line?: LineView;
  }

  const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const table = byId<HTMLTableElement>('sessions-table');
  const empty = byId<HTMLParagraphElement>('sessions-empty');
  const connection = byId<HTMLParagraphElement>('connection');
  const activity = byId<HTMLOListElement>('activity-list');
  const diagramBox = byId<HTMLDivElement>('diagram');
  const tableBox = byId<HTMLDivElement>('sessions-scroll');
  const titles: Record<string, string> = {
    session: 'Order session state diagram',
    line: 'Order line state diagram',
  };

  let view: DashboardView = { sessions: [] };
  let received = false;
  let selection: Selection | null = readHash();
  let wanted: { name: string; stateId: string; apiState: string } | null = null;
  let shownDiagram = '';
  /** The selection last scrolled into view (a selection is brought into view once). */
  let revealed = '';
  const diagrams = new Map<string, Promise<string>>();

  function readHash(): Selection | null {
    const match = /^#(session|line)=(.+)$/.exec(location.hash);
    return match ? { kind: match[1] as Kind, id: decodeURIComponent(match[2] ?? '') } : null;
  }

  function element<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    text?: string,
    className?: string,
  ): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  const readableState = (stateId: string) => stateId.split('__').join(' › ');
  const shortTime = (iso: string | null) =>
    iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '—';
  const sessionName = (session: SessionView) =>
    `Session ${session.number}${session.externalId ? ` (${session.externalId})` : ''}`;
  /** The order file's line number where the engine named the line, else its external_id. */
  const lineName = (line: LineView) =>
    line.number !== null
      ? `Line ${line.number}`
      : `Line ${line.externalId || `(no external_id, #${line.position} created)`}`;

  /** The tone of a state (also told by an icon and the state's name, never by colour alone). */
  function tone(state: string, diagramState: string): { tone: string; icon: string } {
    if (['rejected', 'rejected_creation', 'technical_error'].includes(state))
      return { tone: 'bad', icon: '✗' };
    if (state === 'partial') return { tone: 'ok', icon: '◑' };
    if (state === 'completed' || diagramState.startsWith('order_created'))
      return { tone: 'ok', icon: '✓' };
    if (diagramState === 'created') return { tone: 'new', icon: '○' };
    return { tone: 'wait', icon: '◔' };
  }

  function badge(state: string, diagramState: string): HTMLSpanElement {
    const { tone: name, icon } = tone(state, diagramState);
    const span = element('span', undefined, 'badge');
    span.dataset.tone = name;
    const mark = element('span', `${icon} `);
    mark.setAttribute('aria-hidden', 'true');
    span.append(mark, state);
    return span;
  }

  /** Replaces a cell's content only when it changed (keeps the DOM, and focus, stable). */
  function fill(cell: HTMLElement, key: string, build: () => (Node | string)[]) {
    if (cell.dataset.content === key) return;
    cell.dataset.content = key;
    cell.replaceChildren(...build());
  }

  /** Text that never breaks across lines (an id, a reference). */
  const nowrap = (text: string) => element('span', text, 'nowrap');

  /** A muted second line: the parts, each kept whole, separated by ` · `. */
  function sub(parts: string[]): HTMLElement[] {
    const given = parts.filter(Boolean);
    if (given.length === 0) return [];
    const line = element('span', undefined, 'sub');
    given.forEach((part, index) => {
      if (index > 0) line.append(' · ');
      line.append(nowrap(part));
    });
    return [line];
  }

  /** References, each on a line of its own, never broken. */
  function references(...values: string[]): (Node | string)[] {
    const given = values.filter(Boolean);
    return given.length > 0 ? given.map((value) => element('span', value, 'ref')) : ['—'];
  }

  /** `code (property.path)`, breakable only after a path's dots and before its brackets. */
  function errorItem(code: string, path: string): HTMLElement {
    const item = element('span', undefined, 'error-item');
    item.append(element('code', code));
    if (path) {
      const where = element('span', undefined, 'error-path');
      where.append(' (');
      path.split(/(?<=\.)|(?=\[)/).forEach((part, index) => {
        if (index > 0) where.append(element('wbr'));
        where.append(part);
      });
      where.append(')');
      item.append(where);
    }
    return item;
  }

  // ---- the table ----------------------------------------------------------------------------

  const bodies = new Map<string, HTMLTableSectionElement>();

  function row(body: HTMLTableSectionElement, kind: Kind, id: string, index: number) {
    let tr = body.querySelector<HTMLTableRowElement>(`tr[data-id="${CSS.escape(id)}"]`);
    if (!tr) {
      tr = element('tr', undefined, `row ${kind}-row`);
      tr.dataset.kind = kind;
      tr.dataset.id = id;
      tr.tabIndex = -1;
      const head = element('th');
      head.scope = 'row';
      tr.append(head, element('td'), element('td'));
    }
    if (body.rows[index] !== tr) body.insertBefore(tr, body.rows[index] ?? null);
    return tr.cells;
  }

  function renderTable() {
    const seen = new Set<string>();
    view.sessions.forEach((session, index) => {
      seen.add(session.id);
      let body = bodies.get(session.id);
      if (!body) {
        body = element('tbody', undefined, 'session');
        body.dataset.sessionId = session.id;
        bodies.set(session.id, body);
      }
      if (table.tBodies[index] !== body) table.insertBefore(body, table.tBodies[index] ?? null);
      const [name, state, refs] = row(body, 'session', session.id, 0);
      const owner = [session.user, session.projectId].filter(Boolean);
      if (name)
        fill(name, `${session.number} ${session.externalId} ${owner.join(' ')}`, () => [
          `Session ${session.number}`,
          ...(session.externalId ? [' ', nowrap(`(${session.externalId})`)] : []),
          ...sub(owner),
        ]);
      const failed = session.lines.filter((line) => line.terminationError.length > 0).length;
      const failedText = failed === 0 ? '' : `${failed} line${failed === 1 ? '' : 's'} refused`;
      if (state)
        fill(state, session.state + failedText, () => [
          badge(session.state, session.diagramState),
          ...sub([failedText]),
        ]);
      const lineCount = `${session.lines.length} line${session.lines.length === 1 ? '' : 's'}`;
      if (refs) fill(refs, lineCount, () => [lineCount]);
      session.lines.forEach((line, lineIndex) => {
        const [lName, lState, lRefs] = row(body, 'line', line.id, lineIndex + 1);
        const title = lineName(line);
        const generated = line.number !== null ? line.externalId : '';
        const offer = line.productOfferingId && `offer ${line.productOfferingId}`;
        if (lName)
          fill(lName, title + generated + offer, () => [
            title,
            ...(generated ? [element('span', generated, 'ref sub')] : []),
            ...sub([offer]),
          ]);
        const codes = line.terminationError.map((error) => `${error.code} ${error.property_path}`);
        if (lState)
          fill(lState, line.state + line.diagramState + codes.join(','), () => [
            badge(line.state, line.diagramState),
            ...line.terminationError.map((error) => errorItem(error.code, error.property_path)),
          ]);
        if (lRefs)
          fill(lRefs, `${line.temporaryReference} ${line.orderReference}`, () =>
            references(line.temporaryReference, line.orderReference),
          );
      });
      const keep = new Set([session.id, ...session.lines.map((line) => line.id)]);
      for (const tr of [...body.rows]) if (!keep.has(tr.dataset.id ?? '')) tr.remove();
    });
    for (const [id, body] of bodies)
      if (!seen.has(id)) {
        body.remove();
        bodies.delete(id);
      }
    empty.hidden = view.sessions.length > 0;
    table.hidden = view.sessions.length === 0;
    markSelection();
    revealSelection();
  }

  /** Brings a new selection's row into view (once: the user's own scrolling is left alone). */
  function revealSelection() {
    if (!selection || revealed === selection.id) return;
    const tr = rows().find((item) => item.dataset.id === selection?.id);
    if (!tr) return;
    revealed = selection.id;
    const box = tableBox.getBoundingClientRect();
    const spot = tr.getBoundingClientRect();
    const head = table.tHead?.getBoundingClientRect().height ?? 0;
    if (spot.top < box.top + head || spot.bottom > box.bottom)
      tableBox.scrollTop += spot.top - box.top - head;
    const onPage = tr.getBoundingClientRect();
    if (onPage.top < 0 || onPage.bottom > window.innerHeight)
      tr.scrollIntoView({ block: 'nearest' });
  }

  const rows = () => [...table.querySelectorAll<HTMLTableRowElement>('tr.row')];

  /** One row in the Tab order (the focused, else the selected, else the first); arrows move. */
  function markSelection() {
    const all = rows();
    for (const tr of all)
      if (selection && tr.dataset.id === selection.id) tr.setAttribute('aria-current', 'true');
      else tr.removeAttribute('aria-current');
    const focused = all.find((tr) => tr === document.activeElement);
    const stop = focused ?? all.find((tr) => tr.dataset.id === selection?.id) ?? all[0];
    for (const tr of all) tr.tabIndex = tr === stop ? 0 : -1;
  }

  function focusRow(target: HTMLTableRowElement | undefined) {
    if (!target) return;
    for (const tr of rows()) tr.tabIndex = tr === target ? 0 : -1;
    target.focus();
  }

  function select(tr: HTMLTableRowElement) {
    const kind = tr.dataset.kind === 'line' ? 'line' : 'session';
    selection = { kind, id: tr.dataset.id ?? '' };
    history.replaceState(null, '', `#${kind}=${encodeURIComponent(selection.id)}`);
    revealed = selection.id;
    markSelection();
    renderDetails();
  }

  table.addEventListener('click', (event) => {
    const tr = (event.target as Element).closest<HTMLTableRowElement>('tr.row');
    if (tr) select(tr);
  });

  table.addEventListener('keydown', (event) => {
    const tr = (event.target as Element).closest<HTMLTableRowElement>('tr.row');
    if (!tr) return;
    const all = rows();
    const at = all.indexOf(tr);
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: all.length - 1,
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(tr);
    } else if (event.key in moves) {
      event.preventDefault();
      focusRow(all[Math.min(all.length - 1, Math.max(0, moves[event.key] ?? at))]);
    }
  });

  // ---- the details --------------------------------------------------------------------------

  function find(): Found | null {
    if (!selection) return null;
    for (const session of view.sessions) {
      if (selection.kind === 'session' && session.id === selection.id) return { session };
      const line = session.lines.find((item) => item.id === selection?.id);
      if (line) return { session, line };
    }
    return null;
  }

  /** Facts as `[term, value, isReference]`: a reference is never broken across lines. */
  function facts(pairs: [string, string, boolean?][]) {
    const list = byId<HTMLDListElement>('details-facts');
    list.replaceChildren(
      ...pairs.flatMap(([term, value, reference]) => {
        const dd = element('dd');
        dd.append(value && reference ? element('span', value, 'ref') : value || '—');
        return [element('dt', term), dd];
      }),
    );
  }

  function listInto(id: string, sectionId: string, items: (Node | string)[][]) {
    const list = byId<HTMLElement>(id);
    list.replaceChildren(
      ...items.map((parts) => {
        const item = element('li');
        item.append(...parts);
        return item;
      }),
    );
    byId<HTMLElement>(sectionId).hidden = false;
    if (items.length === 0) list.replaceChildren(element('li', 'None.'));
  }

  function timeNode(iso: string | null): HTMLTimeElement {
    const node = element('time', shortTime(iso));
    if (iso) node.dateTime = iso;
    return node;
  }

  function renderDetails() {
    const found = find();
    const heading = byId<HTMLHeadingElement>('details-heading');
    const hint = byId<HTMLParagraphElement>('details-hint');
    const figure = byId<HTMLElement>('diagram-figure');
    if (!found) {
      heading.textContent = 'Nothing selected';
      hint.hidden = false;
      figure.hidden = true;
      facts([]);
      byId<HTMLElement>('history-section').hidden = true;
      byId<HTMLElement>('errors-section').hidden = true;
      return;
    }
    hint.hidden = true;
    figure.hidden = false;
    const { session, line } = found;
    if (line) {
      heading.textContent = `${lineName(line)} of ${sessionName(session)}`;
      facts([
        ['API state', line.state],
        ['Diagram state', readableState(line.diagramState)],
        ['Line in the order file', line.number === null ? '' : String(line.number)],
        ['Temporary reference', line.temporaryReference, true],
        ['Order reference', line.orderReference, true],
        ['Offering', line.productOfferingId],
        ['External id', line.externalId, true],
        ['Line id', line.id, true],
      ]);
      listInto(
        'history',
        'history-section',
        line.stateChange.map((change) => [
          timeNode(change.change_date),
          ` ${change.state}${change.change_reason ? ` (${change.change_reason})` : ''}`,
        ]),
      );
      listInto(
        'errors',
        'errors-section',
        line.terminationError.map((error) => [
          element('code', error.code),
          ` on ${error.property_path || '(no field)'}${error.value ? `: “${error.value}”` : ''}`,
        ]),
      );
      showDiagram('line', line.diagramState, line.state);
    } else {
      heading.textContent = sessionName(session);
      facts([
        ['API state', session.state],
        ['Diagram state', readableState(session.diagramState)],
        ['User', session.user],
        ['External id', session.externalId, true],
        ['Project', session.projectId, true],
        ['Session id', session.id, true],
        ['Lines', String(session.lines.length)],
      ]);
      const history: (Node | string)[][] = [[timeNode(session.creationDate), ' created']];
      if (session.orderDate) history.push([timeNode(session.orderDate), ' confirmed: in_progress']);
      if (session.completionDate)
        history.push([timeNode(session.completionDate), ` outcome: ${session.state}`]);
      listInto('history', 'history-section', history);
      listInto(
        'errors',
        'errors-section',
        session.lines.flatMap((item) =>
          item.terminationError.map((error) => [
            `${lineName(item)}: `,
            element('code', error.code),
            ` on ${error.property_path || '(no field)'}`,
          ]),
        ),
      );
      showDiagram('session', session.diagramState, session.state);
    }
  }

  // ---- the diagram --------------------------------------------------------------------------

  function loadDiagram(name: string): Promise<string> {
    let svg = diagrams.get(name);
    if (!svg) {
      svg = fetch(`${config.diagrams}/${name}.svg`).then((response) => {
        if (!response.ok) throw new Error(`diagram ${name}: ${response.status}`);
        return response.text();
      });
      diagrams.set(name, svg);
    }
    return svg;
  }

  function showDiagram(name: string, stateId: string, apiState: string) {
    wanted = { name, stateId, apiState };
    if (shownDiagram === name) return highlight();
    loadDiagram(name).then(
      (svg) => {
        if (wanted?.name !== name) return;
        diagramBox.innerHTML = svg;
        shownDiagram = name;
        highlight();
      },
      () => {
        diagramBox.textContent = 'The diagram could not be loaded.';
      },
    );
  }

  function highlight() {
    const svg = diagramBox.querySelector('svg');
    if (!svg || !wanted) return;
    const { name, stateId, apiState } = wanted;
    for (const node of svg.querySelectorAll('.current, .active, .from-current'))
      node.classList.remove('current', 'active', 'from-current');
    const state = (id: string) => svg.querySelector(`.state[data-state-id="${CSS.escape(id)}"]`);
    const parts = stateId.split('__');
    const sources = [...svg.querySelectorAll<SVGElement>('.state.machine-wide')].map(
      (node) => node.dataset.stateId ?? '',
    );
    for (let depth = 1; depth <= parts.length; depth++) {
      const id = parts.slice(0, depth).join('__');
      sources.push(id);
      if (depth < parts.length) state(id)?.classList.add('active');
    }
    const current = state(stateId);
    current?.classList.add('current');
    // What may happen next: the transitions of the current state and of the states around it.
    if (current)
      for (const id of sources)
        for (const node of svg.querySelectorAll(
          `.transition[data-source="${CSS.escape(id)}"], .transition-label[data-source="${CSS.escape(id)}"]`,
        ))
          node.classList.add('from-current');
    const label = `${titles[name] ?? name}, current state: ${readableState(stateId)}`;
    svg.setAttribute('aria-label', label);
    svg.dataset.current = stateId;
    const title = svg.querySelector('title');
    if (title) title.textContent = label;
    byId<HTMLElement>('diagram-caption').textContent =
      `${titles[name] ?? name}. Current state: ${readableState(stateId)} (API state ${apiState}).`;
    if (current) {
      const box = diagramBox.getBoundingClientRect();
      const spot = current.getBoundingClientRect();
      diagramBox.scrollTop += spot.top - box.top - (box.height - spot.height) / 2;
      diagramBox.scrollLeft += spot.left - box.left - (box.width - spot.width) / 2;
    }
  }

  const fit = byId<HTMLButtonElement>('diagram-fit');
  fit.addEventListener('click', () => {
    const on = fit.getAttribute('aria-pressed') !== 'true';
    fit.setAttribute('aria-pressed', String(on));
    diagramBox.classList.toggle('fit', on);
    highlight();
  });

  // ---- the activity log ---------------------------------------------------------------------

  function log(text: string) {
    const item = element('li');
    const stamp = new Date();
    const time = element('time', stamp.toLocaleTimeString());
    time.dateTime = stamp.toISOString();
    item.append(time, text);
    activity.prepend(item);
    while (activity.children.length > 100) activity.lastElementChild?.remove();
  }

  function announce(before: DashboardView, after: DashboardView) {
    const old = new Map(before.sessions.map((session) => [session.id, session]));
    for (const session of [...after.sessions].reverse()) {
      const name = sessionName(session);
      const previous = old.get(session.id);
      if (!previous) log(`${name} created (${session.state}).`);
      else if (previous.state !== session.state)
        log(`${name} is now ${session.state} (was ${previous.state}).`);
      const oldLines = new Map((previous?.lines ?? []).map((line) => [line.id, line]));
      for (const line of session.lines) {
        const was = oldLines.get(line.id);
        const why = line.terminationError.map((error) => error.code).join(', ');
        if (!was) log(`${lineName(line)} added to ${name}.`);
        else if (was.state !== line.state)
          log(
            `${lineName(line)} of ${name} is now ${line.state} (was ${was.state})${why ? `: ${why}` : ''}.`,
          );
      }
      for (const line of previous?.lines ?? [])
        if (!session.lines.some((item) => item.id === line.id))
          log(`${lineName(line)} removed from ${name}.`);
    }
  }

  // ---- the live feed ------------------------------------------------------------------------

  function receive(next: DashboardView) {
    if (received) announce(view, next);
    else log(`Connected: ${next.sessions.length} order session(s).`);
    received = true;
    view = next;
    const newest = next.sessions[0];
    if (!find() && newest) selection = { kind: 'session', id: newest.id };
    renderTable();
    renderDetails();
  }

  function status(state: string, text: string) {
    if (connection.dataset.state === state) return;
    connection.dataset.state = state;
    connection.textContent = text;
  }

  const source = new EventSource(config.events);
  source.addEventListener('view', (event) => {
    receive(JSON.parse((event as MessageEvent<string>).data) as DashboardView);
  });
  source.addEventListener('open', () => status('live', 'Live: updates as the sandbox changes'));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED)
      status('lost', 'Disconnected: reload the page to reconnect');
    else status('connecting', 'Reconnecting…');
  });
  renderTable();
}
