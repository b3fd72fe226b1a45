// /reach/: the script for the defaults is in the page; the generator loads on the first change.
const form = document.querySelector<HTMLFormElement>('#reach-form');
let loaded: Promise<typeof import('./reach-app')> | undefined;
const load = () =>
  (loaded ??= import('./reach-app').then((m) => {
    m.start();
    return m;
  }));
if (form) {
  if (location.search.length > 1) void load();
  form.addEventListener('focusin', () => void load(), { once: true });
}
document.getElementById('reach-download')?.addEventListener('click', () => {
  void load().then((m) => m.download());
});
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

export {};
