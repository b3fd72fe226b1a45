// /reach/: the script for the defaults is in the page; the generator loads on the first change.
import { enableCopyButtons } from './copy-buttons';

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
enableCopyButtons();
