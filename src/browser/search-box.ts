// The header search box as a combobox: arrows move, Enter opens, Escape closes.
import { answerMessage, hitDetails, search, warm, type Answer } from './search';

export function attach(input: HTMLInputElement): void {
  if (input.dataset.attached) return;
  input.dataset.attached = '';
  const form = input.form!;
  const pop = document.createElement('div');
  pop.className = 'search-pop';
  pop.hidden = true;
  const status = document.createElement('div');
  status.setAttribute('role', 'status');
  status.className = 'search-msg';
  const list = document.createElement('ul');
  list.id = 'site-search-list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Search results');
  pop.append(status, list);
  form.append(pop);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  let answer: Answer = { hits: [] };
  let active = -1;
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const options = () => [...list.querySelectorAll<HTMLElement>('[role=option]')];
  function open(show: boolean): void {
    pop.hidden = !show;
    input.setAttribute('aria-expanded', String(show));
  }
  function setActive(i: number): void {
    const opts = options();
    active = opts.length ? (i + opts.length) % opts.length : -1;
    opts.forEach((o, j) => o.setAttribute('aria-selected', String(j === active)));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', opts[active]!.id);
      opts[active]!.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }
  function render(a: Answer): void {
    answer = a;
    status.replaceChildren(...(a.message ? answerMessage(a) : []));
    list.replaceChildren(
      ...a.hits.map((hit, i) => {
        const li = document.createElement('li');
        li.id = `site-search-opt-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.dataset.url = hit.url;
        const title = document.createElement('strong');
        title.textContent = hit.title;
        li.append(title, ...hitDetails(hit));
        li.addEventListener('mousedown', (e) => e.preventDefault());
        li.addEventListener('click', () => location.assign(hit.url));
        return li;
      }),
    );
    list.hidden = a.hits.length === 0;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    open(!!(a.message || a.hits.length));
  }
  async function update(): Promise<void> {
    const mine = ++seq;
    const q = input.value;
    if (!q.trim()) {
      render({ hits: [] });
      return;
    }
    const started = performance.now();
    const a = await search(q);
    if (mine !== seq) return;
    render(a);
    document.documentElement.dataset.searchMs = String(Math.round(performance.now() - started));
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), 60);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (pop.hidden) open(true);
      setActive(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Escape') {
      if (!pop.hidden) {
        e.preventDefault();
        open(false);
        setActive(-1);
      } else input.value = '';
    } else if (e.key === 'Enter') {
      const chosen = options()[active]?.dataset.url ?? answer.exact;
      if (chosen) {
        e.preventDefault();
        location.assign(chosen);
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(() => open(false), 150));
  input.addEventListener('focus', () => {
    if (input.value.trim() && (answer.message || answer.hits.length)) open(true);
  });
  warm();
  if (input.value.trim()) void update();
}
