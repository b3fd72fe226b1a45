declare module 'virtual:ck8s-reference' {
  const reference: import('./domain/schema').Reference;
  export default reference;
  /** firewalld's shipped service definitions (data/firewalld-services.json). */
  export const firewalld: import('./domain/schema').FirewalldCatalog;
}
