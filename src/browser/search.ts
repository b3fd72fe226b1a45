// Search: numbers from the site's own port index, words from Pagefind. Loaded only once the
// search box is used, never on page load.
import { withBase } from './base';
import { answerQuery, type PortAnswer, type PortIndexEntry } from '../domain/search-query';
import { notAPort } from '../domain/ports';

export interface Hit {
  url: string;
  title: string;
  detail: string;
  excerpt?: string;
  badge?: 'exact' | 'partial' | 'in range';
}

export interface Answer {
  message?: string;
  /** Plain link to the checker for numbers Canonical Kubernetes does not use. */
  checker?: string;
  hits: Hit[];
  exact?: string;
}

type PagefindResult = { url: string; excerpt: string; meta: Record<string, string> };
type Pagefind = {
  options(o: object): Promise<void>;
  init(): Promise<void>;
  search(q: string, o?: object): Promise<{ results: { data(): Promise<PagefindResult> }[] } | null>;
};

let indexPromise: Promise<PortIndexEntry[]> | undefined;
let pagefindPromise: Promise<Pagefind> | undefined;
/** The releases the site covers, "1.32–1.36", as the page states them. */
const RANGE = document.documentElement.dataset.releases ?? '';

function portIndex(): Promise<PortIndexEntry[]> {
  indexPromise ??= fetch(withBase('/search/ports.json')).then(
    (r) => r.json() as Promise<PortIndexEntry[]>,
  );
  return indexPromise;
}

function pagefind(): Promise<Pagefind> {
  const url = withBase('/pagefind/pagefind.js');
  pagefindPromise ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (pf) => {
    // Exact words and titles matter more than long pages that mention a term in passing.
    await pf.options({
      ranking: { termFrequency: 0.6, pageLength: 0.9, termSaturation: 1.2, termSimilarity: 1.0 },
    });
    await pf.init();
    return pf;
  });
  return pagefindPromise;
}

/** Starts loading both indexes (on focus), so the first keystroke is answered quickly. */
export function warm(): void {
  void portIndex();
  void pagefind().catch(() => undefined);
}

const portHit = (e: PortIndexEntry, badge: NonNullable<Hit['badge']>): Hit => ({
  url: withBase(e.url),
  title: `Port ${e.port}${e.endPort ? `-${e.endPort}` : ''} (${e.protocols.join(', ')})`,
  detail: e.summary,
  badge,
});

function fromPorts(answer: Exclude<PortAnswer, { kind: 'words' }>): Answer {
  switch (answer.kind) {
    case 'exact':
      return {
        hits: [portHit(answer.entry, 'exact'), ...answer.partial.map((e) => portHit(e, 'partial'))],
        exact: withBase(answer.entry.url),
      };
    case 'key':
      return {
        message: `"${answer.key}" is the name k8sd's pre-flight check gives port ${answer.entry.port}:`,
        hits: [portHit(answer.entry, 'exact')],
        exact: withBase(answer.entry.url),
      };
    case 'in-range':
      return {
        message: `${answer.port} is inside ${answer.entry.port}-${answer.entry.endPort}: ${answer.entry.summary}.`,
        hits: [
          portHit(answer.entry, 'in range'),
          ...answer.partial.map((e) => portHit(e, 'partial')),
        ],
        exact: withBase(answer.entry.url),
      };
    case 'unused':
      return {
        message: `${answer.port} is not used by Canonical Kubernetes ${RANGE}.${answer.partial.length ? ' Known ports that start with it:' : ''}`,
        checker: withBase(`/check/#ports=${answer.port}`),
        hits: answer.partial.map((e) => portHit(e, 'partial')),
      };
    case 'range':
      return {
        message: answer.entries.length
          ? `Known ports from ${answer.from} to ${answer.to}:`
          : `Canonical Kubernetes ${RANGE} uses no port from ${answer.from} to ${answer.to}.`,
        hits: answer.entries.map((e) => portHit(e, 'in range')),
      };
    case 'out-of-range':
      return {
        message: notAPort(answer.text),
        hits: [],
      };
  }
}

/** Pagefind excerpts mark matches with <mark>; keep the words, drop any markup. */
export function excerptText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return doc.body.textContent ?? '';
}

export async function search(
  query: string,
  filters: Record<string, string[]> = {},
  limit = 8,
): Promise<Answer> {
  const q = query.trim();
  if (!q) return { hits: [] };
  const answer = answerQuery(q, await portIndex());
  if (answer.kind !== 'words') return fromPorts(answer);
  try {
    const pf = await pagefind();
    const found = await pf.search(q, Object.keys(filters).length ? { filters } : {});
    const data = await Promise.all((found?.results ?? []).slice(0, limit).map((r) => r.data()));
    const hits = data.map((d) => ({
      url: withBase(d.url),
      title: d.meta.title ?? d.url,
      detail: [d.meta.port && `port ${d.meta.port}`, d.meta.protocol, d.meta.service]
        .filter(Boolean)
        .join(' · '),
      excerpt: excerptText(d.excerpt),
    }));
    return hits.length ? { hits } : { message: `Nothing matches "${q}".`, hits: [] };
  } catch {
    return {
      message:
        'Full-text search is unavailable (the search index did not load). Port numbers still work.',
      hits: [],
    };
  }
}

const span = (className: string, textContent: string) =>
  Object.assign(document.createElement('span'), { className, textContent });

/** The parts of a result after its title: the exact/partial badge, port·protocol·service, and the snippet. Text only. */
export function hitDetails(hit: Hit): (Node | string)[] {
  const parts: (Node | string)[] = [];
  if (hit.badge) parts.push(' ', span(`tag badge-${hit.badge.replace(' ', '-')}`, hit.badge));
  if (hit.detail) parts.push(span('detail', hit.detail));
  if (hit.excerpt) parts.push(span('excerpt', hit.excerpt));
  return parts;
}

/** The answer's message, with a link to the checker for numbers Canonical Kubernetes does not use. */
export function answerMessage(answer: Answer, fallback = ''): (Node | string)[] {
  const parts: (Node | string)[] = [answer.message ?? fallback];
  if (answer.checker)
    parts.push(
      ' ',
      Object.assign(document.createElement('a'), {
        href: answer.checker,
        textContent: 'Check it against your listeners in the conflict checker',
      }),
      '.',
    );
  return parts;
}
