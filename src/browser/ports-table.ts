// Enhances the full /ports/ table: filters and sorting, with the state kept in the URL query.
import {
  compareCells,
  queryFromState,
  rowMatches,
  stateFromQuery,
  type FilterState,
  type RowFacts,
} from './table-filter';

const form = document.querySelector<HTMLFormElement>('#port-filters');
const table = document.querySelector<HTMLTableElement>('#ports-table');

if (form && table) {
  const tbody = table.tBodies[0]!;
  const rows = [...tbody.rows];
  const original = rows.slice();
  const facts = new Map<HTMLTableRowElement, RowFacts>(
    rows.map((row) => [
      row,
      {
        port: row.dataset.port ?? '',
        protocol: row.dataset.protocol ?? '',
        bind: row.dataset.bind ?? '',
        roles: (row.dataset.roles ?? '').split(' '),
        service: row.dataset.service ?? '',
        releases: (row.dataset.releases ?? '').split(' '),
        text: row.textContent ?? '',
      },
    ]),
  );
  const headers = [...table.tHead!.rows[0]!.cells];
  const count = form.querySelector<HTMLElement>('.count')!;
  let state: FilterState = stateFromQuery(location.search);

  // Sortable headers: a real button inside each th, so the keyboard can reach them.
  headers.forEach((th, index) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = th.textContent;
    th.textContent = '';
    th.append(button);
    button.addEventListener('click', () => {
      const same = state.sort === String(index);
      state = { ...state, sort: String(index), dir: same && state.dir !== 'desc' ? 'desc' : 'asc' };
      apply(true);
    });
  });

  function readForm(): void {
    const data = new FormData(form!);
    const next: FilterState = {};
    if (state.sort) next.sort = state.sort;
    if (state.dir) next.dir = state.dir;
    for (const [key, value] of data)
      if (typeof value === 'string' && value.trim()) next[key as keyof FilterState] = value.trim();
    state = next;
  }

  function writeForm(): void {
    for (const el of form!.elements) {
      if (el instanceof HTMLSelectElement || el instanceof HTMLInputElement) {
        const value = state[el.name as keyof FilterState] ?? '';
        if (
          el instanceof HTMLSelectElement &&
          value &&
          ![...el.options].some((o) => o.value === value)
        )
          continue;
        el.value = value;
      }
    }
  }

  function apply(push: boolean): void {
    const column = state.sort !== undefined ? Number(state.sort) : -1;
    const ordered =
      column >= 0 && column < headers.length
        ? original
            .slice()
            .sort(
              (a, b) =>
                compareCells(
                  a.cells[column]!.textContent ?? '',
                  b.cells[column]!.textContent ?? '',
                ) * (state.dir === 'desc' ? -1 : 1),
            )
        : original;
    let shown = 0;
    for (const row of ordered) {
      const visible = rowMatches(facts.get(row)!, state);
      row.hidden = !visible;
      if (visible) shown++;
      tbody.append(row);
    }
    headers.forEach((th, i) => {
      if (i === column)
        th.setAttribute('aria-sort', state.dir === 'desc' ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    count.textContent = `${shown} of ${original.length} rows`;
    const url = `${location.pathname}${queryFromState(state)}${location.hash}`;
    if (push) history.replaceState(null, '', url);
  }

  writeForm();
  apply(false);
  form.addEventListener('input', () => {
    readForm();
    apply(true);
  });
  form.addEventListener('reset', () => {
    setTimeout(() => {
      state = {};
      apply(true);
    });
  });
  form.addEventListener('submit', (e) => e.preventDefault());
}
