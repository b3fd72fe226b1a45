// /firewall/: the rules for the defaults are already in the page. The generator (with the data)
// loads only when the options change or the URL carries some, and stays within the page budget.
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
document.addEventListener('click', (e) => {
  const button = (e.target as Element).closest<HTMLButtonElement>('button.copy');
  if (!button) return;
  const text = document.getElementById(button.dataset.copy!)?.textContent ?? '';
  void navigator.clipboard.writeText(text).then(
    () => {
      const label = button.textContent;
      button.textContent = 'Copied';
      setTimeout(() => (button.textContent = label), 1500);
    },
    () => undefined,
  );
});
