// /firewall/: the rules for the defaults are already in the page. The generator (with the data)
// loads only when the options change or the URL carries some, and stays within the page budget.
import { enableCopyButtons } from './copy-buttons';

const form = document.querySelector<HTMLFormElement>('#fw-form');
let loaded: Promise<void> | undefined;
let app: typeof import('./firewall-app') | undefined;
const load = () =>
  (loaded ??= import('./firewall-app').then((m) => {
    app = m;
    m.start();
  }));
document
  .getElementById('fw-cloud-show')
  ?.addEventListener('click', () => void load().then(() => app?.showCloud()));
if (form) {
  if (location.search.length > 1) void load();
  form.addEventListener('focusin', () => void load(), { once: true });
  form.addEventListener('input', () => void load(), { once: true });
}
enableCopyButtons();
