// /search/?q=… runs the query when the page loads, so runbooks can link to a search.
import { answerMessage, hitDetails, search } from './search';

const form = document.querySelector<HTMLFormElement>('#search-page')!;
const status = document.querySelector<HTMLElement>('#search-status')!;
const list = document.querySelector<HTMLOListElement>('#search-results')!;
const params = new URLSearchParams(location.search);
const FILTERS = ['release', 'role', 'interface', 'protocol'];

for (const el of form.elements) {
  if ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement) && params.get(el.name))
    el.value = params.get(el.name)!;
}

async function run(): Promise<void> {
  const q = params.get('q') ?? '';
  if (!q.trim()) {
    status.textContent = 'Type a port number (6443, 10248-10260) or words (hubble, etcd peer).';
    return;
  }
  const filters: Record<string, string[]> = {};
  for (const f of FILTERS) if (params.get(f)) filters[f] = [params.get(f)!];
  const answer = await search(q, filters, 20);
  status.replaceChildren(
    ...answerMessage(
      answer,
      `${answer.hits.length} result${answer.hits.length === 1 ? '' : 's'} for "${q}".`,
    ),
  );
  list.replaceChildren(
    ...answer.hits.map((hit) => {
      const li = document.createElement('li');
      const a = Object.assign(document.createElement('a'), {
        href: hit.url,
        textContent: hit.title,
      });
      li.append(a, ...hitDetails(hit));
      return li;
    }),
  );
}
void run();
