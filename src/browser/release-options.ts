// Shared by the checker and firewall pages: offer only the options a release has.
export interface ReleaseChoices {
  id: string;
  datastores: readonly string[];
  kubeProxyReplacement: readonly boolean[];
  defaultDatastore: string;
  defaultKubeProxyReplacement: boolean;
}

/** Disables the datastore and kube-proxy selects where the release has one choice; resets to its defaults when asked. */
export function syncReleaseSelects(
  form: HTMLFormElement,
  release: ReleaseChoices | undefined,
  resetToDefaults: boolean,
): void {
  if (!release) return;
  const datastore = form.elements.namedItem('datastore') as HTMLSelectElement;
  const kpr = form.elements.namedItem('kpr') as HTMLSelectElement;
  datastore.disabled = release.datastores.length < 2;
  kpr.disabled = release.kubeProxyReplacement.length < 2;
  if (resetToDefaults || datastore.disabled) datastore.value = release.defaultDatastore;
  if (resetToDefaults || kpr.disabled)
    kpr.value = release.defaultKubeProxyReplacement ? 'on' : 'off';
}
