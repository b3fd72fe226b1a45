/// <reference types="astro/client" />

declare module 'virtual:ck8s-reference' {
  /** The data without its prose (src/domain/slim.ts) and without owners. */
  const reference: import('./domain/schema').Reference;
  export default reference;
  /** Other software that commonly holds these ports, for the checker. */
  export const owners: import('./domain/schema').Owner[];
  /** k8sd's pre-flight checks, for the checker. */
  export const preflight: import('./domain/schema').Reference['preflight'];
}

declare module 'virtual:ck8s-firewalld' {
  /** firewalld's shipped service definitions (data/firewalld-services.json). */
  const catalog: import('./domain/schema').FirewalldCatalog;
  export default catalog;
}
