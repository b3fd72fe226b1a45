// Loaded on every page: the theme toggle and "copy link" buttons. Kept tiny on purpose.
import { withBase } from './base';
const root = document.documentElement;
const toggle = document.querySelector<HTMLButtonElement>('.theme-toggle');

function isDark(): boolean {
  const chosen = root.dataset.theme;
  return chosen ? chosen === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
}
function reflect(): void {
  toggle?.setAttribute('aria-pressed', String(isDark()));
}
if (toggle) {
  reflect();
  toggle.addEventListener('click', () => {
    const next = isDark() ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem('theme', next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    reflect();
  });
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a.anchor');
  if (!(link instanceof HTMLAnchorElement) || !navigator.clipboard) return;
  // A row's permanent link: the page and the anchor, without the filters in the query.
  const target = new URL(link.href);
  if (link.getAttribute('href')?.startsWith('#')) target.search = '';
  void navigator.clipboard.writeText(target.href).then(
    () => {
      link.dataset.copied = '';
      link.setAttribute('aria-label', 'Link copied');
      setTimeout(() => {
        delete link.dataset.copied;
        link.setAttribute('aria-label', link.dataset.label ?? 'Copy link');
      }, 1500);
    },
    () => undefined,
  );
});

addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement;
  if (target.closest('input, textarea, select, [contenteditable]')) return;
  const box = document.getElementById('site-search');
  if (box) {
    event.preventDefault();
    box.focus();
  }
});

// The search code and its indexes load only when the search box is used.
const searchBox = document.getElementById('site-search');
if (searchBox instanceof HTMLInputElement) {
  const load = () => void import('./search-box').then((m) => m.attach(searchBox));
  searchBox.addEventListener('focus', load, { once: true });
  if (document.activeElement === searchBox) load();
}

// Offline use: pages visited once, and the whole checker, keep working without a network.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  addEventListener(
    'load',
    () => void navigator.serviceWorker.register(withBase('/sw.js')).catch(() => undefined),
  );
}
